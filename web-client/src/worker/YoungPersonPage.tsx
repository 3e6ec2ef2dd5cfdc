import { useEffect, useState } from 'preact/hooks';

import { ApiError } from '../api/client';
import type { CaseloadEntry, WorkerCheckIn } from '../api/types';
import { contextOptions } from '../core';
import { dateTime, t } from '../i18n';
import { moodFace, moodWord } from '../young/moods';
import { api } from './api';
import { Encourage } from './Encourage';
import { Relink } from './Relink';
import { SafetyPlanView } from './SafetyPlanView';
import { Thrive } from './Thrive';
import { TipToParents } from './TipToParents';

/** One young person: what they share (anything else says "Not shared"), the
 * THRIVE grouping, and what the worker can do for them. Every read is audited. */
export function YoungPersonPage({
  person,
  onBack,
  onChanged,
}: {
  person: CaseloadEntry;
  onBack: () => void;
  onChanged: () => void;
}) {
  return (
    <div class="stack">
      <button type="button" class="secondary" onClick={onBack}>
        {t.worker.common.backToCaseload}
      </button>
      <h1>{person.display_name}</h1>
      <div class="person-grid">
        <Thrive youngPersonId={person.id} onChanged={onChanged} />
        <SafetyPlanView youngPersonId={person.id} />
      </div>
      <CheckIns person={person} />
      <Encourage api={api} youngPersonId={person.id} name={person.display_name} />
      <TipToParents api={api} youngPersonId={person.id} name={person.display_name} />
      <Relink youngPersonId={person.id} />
    </div>
  );
}

function CheckIns({ person }: { person: CaseloadEntry }) {
  const [checkIns, setCheckIns] = useState<WorkerCheckIn[] | undefined>();
  const [notShared, setNotShared] = useState(false);
  const [problem, setProblem] = useState('');

  useEffect(() => {
    api
      .call<{ check_ins: WorkerCheckIn[] }>('GET', `/young-people/${encodeURIComponent(person.id)}/check-ins`)
      .then((list) => setCheckIns(list.check_ins))
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.code === 'consent_required') setNotShared(true);
        else setProblem(error instanceof Error ? error.message : 'Cannot load check-ins.');
      });
  }, [person.id]);

  return (
    <section class="card" aria-labelledby="check-ins-title">
      <h2 id="check-ins-title">Check-ins</h2>
      {notShared && <p data-testid="not-shared">Not shared.</p>}
      {problem && (
        <p class="alert" role="alert">
          {problem}
        </p>
      )}
      {checkIns && checkIns.length === 0 && <p class="hint">No check-ins shared yet.</p>}
      {checkIns && checkIns.length > 0 && (
        <div class="table-wrap">
          <table data-testid="check-ins">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Mood</th>
                <th scope="col">Feelings</th>
                <th scope="col">About</th>
                <th scope="col">Sleep</th>
              </tr>
            </thead>
            <tbody>
              {checkIns.map((c) => (
                <tr key={c.id}>
                  <td>{dateTime(c.recorded_at)}</td>
                  <td>
                    <span aria-hidden="true">{moodFace(c.mood)}</span> {moodWord(c.mood)}
                  </td>
                  <td>
                    {c.feelings
                      ? c.feelings.map((f) => `${f.feeling} (${['', 'a little', 'quite', 'very'][f.intensity]})`).join(', ')
                      : 'Not shared'}
                  </td>
                  <td>{c.contexts ? c.contexts.map(contextLabel).join(', ') : 'Not shared'}</td>
                  <td>{c.sleep ? `${(c.sleep.minutes / 60).toFixed(1)} h, slept ${c.sleep.quality}` : 'Not shared'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function contextLabel(context: string): string {
  return contextOptions().find((o) => o.context === context)?.label ?? context;
}
