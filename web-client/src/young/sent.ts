// What the server already has of the records other than check-ins (goals,
// their ratings, questionnaires, strategies tried), and what the young
// person deleted. A record is offered again when it changes (a goal edited,
// a strategy rated afterwards), so each is remembered by a fingerprint of
// its content rather than a flag on its row.

import type { Tombstone } from '../core';
import { settings } from '../store/db';

const SENT = 'sent_records';
/** Deletions (goals, ratings, the safety plan) the server has not confirmed. */
const DELETED = 'deleted_records';
/** Where earlier versions kept the safety plan's deletion apart. */
const EARLIER_DELETED = 'deleted';

/** FNV-1a over the record's JSON: enough to notice an edit. */
export function fingerprint(record: unknown): string {
  const text = JSON.stringify(record);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

export async function loadSent(): Promise<Record<string, string>> {
  return (await settings.get<Record<string, string>>(SENT)) ?? {};
}

export async function saveSent(sent: Record<string, string>): Promise<void> {
  await settings.set(SENT, sent);
}

/** After consent changes, everything is offered again under the new rules. */
export async function forgetSent(): Promise<void> {
  await settings.set(SENT, undefined);
}

export async function loadTombstones(): Promise<Tombstone[]> {
  const kept = (await settings.get<Tombstone[]>(DELETED)) ?? [];
  const earlier = await settings.get<Tombstone[]>(EARLIER_DELETED);
  if (!earlier) return kept;
  // Moved into the one list, so the server still hears of them.
  const merged = [...kept, ...earlier.filter((t) => !kept.some((k) => k.id === t.id))];
  await settings.set(DELETED, merged.length ? merged : undefined);
  await settings.set(EARLIER_DELETED, undefined);
  return merged;
}

/** Deleted on the phone: the server is asked to forget them too. */
export async function addTombstones(tombstones: Tombstone[]): Promise<void> {
  await settings.set(DELETED, [...(await loadTombstones()), ...tombstones]);
}

export async function dropTombstones(ids: Set<string>): Promise<void> {
  const left = (await loadTombstones()).filter((t) => !ids.has(t.id));
  await settings.set(DELETED, left.length ? left : undefined);
}
