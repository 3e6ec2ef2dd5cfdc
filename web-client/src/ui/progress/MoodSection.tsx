// Mood over the weeks: the chart, the same numbers as a table, and the trend
// in words (the core's direction, never a score).

import { useMemo } from 'preact/hooks';

import type { Trend, WeekMood } from '../../core';
import { t } from '../../i18n';
import { moodFace, moodWord } from '../../young/moods';
import { MoodChart } from '../charts/MoodChart';
import { moodSeries } from '../charts/series';
import { calendarDay, number, type Viewer } from './format';
import { rangeLabel, RangeSwitch } from './RangeSwitch';

interface Props {
  weeks: WeekMood[];
  trend: Trend;
  /** The last day shown (YYYY-MM-DD). */
  today: string;
  range: number;
  onRange: (weeks: number) => void;
  viewer: Viewer;
}

export function MoodSection({ weeks, trend, today, range, onRange, viewer }: Props) {
  const words = t.progress.mood;
  const series = useMemo(() => moodSeries(weeks, today, range), [weeks, today, range]);
  const shown = weeks.filter((w) => series.starts.includes(w.week_start));
  return (
    <section class="card stack" aria-labelledby="mood-title">
      <h2 id="mood-title">{words.title}</h2>
      <RangeSwitch weeks={range} onChange={onRange} />
      {shown.length === 0 ? (
        <p>{viewer === 'young' ? words.empty : words.emptyWorker}</p>
      ) : (
        <>
          <p data-testid="trend">{(viewer === 'young' ? words.trend : words.trendWorker)[trend]}</p>
          <MoodChart series={series} label={words.chartLabel(rangeLabel(range))} />
          <table class="mood-table" data-testid="mood-table">
            <caption class="visually-hidden">{words.tableCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{words.week}</th>
                <th scope="col">{words.checkIns}</th>
                <th scope="col">{words.average}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((week) => (
                <tr key={week.week_start}>
                  <th scope="row">{calendarDay(week.week_start)}</th>
                  <td>{number(week.check_ins)}</td>
                  <td>
                    <span aria-hidden="true">{moodFace(Math.round(week.mean_mood))}</span>{' '}
                    {moodWord(Math.round(week.mean_mood))} ({words.outOf(number(week.mean_mood))})
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {shown.length < range && <p class="hint">{words.otherWeeks}</p>}
        </>
      )}
    </section>
  );
}
