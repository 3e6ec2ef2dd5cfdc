import { useEffect, useState } from 'preact/hooks';

import type { ConsentScope } from '../core';
import { dateTime, list, percent, plural, t } from '../i18n';
import { scopeTitle } from './scopes';
import { api } from './session';

const words = t.account.whoLooked;

interface AuditEvent {
  at: string;
  who?: string;
  sentence: string;
}
interface Access {
  workers: { display_name: string; role: string; since: string }[];
  shared: { scope: ConsentScope; explanation: string; since: string }[];
  about_answers: string;
  parents: { display_name: string }[];
  about_parents: string;
  groups: { name: string; school: string | null; run_by: string }[];
  about_groups: string;
  school_record_terms: number;
  about_school_records: string;
}
interface SchoolRecord {
  term: string;
  attendance_percent: number;
  fixed_term_exclusions: { count: number; days: number };
  permanent_exclusion: boolean;
  part_time_timetable: boolean;
}

function excluded({ count, days }: SchoolRecord['fixed_term_exclusions']): string {
  if (count === 0) return words.notExcluded;
  return `${plural(count, words.excluded)} (${plural(days, words.excludedDays)})`;
}

/** Who can see what now, and every time someone looked, in plain words. */
export function WhoLookedScreen({ onDone }: { onDone: () => void }) {
  const [events, setEvents] = useState<AuditEvent[] | undefined>();
  const [access, setAccess] = useState<Access | undefined>();
  const [records, setRecords] = useState<SchoolRecord[]>([]);
  const [problem, setProblem] = useState('');

  useEffect(() => {
    Promise.all([
      api.call<{ events: AuditEvent[] }>('GET', '/me/audit-events'),
      api.call<Access>('GET', '/me/access'),
      api.call<{ outcome_records: SchoolRecord[] }>('GET', '/me/outcome-records'),
    ])
      .then(([list, now, school]) => {
        setEvents(list.events);
        setAccess(now);
        setRecords(school.outcome_records);
      })
      .catch(() => setProblem(words.offline));
  }, []);

  return (
    <section class="stack" aria-labelledby="who-looked-title">
      <h1 id="who-looked-title">{words.title}</h1>
      {problem && (
        <p class="alert" role="alert">
          {problem}
        </p>
      )}
      {access && (
        <section class="card stack" aria-labelledby="access-now">
          <h2 id="access-now">{words.nowTitle}</h2>
          <p>
            {access.workers.length === 0
              ? words.nobody
              : words.sharedWith(access.workers.map((w) => w.display_name).join(', '))}
          </p>
          <h3>{words.shares}</h3>
          {access.shared.length === 0 ? (
            <p>{words.nothingShared}</p>
          ) : (
            <ul>
              {access.shared.map((s) => (
                <li key={s.scope}>
                  {scopeTitle(s.scope)} ({words.since(dateTime(s.since))})
                </li>
              ))}
            </ul>
          )}
          {access.about_answers && <p class="hint">{access.about_answers}</p>}
        </section>
      )}
      {access && (
        <section class="card stack" aria-labelledby="access-parents">
          <h2 id="access-parents">{words.parentsTitle}</h2>
          {access.parents.length > 0 && <p>{words.parentNames(list(access.parents.map((p) => p.display_name)))}</p>}
          <p class="hint">{access.about_parents}</p>
        </section>
      )}
      {access && (
        <section class="card stack" aria-labelledby="access-groups" data-testid="access-groups">
          <h2 id="access-groups">{words.groupsTitle}</h2>
          {access.groups.length > 0 && (
            <ul>
              {access.groups.map((g) => (
                <li key={g.name}>{words.group(g.name, g.school, g.run_by)}</li>
              ))}
            </ul>
          )}
          <p class="hint">{access.about_groups}</p>
        </section>
      )}
      {access && (
        <section class="card stack" aria-labelledby="access-school" data-testid="access-school">
          <h2 id="access-school">{words.schoolTitle}</h2>
          {records.length > 0 && (
            <ul>
              {records.map((r) => (
                <li key={r.term}>
                  {words.schoolTerm(t.outcomes.termName(r.term), percent(r.attendance_percent))}.{' '}
                  {excluded(r.fixed_term_exclusions)}.
                  {r.permanent_exclusion && ` ${words.permanent}.`}
                  {r.part_time_timetable && ` ${words.partTime}.`}
                </li>
              ))}
            </ul>
          )}
          <p class="hint">{access.about_school_records}</p>
        </section>
      )}
      {events && (
        <section class="card stack" aria-labelledby="history">
          <h2 id="history">{words.historyTitle}</h2>
          {events.length === 0 ? (
            <p>{words.none}</p>
          ) : (
            <ul data-testid="audit-events">
              {events.map((event, i) => (
                <li key={i}>
                  <strong>{dateTime(event.at)}</strong>: {words.event(event.who, event.sentence)}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <button type="button" class="secondary" onClick={onDone}>
        {t.common.back}
      </button>
    </section>
  );
}
