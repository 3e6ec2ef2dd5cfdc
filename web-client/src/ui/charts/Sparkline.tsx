// A tiny mood line for lists (the worker's caseload): no axes, no legend.
// `label` says in words what it shows, e.g. "Mood over 4 weeks: Okay, Good".

import { useCallback } from 'preact/hooks';

import { BRAND, UPlotChart, type BuildChart } from './UPlotChart';

interface Props {
  values: (number | null)[];
  label: string;
  /** The value range drawn; moods (1–5) unless given. */
  range?: [number, number];
}

export function Sparkline({ values, label, range = [1, 5] }: Props) {
  const [low, high] = range;
  // A new array with the same numbers draws nothing new.
  const key = values.join(',');
  const build = useCallback<BuildChart>(
    () => ({
      data: [values.map((_, i) => i), values],
      options: {
        legend: { show: false },
        cursor: { show: false },
        padding: [4, 4, 4, 4],
        scales: { x: { time: false, range: [0, Math.max(values.length - 1, 1)] }, y: { range: [low, high] } },
        axes: [{ show: false }, { show: false }],
        series: [{}, { stroke: BRAND, width: 2, spanGaps: false, points: { show: true, size: 5, fill: BRAND } }],
      },
    }),
    [key, low, high],
  );
  return <UPlotChart build={build} height={32} width={120} label={label} class="sparkline" testId="sparkline" />;
}
