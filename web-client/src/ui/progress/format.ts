import { day, locale } from '../../i18n';

const oneDecimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });

/** "3.5", "4" — in the device's own way of writing numbers. */
export function number(value: number): string {
  return oneDecimal.format(value);
}

/** Whose progress it is: the young person's own words, or the worker's. */
export type Viewer = 'young' | 'worker';

/** A calendar date from the core (YYYY-MM-DD) as people here write it, read
 * at midday so no time zone moves it to another day. */
export function calendarDay(date: string): string {
  return day(`${date}T12:00:00`);
}
