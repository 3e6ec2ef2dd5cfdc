// What the young person has chosen about ideas: favourites, hidden ones and
// whether Lantern learns from their ratings. Kept on the device in the
// IndexedDB key-value store and given to the core with every suggestion.

import type { AgeBand, Preferences } from '../core';
import { settings } from '../store/db';

const KEY = 'strategy_preferences';

export interface Choices {
  favourites: string[];
  hidden: string[];
  personalLearning: boolean;
  /** They told Lantern eating is hard for them: ideas that work the body
   * hard or use cold water are never suggested. */
  eatingDifficulties: boolean;
}

const DEFAULTS: Choices = { favourites: [], hidden: [], personalLearning: true, eatingDifficulties: false };

export async function loadChoices(): Promise<Choices> {
  return { ...DEFAULTS, ...(await settings.get<Partial<Choices>>(KEY)) };
}

export function saveChoices(choices: Choices): Promise<void> {
  return settings.set(KEY, choices);
}

/** Adds `id` to a list if it is missing, or takes it out. */
export function toggled(list: string[], id: string, on: boolean): string[] {
  const without = list.filter((item) => item !== id);
  return on ? [...without, id] : without;
}

/** The youngest age in each band: an idea is suggested only if it suits
 * everyone in the band. */
const YOUNGEST: Record<AgeBand, number> = { '10-12': 10, '13-15': 13, '16-18': 16 };

/** The core's preferences for a suggestion. Without an age band, the
 * youngest age Lantern serves keeps every idea suitable. */
export function forCore(choices: Choices, band: AgeBand | undefined): Preferences {
  return {
    favourites: choices.favourites,
    hidden: choices.hidden,
    personal_learning: choices.personalLearning,
    sensitivities: { eating_difficulties: choices.eatingDifficulties },
    age: band ? YOUNGEST[band] : YOUNGEST['10-12'],
  };
}
