// What the progress charts draw, from the core's own numbers: every week of
// the window is a point (gaps stay gaps), and the wheel keeps its order.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

import { loadCoreSync, measureCatalogue, progress, type CheckIn } from '../src/core';
import { moodSeries, weekStart, weekStarts, wheelSeries } from '../src/ui/charts/series';

beforeAll(() => {
  loadCoreSync(readFileSync(fileURLToPath(new URL('../src/core/pkg/lantern_core_bg.wasm', import.meta.url))));
});

function checkIn(id: string, recorded_at: string, mood: number): CheckIn {
  return { id, recorded_at, mood, feelings: [{ feeling: 'worried', intensity: 2 }] } as CheckIn;
}

describe('weeks', () => {
  it('start on Monday, in the core’s calendar', () => {
    expect(weekStart('2026-11-23')).toBe('2026-11-23'); // a Monday
    expect(weekStart('2026-11-29')).toBe('2026-11-23'); // the Sunday after
    expect(weekStart('2026-11-22')).toBe('2026-11-16');
    expect(weekStart('2026-03-01')).toBe('2026-02-23'); // across a month end
  });

  it('run oldest first up to this week', () => {
    expect(weekStarts('2026-11-25', 4)).toEqual(['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23']);
    expect(weekStarts('2026-11-25', 52)).toHaveLength(52);
    expect(weekStarts('2026-11-25', 52)[0]).toBe('2025-12-01');
  });
});

describe('mood over weeks', () => {
  it('has a point for every week, with no check-in a gap, from progress()', () => {
    const checked = progress(
      {
        check_ins: [
          checkIn('01JAAAAAAAAAAAAAAAAAAAAAA1', '2026-11-03T16:00:00+00:00', 2),
          checkIn('01JAAAAAAAAAAAAAAAAAAAAAA2', '2026-11-05T16:00:00+00:00', 4),
          checkIn('01JAAAAAAAAAAAAAAAAAAAAAA3', '2026-11-24T08:00:00+00:00', 5),
        ],
      },
      '2026-11-25',
      4,
    );
    expect(checked.status).toBe('valid');
    if (checked.status !== 'valid') return;
    const series = moodSeries(checked.value.weeks, '2026-11-25', 4);
    expect(series.starts).toEqual(['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23']);
    expect(series.means).toEqual([3, null, null, 5]);
    expect(series.counts).toEqual([2, 0, 0, 1]);
  });

  it('leaves out weeks older than the window', () => {
    const week = { week_start: '2026-10-05', check_ins: 1, mean_mood: 4, lowest: 4, highest: 4 };
    expect(moodSeries([week], '2026-11-25', 4).means).toEqual([null, null, null, null]);
  });
});

describe('wheel', () => {
  it('keeps the questionnaire’s order and short labels, only areas answered', () => {
    const wheel = measureCatalogue().measures.find((m) => m.id === 'resilience_wheel')!;
    const series = wheelSeries(
      [
        { item_id: 'trust', first: 3, latest: 6, change: 3 },
        { item_id: 'self_esteem', first: 5, latest: 4, change: -1 },
      ],
      wheel.items,
    );
    expect(series).toEqual({ labels: ['Liking myself', 'Trust'], first: [5, 3], latest: [4, 6] });
  });
});
