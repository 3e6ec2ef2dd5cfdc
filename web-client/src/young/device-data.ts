// Everything on this phone that progress is counted from, in the core's shape.

import type { DeviceData } from '../core';
import { checkIns, goalRatings, goals, measureResponses, strategyUses } from '../store/db';

export async function loadDeviceData(): Promise<Partial<DeviceData>> {
  const [rows, uses, goalList, ratings, responses] = await Promise.all([
    checkIns.all(),
    strategyUses.all(),
    goals.all(),
    goalRatings.all(),
    measureResponses.all(),
  ]);
  return {
    check_ins: rows.map((row) => row.checkIn),
    strategy_uses: uses,
    goals: goalList,
    goal_ratings: ratings,
    measure_responses: responses,
  };
}

/** Today on this phone, as the core counts days (YYYY-MM-DD, local time). */
export function localDate(date: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
