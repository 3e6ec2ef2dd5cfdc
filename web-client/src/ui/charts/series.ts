// From the core's numbers to what a chart draws: pure, so tested without a
// browser. Weeks without check-ins are gaps (null), never zeros.

import type { ItemChange } from '../../core/generated/ItemChange';
import type { Item } from '../../core/generated/Item';
import type { WeekMood } from '../../core';

/** Dates as the core writes them (YYYY-MM-DD), handled in UTC so no time zone moves a day. */
function parse(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

function format(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The Monday of the week `date` falls in (weeks run Monday to Sunday, as in the core). */
export function weekStart(date: string): string {
  const d = parse(date);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return format(d);
}

/** The Mondays of the `count` weeks up to and including today's, oldest first. */
export function weekStarts(today: string, count: number): string[] {
  const last = parse(weekStart(today));
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(last);
    d.setUTCDate(d.getUTCDate() - 7 * (count - 1 - i));
    return format(d);
  });
}

export interface MoodSeries {
  /** Each week's Monday, oldest first. */
  starts: string[];
  /** Mean mood 1–5 that week, or null when there was no check-in. */
  means: (number | null)[];
  counts: number[];
}

/** One point per week of the window, whether or not it had check-ins. */
export function moodSeries(weeks: WeekMood[], today: string, count: number): MoodSeries {
  const starts = weekStarts(today, count);
  const byStart = new Map(weeks.map((w) => [w.week_start, w]));
  return {
    starts,
    means: starts.map((s) => byStart.get(s)?.mean_mood ?? null),
    counts: starts.map((s) => byStart.get(s)?.check_ins ?? 0),
  };
}

export interface WheelSeries {
  labels: string[];
  first: number[];
  latest: number[];
}

/** The wheel's areas in the questionnaire's order, each first and latest. */
export function wheelSeries(changes: ItemChange[], items: Item[]): WheelSeries {
  const byItem = new Map(changes.map((c) => [c.item_id, c]));
  const shown = items.filter((item) => byItem.has(item.id));
  return {
    labels: shown.map((item) => item.label ?? item.text),
    first: shown.map((item) => byItem.get(item.id)!.first),
    latest: shown.map((item) => byItem.get(item.id)!.latest),
  };
}
