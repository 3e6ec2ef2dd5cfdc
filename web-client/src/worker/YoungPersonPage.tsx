import { useEffect, useState } from 'preact/hooks';

import { ApiError } from '../api/client';
import type { CaseloadEntry, WorkerCheckIn } from '../api/types';
import { contextOptions } from '../core';
import { dateTime, locale } from '../i18n';
import { ts } from '../i18n/staff';
import { moodFace, moodWord } from '../young/moods';
import { api, problemWords } from './api';
import { Encourage } from './Encourage';
import { OutcomeRecords } from './OutcomeRecords';
import { Relink } from './Relink';
import { SafetyPlanView } from './SafetyPlanView';
import { SharedProgress } from './SharedProgress';
import { Signpost } from './Signpost';
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
        {ts.worker.common.backToCaseload}
      </button>
      <h1>{person.display_name}</h1>
      <SharedProgress api={api} youngPersonId={person.id} />
      <div class="person-grid">
        <Thrive youngPersonId={person.id} onChanged={onChanged} />
        <SafetyPlanView youngPersonId={person.id} />
      </div>
      <CheckIns person={person} />
      <OutcomeRecords youngPersonId={person.id} />
      <Encourage api={api} youngPersonId={person.id} name={person.display_name} />
      <Signpost youngPersonId={person.id} name={person.display_name} />
      <TipToParents api={api} youngPersonId={person.id} name={person.display_name} />
      <Relink youngPersonId={person.id} />
    </div>
  );
}

const words = ts.worker.checkIns;

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
        else setProblem(`${words.failed} ${problemWords(error)}`);
      });
  }, [person.id]);

  return (
    <section class="card" aria-labelledby="check-ins-title">
      <h2 id="check-ins-title">{words.title}</h2>
      {notShared && <p data-testid="not-shared">{words.notShared}</p>}
      {problem && (
        <p class="alert" role="alert">
          {problem}
        </p>
      )}
      {checkIns && checkIns.length === 0 && <p class="hint">{words.none}</p>}
      {checkIns && checkIns.length > 0 && (
        <div class="table-wrap">
          <table data-testid="check-ins">
            <thead>
              <tr>
                <th scope="col">{words.when}</th>
                <th scope="col">{words.mood}</th>
                <th scope="col">{words.feelings}</th>
                <th scope="col">{words.about}</th>
                <th scope="col">{words.sleep}</th>
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
                      ? c.feelings.map((f) => `${f.feeling} (${words.intensity[f.intensity]})`).join(', ')
                      : ts.worker.common.notShared}
                  </td>
                  <td>{c.contexts ? c.contexts.map(contextLabel).join(', ') : ts.worker.common.notShared}</td>
                  <td>{c.sleep ? words.sleepLine(new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(c.sleep.minutes / 60), c.sleep.quality) : ts.worker.common.notShared}</td>
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
