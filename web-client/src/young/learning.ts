// The suggestion engine on the device: the young person's ratings are
// loaded into the core once, and every new rating is added to it and kept
// in IndexedDB. Nothing here leaves the device.

import { Suggester, type Learned, type StrategyUse } from '../core';
import { strategyUses } from '../store/db';

let engine: Promise<Suggester> | undefined;

export function suggester(): Promise<Suggester> {
  engine ??= strategyUses.all().then((history) => new Suggester(history));
  return engine;
}

/** Keeps a rating on the device and teaches the engine; false if the core refused it. */
export async function rememberUse(use: StrategyUse): Promise<boolean> {
  const checked = (await suggester()).addUse(use);
  if (checked.status === 'invalid') return false;
  await strategyUses.put(checked.value);
  return true;
}

/** What the core has learned from the ratings, in plain words. */
export async function learned(): Promise<Learned[]> {
  return (await suggester()).learned();
}

/** "Start again": every rating goes, from the phone and from the engine. */
export async function forgetAll(): Promise<void> {
  await strategyUses.clear();
  (await suggester()).reset();
}
