// The resilience wheel from the first time to the latest: a chart and the
// same numbers as a table.

import type { ComponentChildren } from 'preact';
import { useMemo } from 'preact/hooks';

import { measureCatalogue, type ItemChange } from '../../core';
import { t } from '../../i18n';
import { wheelSeries } from '../charts/series';
import { WheelChart } from '../charts/WheelChart';
import { number, type Viewer } from './format';

export const WHEEL_ID = 'resilience_wheel';

export function wheelDefinition() {
  const wheel = measureCatalogue().measures.find((m) => m.id === WHEEL_ID);
  if (!wheel) throw new Error('the questionnaires have no wheel');
  return wheel;
}

interface Props {
  changes: ItemChange[];
  viewer: Viewer;
  /** How many wheels were filled in, when known (on the young person's phone). */
  taken?: number;
  children?: ComponentChildren;
}

export function WheelSection({ changes, viewer, taken, children }: Props) {
  const words = t.progress.wheel;
  const series = useMemo(() => wheelSeries(changes, wheelDefinition().items), [changes]);
  // The worker sees only first and latest: the same numbers mean one wheel (or no change).
  const latestOnly = taken !== undefined ? taken < 2 : changes.every((c) => c.first === c.latest);
  return (
    <section class="card stack" aria-labelledby="wheel-title">
      <h2 id="wheel-title">{viewer === 'young' ? words.title : words.titleWorker}</h2>
      {series.labels.length === 0 ? (
        <p>{viewer === 'young' ? words.empty : words.emptyWorker}</p>
      ) : (
        <>
          <WheelChart
            series={series}
            label={words.chartLabel}
            firstLabel={words.first}
            latestLabel={words.latest}
            latestOnly={latestOnly}
          />
          {viewer === 'young' && latestOnly && <p class="hint">{words.onlyOnce}</p>}
          <table data-testid="wheel-table">
            <caption class="visually-hidden">{viewer === 'young' ? words.tableCaption : words.tableCaptionWorker}</caption>
            <thead>
              <tr>
                <th scope="col">{words.area}</th>
                {!latestOnly && <th scope="col">{words.first}</th>}
                <th scope="col">{words.latest}</th>
              </tr>
            </thead>
            <tbody>
              {series.labels.map((label, i) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  {!latestOnly && <td>{number(series.first[i])}</td>}
                  <td>{number(series.latest[i])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {children}
    </section>
  );
}
