/**
 * Every word the app shows comes from a catalogue, so a translation is one
 * new catalogue of the same shape. English is the only one so far.
 *
 * Strings are plain text or, where a number or name goes in, small functions.
 * Plurals go through `Intl.PluralRules`, dates and numbers through `Intl`,
 * so a new language brings its own rules with it.
 */
import { en } from './en';

/** The shape every catalogue must have: English's. */
export type Strings = typeof en;

const catalogues: Record<string, Strings> = { en };

/** Lantern is made for UK services: British English unless the device says otherwise. */
const DEFAULT_LOCALE = 'en-GB';

/** The first of the browser's languages we have words for, as a full tag
 * (so an `en-US` phone keeps its own date order); British English otherwise. */
export function pickLocale(languages: readonly string[]): string {
  for (const tag of languages) {
    if (languageOf(tag) in catalogues) return tag;
  }
  return DEFAULT_LOCALE;
}

/** The language part of a tag ("en" of "en-GB"). */
export function languageOf(tag: string): string {
  return tag.toLowerCase().split('-')[0];
}

/** The language tag for `Intl` (dates, numbers, plurals). */
export const locale = pickLocale(typeof navigator === 'undefined' ? [] : (navigator.languages ?? []));

/** The words for this device's language. */
export const t: Strings = catalogues[languageOf(locale)];

export interface PluralForms {
  one: string;
  other: string;
  /** Languages with more forms (Welsh, Polish, …) add them here. */
  [form: string]: string;
}

const pluralRules = new Intl.PluralRules(locale);

/** Picks the form for `count` (`{n}` in a form becomes the number). */
export function plural(count: number, forms: PluralForms): string {
  const form = forms[pluralRules.select(count)] ?? forms.other;
  return form.replace('{n}', new Intl.NumberFormat(locale).format(count));
}

/** A date and time as people here write it ("Mon 23 Nov, 16:05"). */
export function dateTime(date: Date | string, options: Intl.DateTimeFormatOptions = {}): string {
  return new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    ...options,
  }).format(typeof date === 'string' ? new Date(date) : date);
}

/** A day without a time ("23 Nov"). */
export function day(date: Date | string, options: Intl.DateTimeFormatOptions = {}): string {
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', ...options }).format(
    typeof date === 'string' ? new Date(date) : date,
  );
}

/** A time without a day ("16:05"). */
export function time(date: Date | string, options: Intl.DateTimeFormatOptions = {}): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', ...options }).format(
    typeof date === 'string' ? new Date(date) : date,
  );
}

/** A time on the clock, as a time input gives it ("17:00"), written the way
 * people here write it; anything that is not such a time comes back as it was. */
export function clockTime(hoursAndMinutes: string): string {
  const match = /^(\d{2}):(\d{2})$/.exec(hoursAndMinutes);
  if (!match) return hoursAndMinutes;
  return time(new Date(Date.UTC(1970, 0, 1, Number(match[1]), Number(match[2]))), { timeZone: 'UTC' });
}

/** The name of a weekday, Monday being 0 ("Monday"). */
export function weekdayName(index: number): string {
  // 5 January 1970 was a Monday.
  return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(1970, 0, 5 + index)));
}

/** Names joined the way people here join them ("Alex and Sam"). */
export function list(items: readonly string[]): string {
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(items);
}

/** A percentage given out of 100, the way people here write it ("92.5%"). */
export function percent(outOf100: number): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(outOf100 / 100);
}
