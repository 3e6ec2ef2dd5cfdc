import { useEffect, useMemo, useState } from 'preact/hooks';

import { ApiError, type Api } from '../api/client';
import { safetyPlanSections, type SafetyPlan } from '../core';
import { dateTime, t } from '../i18n';
import { filledSections, isEmpty } from '../young/plan';

const words = t.safetyPlan;

type Shown =
  | { state: 'loading' }
  | { state: 'not_shared' }
  | { state: 'shared'; plan: SafetyPlan | null }
  | { state: 'failed' };

/** A young person's safety plan as they shared it; "Not shared" and nothing
 * more when they do not share it now (the server refuses the read). */
export function SafetyPlanView({ api, youngPersonId }: { api: Api; youngPersonId: string }) {
  const sections = useMemo(safetyPlanSections, []);
  const [shown, setShown] = useState<Shown>({ state: 'loading' });

  useEffect(() => {
    setShown({ state: 'loading' });
    api
      .call<{ safety_plan: SafetyPlan | null }>('GET', `/young-people/${encodeURIComponent(youngPersonId)}/safety-plan`)
      .then((view) => setShown({ state: 'shared', plan: view.safety_plan }))
      .catch((error: unknown) =>
        setShown(error instanceof ApiError && error.code === 'consent_required' ? { state: 'not_shared' } : { state: 'failed' }),
      );
  }, [api, youngPersonId]);

  return (
    <section class="card stack" aria-labelledby="worker-plan-title" data-testid="worker-safety-plan">
      <h2 id="worker-plan-title">{words.workerTitle}</h2>
      {shown.state === 'not_shared' && <p data-testid="safety-plan-not-shared">{words.notShared}</p>}
      {shown.state === 'failed' && (
        <p class="alert" role="alert">
          {words.loadFailed}
        </p>
      )}
      {shown.state === 'shared' && (!shown.plan || isEmpty(shown.plan)) && <p class="hint">{words.noneYet}</p>}
      {shown.state === 'shared' && shown.plan && (
        <div class="plan-columns">
          {filledSections(shown.plan, sections).map(({ section, lines, contacts }) => (
            <div key={section.key}>
              <h3>{section.title}</h3>
              <ul>
                {lines.map((line, i) => (
                  <li key={i}>{line}</li>
                ))}
                {contacts.map((contact, i) => (
                  <li key={i}>
                    {contact.name}
                    {contact.phone && ` · ${contact.phone}`}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      )}
      {shown.state === 'shared' && shown.plan?.updated_at && (
        <p class="hint">{words.updated(dateTime(shown.plan.updated_at))}</p>
      )}
    </section>
  );
}
