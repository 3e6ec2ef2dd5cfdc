import { useEffect, useState } from 'preact/hooks';

import type { CaseloadEntry } from '../api/types';
import type { ConsentScope } from '../core';
import type { RecentMood } from '../core/generated/RecentMood';
import { dateTime } from '../i18n';
import { ts } from '../i18n/staff';
import { Sparkline } from '../ui/charts/Sparkline';
import { api, problemWords } from './api';
import { sinceNow } from './when';

const words = ts.worker.caseload;

const TREND_ARROWS = { rising: '↗', steady: '→', falling: '↘', not_enough_yet: '' } as const;

/** Everyone on the worker's caseload, most in need first (the server's order:
 * facts, never a score). Each badge says its reason in words as well as an icon. */
export function Caseload({
  onOpen,
  reloadKey,
}: {
  onOpen: (person: CaseloadEntry) => void;
  /** Changes when something elsewhere (an acknowledged alert) changes the order. */
  reloadKey: number;
}) {
  const [people, setPeople] = useState<CaseloadEntry[] | undefined>();
  const [problem, setProblem] = useState('');

  useEffect(() => {
    api
      .call<{ young_people: CaseloadEntry[] }>('GET', '/caseload')
      .then((list) => setPeople(list.young_people))
      .catch((error: unknown) => setProblem(`${words.loadFailed} ${problemWords(error)}`));
  }, [reloadKey]);

  return (
    <section class="card" aria-labelledby="caseload-title">
      <h2 id="caseload-title">{words.title}</h2>
      {problem && (
        <p class="alert" role="alert">
          {problem}
        </p>
      )}
      {people && people.length === 0 && <p class="hint">{words.empty}</p>}
      {people && people.length > 0 && (
        <div class="table-wrap">
          <table class="caseload">
            <thead>
              <tr>
                <th scope="col">{words.name}</th>
                <th scope="col">{words.needs}</th>
                <th scope="col">{words.thrive}</th>
                <th scope="col">{words.trend}</th>
                <th scope="col">{words.lastCheckIn}</th>
                <th scope="col">{words.shares}</th>
              </tr>
            </thead>
            <tbody>
              {people.map((person) => (
                <tr key={person.id} data-testid="caseload-row">
                  <th scope="row">
                    <button type="button" class="link" onClick={() => onOpen(person)}>
                      {person.display_name}
                    </button>
                    {person.age_band && <span class="hint"> {person.age_band}</span>}
                  </th>
                  <td>
                    <NeedBadges person={person} />
                  </td>
                  <td>{person.thrive ? ts.worker.thrive.groupings[person.thrive] : <span class="hint">{words.noGrouping}</span>}</td>
                  <td>
                    {person.recent_mood ? (
                      <Trend mood={person.recent_mood} name={person.display_name} />
                    ) : (
                      <span class="hint">{ts.worker.common.notShared}</span>
                    )}
                  </td>
                  <td>
                    {person.last_check_in_at ? (
                      <time dateTime={person.last_check_in_at} title={dateTime(person.last_check_in_at)}>
                        {sinceNow(person.last_check_in_at)}
                      </time>
                    ) : (
                      words.noneYet
                    )}
                  </td>
                  <td>{person.shared_scopes.length ? person.shared_scopes.map(scopeLabel).join(', ') : words.nothingShared}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The disclosure badge (answers not yet looked at) and the caseload's other reasons. */
function NeedBadges({ person }: { person: CaseloadEntry }) {
  const badges: { icon: string; text: string; kind: string }[] = [];
  if (person.open_alerts > 0) badges.push({ icon: '⚑', text: words.disclosure(person.open_alerts), kind: 'disclosure' });
  if (person.need === 'no_check_in_for_a_week') badges.push({ icon: '⏲', text: words.noCheckInForAWeek, kind: 'quiet' });
  if (person.need === 'mood_falling') badges.push({ icon: '↘', text: words.moodFalling, kind: 'falling' });
  if (badges.length === 0) return <span class="hint">{words.noNeed}</span>;
  return (
    <ul class="badges">
      {badges.map((badge) => (
        <li key={badge.kind} class={`badge ${badge.kind}`} data-testid={`badge-${badge.kind}`}>
          <span aria-hidden="true">{badge.icon}</span> {badge.text}
        </li>
      ))}
    </ul>
  );
}

/** The four-week trend: a small line (drawn when uPlot has loaded), an arrow
 * and the words, so neither the picture nor the colour carries it alone. */
function Trend({ mood, name }: { mood: RecentMood; name: string }) {
  const text = words.trendWords[mood.trend];
  return (
    <span class="trend" data-testid="trend">
      <Sparkline values={mood.weeks.map((week) => week.mean_mood)} label={`${name}: ${text}`} />
      {TREND_ARROWS[mood.trend] && <span aria-hidden="true">{TREND_ARROWS[mood.trend]} </span>}
      {text}
    </span>
  );
}

export function scopeLabel(scope: ConsentScope): string {
  return scope === 'contexts_and_sleep' ? 'contexts and sleep' : scope.replace(/_/g, ' ');
}
