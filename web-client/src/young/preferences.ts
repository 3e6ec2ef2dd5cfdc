// What the young person has chosen about ideas: favourites, hidden ones and
// whether Lantern learns from their ratings. Kept on the device in the
// IndexedDB key-value store and given to the core with every suggestion.

import type { Preferences } from '../core';
import { settings } from '../store/db';

const KEY = 'strategy_preferences';

export interface Choices {
  favourites: string[];
  hidden: string[];
  personalLearning: boolean;
}

const DEFAULTS: Choices = { favourites: [], hidden: [], personalLearning: true };

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

/** The core's preferences for a suggestion. Age and sensitivities are not
 * asked yet: the youngest age Lantern serves keeps every idea suitable. */
export function forCore(choices: Choices): Preferences {
  return {
    favourites: choices.favourites,
    hidden: choices.hidden,
    personal_learning: choices.personalLearning,
    sensitivities: { eating_difficulties: false },
    age: 10,
  };
}
