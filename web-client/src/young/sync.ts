// Sends what the young person shares to their worker. The core decides what
// may leave the device; sending is idempotent, so a lost answer is harmless
// and the next attempt simply sends again.

import { ApiError, OfflineError } from '../api/client';
import { buildSyncBatch } from '../core';
import type { SyncOutcome } from '../core';
import { checkIns, settings } from '../store/db';
import { api, loadGrants, loadSession } from './session';

export type SyncStatus =
  | { state: 'not_connected' }
  | { state: 'not_shared' }
  | { state: 'sending' }
  | { state: 'sent'; at: string }
  | { state: 'up_to_date'; lastSentAt?: string }
  | { state: 'waiting' }
  | { state: 'failed' };

const BATCH_SIZE = 100;
const LAST_SENT = 'last_sent_at';

export async function syncNow(): Promise<SyncStatus> {
  if (!(await loadSession())) return { state: 'not_connected' };
  const grants = await loadGrants();
  if (!grants.some((g) => g.scope === 'mood')) return { state: 'not_shared' };
  const pending = (await checkIns.all()).filter((row) => !row.syncedAt && !row.refused);
  const checked = buildSyncBatch({ check_ins: pending.map((row) => row.checkIn) }, grants);
  if (checked.status === 'invalid') return { state: 'failed' };
  const records = checked.value.records;
  if (records.length === 0) return upToDate();
  try {
    const now = new Date().toISOString();
    let stored = 0;
    for (let start = 0; start < records.length; start += BATCH_SIZE) {
      const batch = { version: checked.value.version, records: records.slice(start, start + BATCH_SIZE) };
      const outcome = await api.call<SyncOutcome>('POST', '/sync', batch);
      const storedIds = new Set(outcome.stored);
      const refused = new Map(outcome.refused.map((r) => [r.id, r.code]));
      for (const row of pending) {
        if (storedIds.has(row.id)) await checkIns.put({ ...row, syncedAt: now });
        else if (refused.has(row.id)) await checkIns.put({ ...row, refused: refused.get(row.id) });
      }
      stored += storedIds.size;
    }
    // Only what the server stored counts as sent.
    if (stored === 0) return upToDate();
    await settings.set(LAST_SENT, now);
    return { state: 'sent', at: now };
  } catch (error) {
    if (error instanceof OfflineError) return { state: 'waiting' };
    if (error instanceof ApiError && error.status === 401 && !(await loadSession())) return { state: 'not_connected' };
    return { state: 'failed' };
  }
}

async function upToDate(): Promise<SyncStatus> {
  return { state: 'up_to_date', lastSentAt: await settings.get<string>(LAST_SENT) };
}

/** After consent changes, everything is offered again under the new rules. */
export async function markAllUnsent(): Promise<void> {
  for (const row of await checkIns.all()) {
    if (row.syncedAt || row.refused) await checkIns.put({ ...row, syncedAt: undefined, refused: undefined });
  }
}

/** What the home screen says, honestly: only what the server stored is "sent". */
export function describe(status: SyncStatus): { text: string; tone: 'ok' | 'warn' | '' } {
  switch (status.state) {
    case 'not_connected':
      return { text: 'Only on this phone. Nothing is shared.', tone: '' };
    case 'not_shared':
      return { text: 'Not shared. Your check-ins stay on this phone.', tone: '' };
    case 'sending':
      return { text: 'Sending…', tone: '' };
    case 'sent':
      return { text: `Sent to your worker ${when(status.at)}.`, tone: 'ok' };
    case 'up_to_date':
      return status.lastSentAt
        ? { text: `Sent to your worker ${when(status.lastSentAt)}. Nothing new to send.`, tone: 'ok' }
        : { text: 'Nothing new to send.', tone: 'ok' };
    case 'waiting':
      return { text: 'Waiting to send. It will go when you’re online again.', tone: 'warn' };
    case 'failed':
      return { text: 'Couldn’t send — we’ll try again soon.', tone: 'warn' };
  }
}

/** "at 16:05" today, "on Mon 23 Nov at 16:05" another day. */
export function when(iso: string, now: Date = new Date()): string {
  const date = new Date(iso);
  const time = date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  if (date.toDateString() === now.toDateString()) return `at ${time}`;
  const day = date.toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short' });
  return `on ${day} at ${time}`;
}
