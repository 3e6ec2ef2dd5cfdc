import { useEffect, useState } from 'preact/hooks';

import { ApiError } from '../api/client';
import { safetyPlanSections, type SafetyPlan } from '../core';
import type { PlanContact } from '../core/generated/PlanContact';
import { dateTime } from '../i18n';
import { ts } from '../i18n/staff';
import { api, problemWords } from './api';

const words = ts.worker.safetyPlan;

type Loaded = { shared: false } | { shared: true; plan: SafetyPlan | null };

/** The young person's safety plan, read-only, only while they share it. A
 * plan not shared is "Not shared" and nothing more. */
export function SafetyPlanView({ youngPersonId }: { youngPersonId: string }) {
  const [loaded, setLoaded] = useState<Loaded | undefined>();
  const [problem, setProblem] = useState('');

  useEffect(() => {
    api
      .call<{ safety_plan: SafetyPlan | null }>('GET', `/young-people/${encodeURIComponent(youngPersonId)}/safety-plan`)
      .then((answer) => setLoaded({ shared: true, plan: answer.safety_plan }))
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.code === 'consent_required') setLoaded({ shared: false });
        else setProblem(problemWords(error));
      });
  }, [youngPersonId]);

  return (
    <section class="card stack" aria-labelledby="plan-title" data-testid="safety-plan">
      <h2 id="plan-title">{words.title}</h2>
      {problem && (
        <p class="alert" role="alert">
          {problem}
        </p>
      )}
      {loaded && !loaded.shared && <p data-testid="safety-plan-not-shared">{words.notShared}</p>}
      {loaded?.shared && !loaded.plan && <p class="hint">{words.none}</p>}
      {loaded?.shared && loaded.plan && <Plan plan={loaded.plan} />}
    </section>
  );
}

function Plan({ plan }: { plan: SafetyPlan }) {
  return (
    <div class="stack plan">
      {plan.updated_at && <p class="hint">{words.updated(dateTime(plan.updated_at))}</p>}
      {safetyPlanSections().map((section) => {
        const items = (plan as unknown as Record<string, (string | PlanContact)[] | undefined>)[section.key] ?? [];
        return (
          <div key={section.key}>
            <h3>{section.title}</h3>
            {items.length === 0 ? (
              <p class="hint">{words.empty}</p>
            ) : (
              <ul>
                {items.map((item, i) => (
                  <li key={i}>{typeof item === 'string' ? item : contactLine(item)}</li>
                ))}
              </ul>
            )}
          </div>
        );
      })}
    </div>
  );
}

function contactLine(contact: PlanContact): string {
  return contact.phone ? `${contact.name}: ${contact.phone}` : contact.name;
}
