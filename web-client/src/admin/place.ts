// A place in the service's own directory, as the admin edits it: the
// server's entry and the form's text fields, one turned into the other.

import type { DirectoryService } from '../young/directory';

/** An entry as the server sends it to an admin. */
export type Place = DirectoryService & { thrive: string[] };

/** What the form holds: text as typed, choices as lists. */
export interface PlaceFields {
  name: string;
  description: string;
  needs: string[];
  thrive: string[];
  min_age: string;
  max_age: string;
  area: string;
  phone: string;
  text_number: string;
  text_keyword: string;
  website: string;
  self_referral: boolean;
  hours: string;
}

export const EMPTY_PLACE: PlaceFields = {
  name: '',
  description: '',
  needs: [],
  thrive: [],
  min_age: '10',
  max_age: '18',
  area: '',
  phone: '',
  text_number: '',
  text_keyword: '',
  website: '',
  self_referral: true,
  hours: '',
};

export function fieldsOf(place: Place): PlaceFields {
  return {
    ...place,
    min_age: String(place.min_age),
    max_age: String(place.max_age),
    phone: place.phone ?? '',
    text_number: place.text_number ?? '',
    text_keyword: place.text_keyword ?? '',
    website: place.website ?? '',
  };
}

/** A whole number typed in a field, or undefined when it is not one. */
function wholeNumber(text: string): number | undefined {
  return /^\s*\d{1,3}\s*$/.test(text) ? Number(text) : undefined;
}

/** The body for the server, or the age fields that are not whole numbers
 * (the server checks everything else and names each bad field). An empty
 * optional field is sent as null, which clears it when changing a place. */
export function bodyOf(fields: PlaceFields): { body: Record<string, unknown> } | { notNumbers: string[] } {
  const min = wholeNumber(fields.min_age);
  const max = wholeNumber(fields.max_age);
  if (min === undefined || max === undefined) {
    return { notNumbers: [min === undefined && 'min_age', max === undefined && 'max_age'].filter((f): f is string => Boolean(f)) };
  }
  const optional = (text: string) => (text.trim() === '' ? null : text.trim());
  return {
    body: {
      name: fields.name,
      description: fields.description,
      needs: fields.needs,
      thrive: fields.thrive,
      min_age: min,
      max_age: max,
      area: fields.area,
      phone: optional(fields.phone),
      text_number: optional(fields.text_number),
      text_keyword: optional(fields.text_keyword),
      website: optional(fields.website),
      self_referral: fields.self_referral,
      hours: fields.hours,
    },
  };
}
