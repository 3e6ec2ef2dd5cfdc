// The wheel's parts one under another, each a bar from 0 to 10 — across, so
// the parts' names fit even on a phone: the first time as an outlined bar,
// the latest as a filled one (shape as well as colour tells them apart).

import { useCallback } from 'preact/hooks';

import type { WheelSeries } from './series';
import { BRAND, FONT, INK_SOFT, LINE, UPlotChart, type BuildChart } from './UPlotChart';

interface Props {
  series: WheelSeries;
  label: string;
  firstLabel: string;
  latestLabel: string;
  /** Only one wheel so far: no "first time" to compare with. */
  latestOnly: boolean;
}

export function WheelChart({ series, label, firstLabel, latestLabel, latestOnly }: Props) {
  const build = useCallback<BuildChart>(
    (U, width) => {
      const n = series.labels.length;
      const labelWidth = width < 640 ? 168 : 190;
      const bars = U.paths.bars!;
      const latest = {
        label: latestLabel,
        fill: BRAND,
        stroke: BRAND,
        width: 2,
        points: { show: false },
        paths: bars({ size: [latestOnly ? 0.6 : 0.4, 24], align: latestOnly ? 0 : 1 }),
      };
      const first = {
        label: firstLabel,
        fill: '#ffffff',
        stroke: BRAND,
        width: 2,
        points: { show: false },
        paths: bars({ size: [0.4, 24], align: -1 }),
      };
      return {
        data: latestOnly ? [series.labels.map((_, i) => i), series.latest] : [series.labels.map((_, i) => i), series.first, series.latest],
        options: {
          legend: { show: !latestOnly, live: false },
          cursor: { show: false },
          // The parts run down the side (x turned upright), values across.
          scales: { x: { time: false, ori: 1, dir: -1, range: [-0.5, n - 0.5] }, y: { ori: 0, range: [0, 10] } },
          axes: [
            {
              stroke: INK_SOFT,
              font: FONT,
              grid: { show: false },
              ticks: { show: false },
              side: 3,
              size: labelWidth,
              splits: () => series.labels.map((_, i) => i),
              values: (_u, splits) => splits.map((i) => series.labels[i] ?? ''),
            },
            {
              side: 2,
              stroke: INK_SOFT,
              font: FONT,
              size: 36,
              grid: { stroke: LINE, width: 1 },
              splits: () => [0, 2, 4, 6, 8, 10],
            },
          ],
          series: latestOnly ? [{}, latest] : [{}, first, latest],
        },
      };
    },
    [series, firstLabel, latestLabel, latestOnly],
  );
  const height = 60 + series.labels.length * (latestOnly ? 30 : 44);
  return <UPlotChart build={build} height={height} label={label} testId="wheel-chart" />;
}
