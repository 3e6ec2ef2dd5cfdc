import type { AgeBand } from '../core';
import { AGE_BANDS } from './device';

/** A choice of age band, or none (`emptyLabel`: "All ages", "I'd rather not say"). */
export function AgeBandField(props: {
  id: string;
  label: string;
  emptyLabel: string;
  value: AgeBand | undefined;
  onChange: (band: AgeBand | undefined) => void;
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select
        id={props.id}
        value={props.value ?? ''}
        onChange={(e) => props.onChange((e.currentTarget.value || undefined) as AgeBand | undefined)}
      >
        <option value="">{props.emptyLabel}</option>
        {AGE_BANDS.map((band) => (
          <option key={band} value={band}>
            {band}
          </option>
        ))}
      </select>
    </div>
  );
}
