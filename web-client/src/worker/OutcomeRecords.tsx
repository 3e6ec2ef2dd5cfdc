import { useEffect, useState } from 'preact/hooks';

import { dateTime, locale, t } from '../i18n';
import { api, problemWords } from './api';
import { useFieldErrors } from '../ui/field-errors';

const words = t.outcomes;
const SEASONS = ['spring', 'summer', 'autumn'] as const;

interface OutcomeRecord {
  term: string;
  attendance_percent: number;
  fixed_term_exclusions: { count: number; days: number };
  permanent_exclusion: boolean;
  part_time_timetable: boolean;
  recorded_by: { id: string; display_name: string };
  recorded_at: string;
}

/** The school term a date falls in (spring to Easter-ish, summer to July,
 * autumn from September), named as the server names terms. */
export function termOf(date: Date): string {
  const month = date.getMonth();
  const season = month <= 3 ? 'spring' : month <= 7 ? 'summer' : 'autumn';
  return `${date.getFullYear()}-${season}`;
}

/** This term and the five before it, newest first. */
export function recentTerms(today: Date, count = 6): string[] {
  let [year, season] = termOf(today).split('-') as [string, (typeof SEASONS)[number]];
  let index = SEASONS.indexOf(season);
  const terms: string[] = [];
  for (let i = 0; i < count; i++) {
    terms.push(`${year}-${SEASONS[index]}`);
    index -= 1;
    if (index < 0) {
      index = SEASONS.length - 1;
      year = String(Number(year) - 1);
    }
  }
  return terms;
}

/** Attendance and exclusions per school term, kept by the worker; each
 * save is checked and audited by the server. */
export function OutcomeRecords({ youngPersonId }: { youngPersonId: string }) {
  const terms = recentTerms(new Date());
  const [records, setRecords] = useState<OutcomeRecord[] | undefined>();
  const [term, setTerm] = useState(terms[0]);
  const [attendance, setAttendance] = useState('');
  const [count, setCount] = useState('0');
  const [days, setDays] = useState('0');
  const [permanent, setPermanent] = useState(false);
  const [partTime, setPartTime] = useState(false);
  const fields = useFieldErrors('outcome');
  const [message, setMessage] = useState('');
  const path = `/young-people/${encodeURIComponent(youngPersonId)}/outcome-records`;

  useEffect(() => {
    api
      .call<{ outcome_records: OutcomeRecord[] }>('GET', path)
      .then((list) => setRecords(list.outcome_records))
      .catch(() => setMessage(words.loadFailed));
  }, [path]);

  const save = async (event: Event) => {
    event.preventDefault();
    setMessage('');
    fields.clear();
    const body = {
      attendance_percent: attendance.trim() === '' ? null : Number(attendance),
      fixed_term_exclusions: { count: Number(count), days: Number(days) },
      permanent_exclusion: permanent,
      part_time_timetable: partTime,
    };
    try {
      await api.call('PUT', `${path}/${term}`, body);
      const list = await api.call<{ outcome_records: OutcomeRecord[] }>('GET', path);
      setRecords(list.outcome_records);
      setMessage(words.saved);
    } catch (error) {
      setMessage(fields.fromProblem(error) ? words.fixFields : problemWords(error));
    }
  };

  return (
    <section class="card stack" aria-labelledby="outcomes-title" data-testid="outcome-records">
      <h2 id="outcomes-title">{words.title}</h2>
      <p class="hint">{words.intro}</p>
      {records && records.length === 0 && <p class="hint">{words.none}</p>}
      {records && records.length > 0 && (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{words.term}</th>
                <th scope="col">{words.attendance}</th>
                <th scope="col">{words.exclusions}</th>
                <th scope="col">{words.permanent}</th>
                <th scope="col">{words.partTime}</th>
              </tr>
            </thead>
            <tbody>
              {records.map((record) => (
                <tr key={record.term}>
                  <th scope="row">
                    {words.termName(record.term)}
                    <span class="hint">
                      {' '}
                      {words.recordedBy(record.recorded_by.display_name, dateTime(record.recorded_at))}
                    </span>
                  </th>
                  <td>{new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(record.attendance_percent)}%</td>
                  <td>{words.exclusionLine(record.fixed_term_exclusions.count, record.fixed_term_exclusions.days)}</td>
                  <td>{record.permanent_exclusion ? words.yes : words.no}</td>
                  <td>{record.part_time_timetable ? words.yes : words.no}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form class="stack" onSubmit={save} noValidate>
        <div class="field">
          <label for="outcome-term">{words.term}</label>
          <select id="outcome-term" value={term} onChange={(e) => setTerm(e.currentTarget.value)}>
            {terms.map((option) => (
              <option key={option} value={option}>
                {words.termName(option)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="outcome-attendance">{words.attendance}</label>
          <input
            id="outcome-attendance"
            type="number"
            inputMode="decimal"
            min={0}
            max={100}
            step={0.1}
            value={attendance}
            aria-invalid={fields.invalid('attendance_percent')}
            aria-describedby={fields.describedBy('attendance_percent')}
            onInput={(e) => setAttendance(e.currentTarget.value)}
          />
          {fields.errorFor('attendance_percent')}
        </div>
        <fieldset class="field">
          <legend>{words.exclusions}</legend>
          <div class="row">
            <label>
              {words.exclusionCount}{' '}
              <input
                type="number"
                min={0}
                step={1}
                value={count}
                aria-invalid={fields.invalid('fixed_term_exclusions.count')}
                aria-describedby={fields.describedBy('fixed_term_exclusions.count')}
                onInput={(e) => setCount(e.currentTarget.value)}
              />
            </label>
            <label>
              {words.exclusionDays}{' '}
              <input
                type="number"
                min={0}
                step={0.5}
                value={days}
                aria-invalid={fields.invalid('fixed_term_exclusions.days')}
                aria-describedby={fields.describedBy('fixed_term_exclusions.days')}
                onInput={(e) => setDays(e.currentTarget.value)}
              />
            </label>
          </div>
          {fields.errorFor('fixed_term_exclusions.count')}
          {fields.errorFor('fixed_term_exclusions.days')}
        </fieldset>
        <label class="choice">
          <input type="checkbox" checked={permanent} onChange={(e) => setPermanent(e.currentTarget.checked)} />
          {words.permanent}
        </label>
        <label class="choice">
          <input type="checkbox" checked={partTime} onChange={(e) => setPartTime(e.currentTarget.checked)} />
          {words.partTime}
        </label>
        <button type="submit">{words.save}</button>
        {message && (
          <p class="status" role="status">
            {message}
          </p>
        )}
      </form>
    </section>
  );
}
