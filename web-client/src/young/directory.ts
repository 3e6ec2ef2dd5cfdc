// The signposting directory on the phone: the last list the server sent,
// kept so a young person can look for help by need and age offline.

import type { AgeBand } from '../core';
import { settings } from '../store/db';

export interface DirectoryService {
  id: string;
  name: string;
  description: string;
  needs: string[];
  min_age: number;
  max_age: number;
  area: string;
  phone?: string | null;
  text_number?: string | null;
  text_keyword?: string | null;
  website?: string | null;
  self_referral: boolean;
  hours: string;
  national: boolean;
}

export interface SavedDirectory {
  version: string;
  saved_at: string;
  services: DirectoryService[];
}

const KEY = 'directory';

export const savedDirectory = {
  load: () => settings.get<SavedDirectory>(KEY),
  save: (directory: SavedDirectory) => settings.set(KEY, directory),
};

const BAND_AGES: Record<AgeBand, [number, number]> = {
  '10-12': [10, 12],
  '13-15': [13, 15],
  '16-18': [16, 18],
};

/** Services that help with `need` (or with anything), for some age in the
 * band; every need and age when not given. */
export function findServices(
  services: DirectoryService[],
  need: string | undefined,
  band: AgeBand | undefined,
): DirectoryService[] {
  return services.filter((service) => {
    const helps = !need || service.needs.includes(need) || service.needs.includes('anything');
    const [youngest, oldest] = band ? BAND_AGES[band] : [0, 99];
    return helps && service.min_age <= oldest && service.max_age >= youngest;
  });
}
