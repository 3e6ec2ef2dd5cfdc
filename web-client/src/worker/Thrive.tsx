import { useEffect, useState } from 'preact/hooks';

import type { ThriveHistory } from '../api/types';
import type { ThriveGrouping } from '../core/generated/ThriveGrouping';
import { dateTime } from '../i18n';
import { ts } from '../i18n/staff';
import { api, problemWords } from './api';

const words = ts.worker.thrive;
const GROUPINGS = Object.keys(words.groupings) as ThriveGrouping[];

/** The THRIVE grouping agreed with the young person, why, and every earlier
 * one; changing it needs a reason and the worker's word that it was agreed. */
export function Thrive({ youngPersonId, onChanged }: { youngPersonId: string; onChanged: () => void }) {
  const [thrive, setThrive] = useState<ThriveHistory | undefined>();
  const [grouping, setGrouping] = useState<ThriveGrouping>('getting_help');
  const [reason, setReason] = useState('');
  const [agreed, setAgreed] = useState(false);
  const [message, setMessage] = useState('');
  const path = `/young-people/${encodeURIComponent(youngPersonId)}/thrive`;

  const show = (history: ThriveHistory) => {
    setThrive(history);
    if (history.current) setGrouping(history.current);
  };

  useEffect(() => {
    api
      .call<ThriveHistory>('GET', path)
      .then(show)
      .catch((error: unknown) => setMessage(problemWords(error)));
  }, [path]);

  const save = async (event: Event) => {
    event.preventDefault();
    setMessage('');
    try {
      show(await api.call<ThriveHistory>('POST', path, { grouping, reason, agreed_with_young_person: agreed }));
      setReason('');
      setAgreed(false);
      setMessage(words.saved);
      onChanged();
    } catch (error) {
      setMessage(problemWords(error));
    }
  };

  const [latest, ...earlier] = thrive?.history ?? [];
  return (
    <section class="card stack" aria-labelledby="thrive-title">
      <h2 id="thrive-title">{words.title}</h2>
      {thrive && !latest && <p class="hint">{words.none}</p>}
      {latest && (
        <div data-testid="thrive-current">
          <p class="thrive-title">{words.groupings[latest.grouping]}</p>
          <p>{latest.plain_words}</p>
          <p>
            <q>{latest.reason}</q> <span class="hint">{dateTime(latest.recorded_at)}</span>
          </p>
        </div>
      )}
      {earlier.length > 0 && (
        <details>
          <summary>{words.history}</summary>
          <ol class="check-ins" data-testid="thrive-history">
            {earlier.map((change) => (
              <li key={change.recorded_at}>
                <strong>{words.groupings[change.grouping]}</strong> <span class="hint">{dateTime(change.recorded_at)}</span>
                <p>{change.reason}</p>
              </li>
            ))}
          </ol>
        </details>
      )}
      <details>
        <summary>{words.change}</summary>
        <form class="stack more" onSubmit={save}>
          <div class="field">
            <label for="thrive-grouping">{words.grouping}</label>
            <select
              id="thrive-grouping"
              value={grouping}
              onChange={(e) => setGrouping(e.currentTarget.value as ThriveGrouping)}
            >
              {GROUPINGS.map((value) => (
                <option key={value} value={value}>
                  {words.groupings[value]}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="thrive-reason">{words.reason}</label>
            <textarea
              id="thrive-reason"
              rows={2}
              maxLength={1000}
              required
              aria-describedby="thrive-reason-hint"
              value={reason}
              onInput={(e) => setReason(e.currentTarget.value)}
            />
            <p id="thrive-reason-hint" class="hint">
              {words.reasonHint}
            </p>
          </div>
          <label class="choice">
            <input type="checkbox" required checked={agreed} onChange={(e) => setAgreed(e.currentTarget.checked)} />
            {words.agreed}
          </label>
          <button type="submit">{words.save}</button>
        </form>
      </details>
      <p class="status" role="status">
        {message}
      </p>
    </section>
  );
}
