// The young person's data on their own device, in IndexedDB: check-ins,
// strategies tried, goals and their ratings, questionnaires (the wheel), and
// small settings (session, consent grants) in a key-value store.

import type { CheckIn, Goal, GoalRating, MeasureResponse, StrategyUse } from '../core';

const DB_NAME = 'lantern';
const DB_VERSION = 3;

export interface StoredCheckIn {
  id: string;
  checkIn: CheckIn;
  /** When the server last confirmed it stored this check-in; cleared when
   * consent changes so what is shared is sent again. */
  syncedAt?: string;
  /** Why the server would not store it (e.g. `scope_not_shared`); it is not
   * offered again until consent changes. */
  refused?: string;
  /** When the server confirmed it has the self-harm answer (sent as a
   * disclosure, whatever is shared), so it is not sent again. */
  disclosedAt?: string;
  /** The server said a worker (or the duty contact) was told. */
  workerTold?: boolean;
}

let opening: Promise<IDBDatabase> | undefined;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      for (const [name, options] of [
        ['check_ins', { keyPath: 'id' }],
        ['kv', undefined],
        ['strategy_uses', { keyPath: 'id' }],
        ['goals', { keyPath: 'id' }],
        ['goal_ratings', { keyPath: 'id' }],
        ['measure_responses', { keyPath: 'id' }],
      ] as const) {
        if (!db.objectStoreNames.contains(name)) db.createObjectStore(name, options);
      }
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  return opening;
}

async function run<T>(
  store: string,
  mode: IDBTransactionMode,
  work: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await open();
  return new Promise((resolve, reject) => {
    const transaction = db.transaction(store, mode);
    const request = work(transaction.objectStore(store));
    transaction.oncomplete = () => resolve(request.result);
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error);
  });
}

export const checkIns = {
  all: async (): Promise<StoredCheckIn[]> => {
    const rows = await run<StoredCheckIn[]>('check_ins', 'readonly', (s) => s.getAll());
    return rows.sort((a, b) => b.checkIn.recorded_at.localeCompare(a.checkIn.recorded_at));
  },
  get: (id: string) => run<StoredCheckIn | undefined>('check_ins', 'readonly', (s) => s.get(id)),
  put: (row: StoredCheckIn) => run('check_ins', 'readwrite', (s) => s.put(row)).then(() => undefined),
};

export const settings = {
  get: <T>(key: string) => run<T | undefined>('kv', 'readonly', (s) => s.get(key)),
  set: async (key: string, value: unknown): Promise<void> => {
    if (value === undefined) await run('kv', 'readwrite', (s) => s.delete(key));
    else await run('kv', 'readwrite', (s) => s.put(value, key));
  },
};

/** Strategies tried, with before/after ratings: what the core learns from. */
export const strategyUses = {
  all: () => run<StrategyUse[]>('strategy_uses', 'readonly', (s) => s.getAll()),
  put: (use: StrategyUse) => run('strategy_uses', 'readwrite', (s) => s.put(use)).then(() => undefined),
  clear: () => run('strategy_uses', 'readwrite', (s) => s.clear()).then(() => undefined),
};

/** Up to three goals in the young person's own words (the core checks). */
export const goals = {
  all: async (): Promise<Goal[]> => {
    const rows = await run<Goal[]>('goals', 'readonly', (s) => s.getAll());
    return rows.sort((a, b) => a.set_at.localeCompare(b.set_at));
  },
  put: (goal: Goal) => run('goals', 'readwrite', (s) => s.put(goal)).then(() => undefined),
  delete: (id: string) => run('goals', 'readwrite', (s) => s.delete(id)).then(() => undefined),
};

/** How close the young person feels to each goal, 0–10, over time. */
export const goalRatings = {
  all: () => run<GoalRating[]>('goal_ratings', 'readonly', (s) => s.getAll()),
  put: (rating: GoalRating) => run('goal_ratings', 'readwrite', (s) => s.put(rating)).then(() => undefined),
  delete: (id: string) => run('goal_ratings', 'readwrite', (s) => s.delete(id)).then(() => undefined),
};

/** Questionnaires filled in: the resilience wheel, and any a service adds. */
export const measureResponses = {
  all: async (): Promise<MeasureResponse[]> => {
    const rows = await run<MeasureResponse[]>('measure_responses', 'readonly', (s) => s.getAll());
    return rows.sort((a, b) => a.completed_at.localeCompare(b.completed_at));
  },
  put: (response: MeasureResponse) => run('measure_responses', 'readwrite', (s) => s.put(response)).then(() => undefined),
};

/** Deletes the whole database (everything the young person has on this
 * device). The next use opens a fresh, empty one. */
export async function deleteEverything(): Promise<void> {
  const db = await opening?.catch(() => undefined);
  db?.close();
  opening = undefined;
  await new Promise<void>((resolve, reject) => {
    const request = indexedDB.deleteDatabase(DB_NAME);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    request.onblocked = () => resolve();
  });
}
