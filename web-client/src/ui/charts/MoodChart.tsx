// Mood week by week: a line through each week's average, the five moods in
// words up the side, and a gap (not a zero) for a week without check-ins.

import { useCallback } from 'preact/hooks';

import { calendarDay } from '../progress/format';
import { moodWord } from '../../young/moods';
import type { MoodSeries } from './series';
import { BRAND, FONT, INK_SOFT, LINE, UPlotChart, type BuildChart } from './UPlotChart';

export function MoodChart({ series, label }: { series: MoodSeries; label: string }) {
  const build = useCallback<BuildChart>(
    (_U, width) => {
      const n = series.starts.length;
      const xs = series.starts.map((_, i) => i);
      return {
        data: [xs, series.means],
        options: {
          legend: { show: false },
          cursor: { show: false },
          scales: { x: { time: false, range: [-0.5, n - 0.5] }, y: { range: [0.6, 5.4] } },
          axes: [
            {
              stroke: INK_SOFT,
              font: FONT,
              grid: { show: false },
              ticks: { stroke: LINE },
              // Whole weeks only, spaced to fit the width.
              incrs: [1, 2, 4, 8, 13, 26],
              space: width < 500 ? 52 : 80,
              values: (_u, splits) =>
                splits.map((i) => (Number.isInteger(i) && series.starts[i] ? calendarDay(series.starts[i]) : '')),
            },
            {
              stroke: INK_SOFT,
              font: FONT,
              size: 80,
              grid: { stroke: LINE, width: 1 },
              ticks: { show: false },
              splits: () => [1, 2, 3, 4, 5],
              values: (_u, splits) => splits.map((v) => moodWord(v)),
            },
          ],
          series: [
            {},
            {
              label,
              stroke: BRAND,
              width: 3,
              spanGaps: false,
              points: { show: true, size: 10, fill: BRAND, stroke: BRAND },
            },
          ],
        },
      };
    },
    [series, label],
  );
  return <UPlotChart build={build} height={220} label={label} testId="mood-chart" />;
}
