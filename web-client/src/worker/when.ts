import { locale } from '../i18n';

const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "3 days ago", "yesterday", "in 2 hours": how long since, in the reader's language. */
export function sinceNow(iso: string, now: number = Date.now()): string {
  const gap = new Date(iso).getTime() - now;
  for (const [unit, size] of UNITS) {
    if (Math.abs(gap) >= size) return relative.format(Math.round(gap / size), unit);
  }
  return relative.format(0, 'minute');
}
