// Sends what the young person shares to their worker. The core decides what
// may leave the device; sending is idempotent, so a lost answer is harmless
// and the next attempt simply sends again.

import { ApiError, OfflineError } from '../api/client';
import { buildSyncBatch } from '../core';
import type { SyncOutcome } from '../core';
import { checkIns } from '../store/db';
import { api, loadGrants, loadSession } from './session';

export type SyncStatus =
  | { state: 'not_connected' }
  | { state: 'not_shared' }
  | { state: 'sending' }
  | { state: 'sent'; at: string }
  | { state: 'up_to_date' }
  | { state: 'failed'; reason: string };

const BATCH_SIZE = 100;

export async function syncNow(): Promise<SyncStatus> {
  if (!(await loadSession())) return { state: 'not_connected' };
  const grants = await loadGrants();
  if (!grants.some((g) => g.scope === 'mood')) return { state: 'not_shared' };
  const pending = (await checkIns.all()).filter((row) => !row.syncedAt);
  const checked = buildSyncBatch({ check_ins: pending.map((row) => row.checkIn) }, grants);
  if (checked.status === 'invalid') return { state: 'failed', reason: checked.errors[0]?.message ?? '' };
  const records = checked.value.records;
  if (records.length === 0) return { state: 'up_to_date' };
  try {
    const now = new Date().toISOString();
    for (let start = 0; start < records.length; start += BATCH_SIZE) {
      const batch = { version: checked.value.version, records: records.slice(start, start + BATCH_SIZE) };
      const outcome = await api.call<SyncOutcome>('POST', '/sync', batch);
      const stored = new Set(outcome.stored);
      for (const row of pending) {
        if (stored.has(row.id)) await checkIns.put({ ...row, syncedAt: now });
      }
    }
    return { state: 'sent', at: now };
  } catch (error) {
    if (error instanceof OfflineError) return { state: 'failed', reason: 'No internet right now.' };
    if (error instanceof ApiError) return { state: 'failed', reason: error.message };
    return { state: 'failed', reason: 'Something went wrong.' };
  }
}

/** After consent changes, everything is offered again under the new rules. */
export async function markAllUnsent(): Promise<void> {
  for (const row of await checkIns.all()) {
    if (row.syncedAt) await checkIns.put({ ...row, syncedAt: undefined });
  }
}

export function describe(status: SyncStatus): { text: string; tone: 'ok' | 'warn' | '' } {
  switch (status.state) {
    case 'not_connected':
      return { text: 'Only on this phone. Nothing is shared.', tone: '' };
    case 'not_shared':
      return { text: 'Not shared. Your check-ins stay on this phone.', tone: '' };
    case 'sending':
      return { text: 'Sending…', tone: '' };
    case 'sent':
      return { text: `Sent to your worker at ${clock(status.at)}.`, tone: 'ok' };
    case 'up_to_date':
      return { text: 'Your worker has everything you chose to share.', tone: 'ok' };
    case 'failed':
      return { text: `Couldn’t send. ${status.reason} We’ll try again.`, tone: 'warn' };
  }
}

function clock(iso: string): string {
  return new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
}
