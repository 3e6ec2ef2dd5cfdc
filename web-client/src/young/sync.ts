// Sends what the young person shares to their worker. The core decides what
// may leave the device; sending is idempotent, so a lost answer is harmless
// and the next attempt simply sends again.

import { ApiError, OfflineError } from '../api/client';
import { buildSyncBatch } from '../core';
import type { SyncOutcome, SyncRecord } from '../core';
import { day, t, time } from '../i18n';
import { checkIns, goalRatings, goals, measureResponses, settings, strategyUses, type StoredCheckIn } from '../store/db';
import { markPlanSent, markPlanUnsent, planToSend } from './plan';
import { dropTombstones, fingerprint, forgetSent, loadSent, loadTombstones, saveSent } from './sent';
import { api, connectedSince, loadGrants, loadSession } from './session';

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
  const sharesMood = grants.some((g) => g.scope === 'mood');
  const sharesAny = grants.length > 0;
  const rows = await checkIns.all();
  // Check-ins go while shared; a self-harm answer goes once whatever is shared.
  const answerToSend = (row: StoredCheckIn) =>
    !row.disclosedAt && (row.checkIn.self_harm === 'a_little' || row.checkIn.self_harm === 'yes');
  const pending = rows.filter((row) => (sharesMood && !row.syncedAt && !row.refused) || answerToSend(row));
  // Other records go when new or changed since the server last had them; the
  // core leaves out whatever their scope does not allow.
  const sent = await loadSent();
  const fingerprints = new Map<string, string>();
  const unsent = <T extends { id: string }>(list: T[]) =>
    list.filter((record) => {
      const print = fingerprint(record);
      fingerprints.set(record.id, print);
      return sent[record.id] !== print;
    });
  const checked = buildSyncBatch(
    {
      check_ins: pending.map((row) => row.checkIn),
      strategy_uses: unsent(await strategyUses.all()),
      goals: unsent(await goals.all()),
      goal_ratings: unsent(await goalRatings.all()),
      measure_responses: unsent(await measureResponses.all()),
      // The core leaves the plan out unless its scope is shared; deletions always go.
      safety_plan: await planToSend(),
      deleted: await loadTombstones(),
      connected_since: await connectedSince(),
    },
    grants,
  );
  if (checked.status === 'invalid') return { state: 'failed' };
  // Rows already sent or refused are in `pending` only for their answer.
  const records = checked.value.records.filter((record) => {
    if (record.op === 'upsert_disclosure') return !rows.find((r) => r.id === record.disclosure.id)?.disclosedAt;
    if (record.op === 'upsert_check_in') {
      const row = rows.find((r) => r.id === record.check_in.id);
      return !row?.syncedAt && !row?.refused;
    }
    return true;
  });
  if (records.length === 0) return sharesAny ? upToDate() : { state: 'not_shared' };
  try {
    const now = new Date().toISOString();
    let stored = 0;
    for (let start = 0; start < records.length; start += BATCH_SIZE) {
      const slice = records.slice(start, start + BATCH_SIZE);
      const batch = { version: checked.value.version, records: slice };
      const outcome = await api.call<SyncOutcome>('POST', '/sync', batch);
      const storedIds = new Set(outcome.stored);
      const told = new Set(outcome.worker_told);
      const refused = new Map(outcome.refused.map((r) => [r.id, r.code]));
      const settled = (id: string) => storedIds.has(id) || refused.has(id);
      const forgotten = new Set<string>();
      for (const record of slice) {
        if (record.op === 'upsert_safety_plan' && storedIds.has(record.safety_plan.id)) {
          await markPlanSent(record.safety_plan);
          stored += 1;
          continue;
        }
        const other = otherRecordId(record);
        if (other) {
          // Refused ones wait for a change of consent, like check-ins.
          if (settled(other)) sent[other] = fingerprints.get(other) ?? '';
          if (storedIds.has(other)) stored += 1;
          continue;
        }
        if (record.op === 'delete') {
          if (outcome.deleted.includes(record.id) || settled(record.id)) forgotten.add(record.id);
          continue;
        }
        const id = record.op === 'upsert_check_in' ? record.check_in.id : record.op === 'upsert_disclosure' ? record.disclosure.id : undefined;
        const row = id && (await checkIns.get(id));
        if (!row) continue;
        if (record.op === 'upsert_disclosure' && settled(row.id)) {
          await checkIns.put({ ...row, disclosedAt: now, workerTold: told.has(row.id) });
        } else if (record.op === 'upsert_check_in' && storedIds.has(row.id)) {
          await checkIns.put({ ...row, syncedAt: now });
          stored += 1;
        } else if (record.op === 'upsert_check_in' && refused.has(row.id)) {
          await checkIns.put({ ...row, refused: refused.get(row.id) });
        }
      }
      await saveSent(sent);
      if (forgotten.size) await dropTombstones(forgotten);
    }
    // Only records the server stored count as sent.
    if (stored === 0) return sharesAny ? upToDate() : { state: 'not_shared' };
    await settings.set(LAST_SENT, now);
    return { state: 'sent', at: now };
  } catch (error) {
    if (error instanceof OfflineError) return { state: 'waiting' };
    if (error instanceof ApiError && error.status === 401 && !(await loadSession())) return { state: 'not_connected' };
    return { state: 'failed' };
  }
}

/** The id of a goal, rating, questionnaire or strategy use in the batch. */
function otherRecordId(record: SyncRecord): string | undefined {
  switch (record.op) {
    case 'upsert_goal':
      return record.goal.id;
    case 'upsert_goal_rating':
      return record.goal_rating.id;
    case 'upsert_measure_response':
      return record.measure_response.id;
    case 'upsert_strategy_use':
      return record.strategy_use.id;
    default:
      return undefined;
  }
}

async function upToDate(): Promise<SyncStatus> {
  return { state: 'up_to_date', lastSentAt: await settings.get<string>(LAST_SENT) };
}

/** After consent changes, everything is offered again under the new rules. */
export async function markAllUnsent(): Promise<void> {
  await forgetSent();
  await markPlanUnsent();
  for (const row of await checkIns.all()) {
    if (row.syncedAt || row.refused) await checkIns.put({ ...row, syncedAt: undefined, refused: undefined });
  }
}

/** What the home screen says, honestly: only what the server stored is "sent". */
export function describe(status: SyncStatus): { text: string; tone: 'ok' | 'warn' | '' } {
  switch (status.state) {
    case 'not_connected':
      return { text: t.sync.notConnected, tone: '' };
    case 'not_shared':
      return { text: t.sync.notShared, tone: '' };
    case 'sending':
      return { text: t.sync.sending, tone: '' };
    case 'sent':
      return { text: t.sync.sent(when(status.at)), tone: 'ok' };
    case 'up_to_date':
      return status.lastSentAt
        ? { text: t.sync.sentNothingNew(when(status.lastSentAt)), tone: 'ok' }
        : { text: t.sync.nothingNew, tone: 'ok' };
    case 'waiting':
      return { text: t.sync.waiting, tone: 'warn' };
    case 'failed':
      return { text: t.sync.failed, tone: 'warn' };
  }
}

/** "at 16:05" today, "on Mon 23 Nov at 16:05" another day. */
export function when(iso: string, now: Date = new Date()): string {
  const date = new Date(iso);
  if (date.toDateString() === now.toDateString()) return t.sync.today(time(date));
  return t.sync.otherDay(day(date, { weekday: 'short' }), time(date));
}
