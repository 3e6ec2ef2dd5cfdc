// How far back the mood chart looks: 4 weeks, 3 months or 12 months.

import { t } from '../../i18n';

export const RANGES = [
  { weeks: 4, label: t.progress.range.weeks4 },
  { weeks: 13, label: t.progress.range.months3 },
  { weeks: 52, label: t.progress.range.months12 },
] as const;

export function rangeLabel(weeks: number): string {
  return RANGES.find((r) => r.weeks === weeks)?.label ?? RANGES[0].label;
}

export function RangeSwitch({ weeks, onChange }: { weeks: number; onChange: (weeks: number) => void }) {
  return (
    <div class="row" role="group" aria-label={t.progress.range.label}>
      <span aria-hidden="true">{t.progress.range.label}:</span>
      {RANGES.map((range) => (
        <button
          type="button"
          key={range.weeks}
          class={weeks === range.weeks ? 'picked small' : 'secondary small'}
          aria-pressed={weeks === range.weeks}
          onClick={() => onChange(range.weeks)}
        >
          {range.label}
        </button>
      ))}
    </div>
  );
}
