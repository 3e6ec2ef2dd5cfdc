import { useEffect, useState } from 'preact/hooks';

import type { ConsentScope } from '../core';
import { dateTime, t } from '../i18n';
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
}

/** Who can see what now, and every time someone looked, in plain words. */
export function WhoLookedScreen({ onDone }: { onDone: () => void }) {
  const [events, setEvents] = useState<AuditEvent[] | undefined>();
  const [access, setAccess] = useState<Access | undefined>();
  const [problem, setProblem] = useState('');

  useEffect(() => {
    Promise.all([
      api.call<{ events: AuditEvent[] }>('GET', '/me/audit-events'),
      api.call<Access>('GET', '/me/access'),
    ])
      .then(([list, now]) => {
        setEvents(list.events);
        setAccess(now);
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
