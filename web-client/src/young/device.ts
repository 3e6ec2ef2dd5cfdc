// What this phone keeps about the young person besides their records: the
// first-run choices and the PIN hash; and the two ways to take it all away
// (a file to keep, or wiping the device).

import type { AgeBand } from '../core';
import { ApiError } from '../api/client';
import { deleteEverything, settings } from '../store/db';
import { currentSubscription } from '../push/subscribe';
import { api } from './session';
import type { PinHash } from './pin';

const WELCOMED = 'welcomed';
const AGE_BAND = 'age_band';
const PIN = 'pin';
const PIN_TRIES = 'pin_tries';
/** Keys that are secrets, never put in an export. */
const SECRET_KEYS = [PIN, PIN_TRIES, 'session', 'reminder', 'push_subscription'];

/** Wrong PIN tries since the last right one, and when the next may be made.
 * Kept with the PIN so reloading the app does not reset the wait. */
export interface PinTries {
  wrong: number;
  waitUntil: number;
}

export const AGE_BANDS: AgeBand[] = ['10-12', '13-15', '16-18'];

export const profile = {
  welcomed: async () => Boolean(await settings.get<boolean>(WELCOMED)),
  finishWelcome: async (ageBand: AgeBand | undefined) => {
    if (ageBand) await settings.set(AGE_BAND, ageBand);
    await settings.set(WELCOMED, true);
  },
  ageBand: () => settings.get<AgeBand>(AGE_BAND),
  setAgeBand: (band: AgeBand | undefined) => settings.set(AGE_BAND, band),
  pin: () => settings.get<PinHash>(PIN),
  setPin: async (hash: PinHash | undefined) => {
    await settings.set(PIN_TRIES, undefined);
    await settings.set(PIN, hash);
  },
  pinTries: async (): Promise<PinTries> => (await settings.get<PinTries>(PIN_TRIES)) ?? { wrong: 0, waitUntil: 0 },
  setPinTries: (tries: PinTries | undefined) => settings.set(PIN_TRIES, tries),
};

/** Everything on this device, as one JSON document, minus secrets. */
export async function deviceExport(): Promise<string> {
  const stores: Record<string, unknown> = {};
  const db = await openExisting();
  for (const name of Array.from(db.objectStoreNames)) {
    const tx = db.transaction(name, 'readonly');
    const store = tx.objectStore(name);
    const [keys, values] = await Promise.all([request(store.getAllKeys()), request(store.getAll())]);
    stores[name] =
      name === 'kv'
        ? Object.fromEntries(keys.map((k, i) => [String(k), values[i]]).filter(([k]) => !SECRET_KEYS.includes(k as string)))
        : values;
  }
  db.close();
  return JSON.stringify({ exported_at: new Date().toISOString(), from: 'this device', ...stores }, null, 2);
}

/** Offers `text` as a file to save. */
export function download(name: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Deletes everything Lantern keeps on this device: the reminder on the
 * server (it would otherwise keep buzzing), the push subscription, the
 * database and any cache that is not the app's own files. */
export async function wipeDevice(): Promise<void> {
  const reminder = await settings.get<{ id: string; secret: string }>('reminder').catch(() => undefined);
  if (reminder) {
    await api
      .anonymous('DELETE', `/reminders/${encodeURIComponent(reminder.id)}`, undefined, {
        'lantern-reminder-secret': reminder.secret,
      })
      .catch((error: unknown) => {
        if (!(error instanceof ApiError)) return; // offline: it stops when the push fails
      });
  }
  await (await currentSubscription().catch(() => undefined))?.unsubscribe().catch(() => false);
  if ('caches' in window) {
    for (const name of await caches.keys()) if (!name.startsWith('lantern-app-')) await caches.delete(name);
  }
  await deleteEverything();
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

function openExisting(): Promise<IDBDatabase> {
  return request(indexedDB.open('lantern'));
}
