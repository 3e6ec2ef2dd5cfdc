import { useEffect, useMemo, useState } from 'preact/hooks';

import { safetyPlanSections, type SafetyPlan } from '../core';
import { t } from '../i18n';
import { smsLink, telLink } from '../ui/contact-links';
import { filledSections, isEmpty, loadPlan } from './plan';

const words = t.safetyPlan;

/** The young person's own safety plan, read-only, from the phone: shown in
 * "Get help now" and after a hard answer, with no network needed. People
 * with a number are one tap away. */
export function PlanSummary() {
  const sections = useMemo(safetyPlanSections, []);
  // `null` while it loads, so the card does not flash "make one".
  const [plan, setPlan] = useState<SafetyPlan | undefined | null>(null);
  useEffect(() => {
    void loadPlan().then(setPlan);
  }, []);
  if (plan === null) return null;
  const filled = plan && !isEmpty(plan) ? filledSections(plan, sections) : [];
  return (
    <section class="card stack" aria-labelledby="plan-summary-title" data-testid="plan-summary">
      <h3 id="plan-summary-title">{words.summaryTitle}</h3>
      {filled.length === 0 && <p>{words.summaryEmpty}</p>}
      {filled.map(({ section, lines, contacts }) => (
        <div key={section.key}>
          <h4>{section.title}</h4>
          <ul class="plan-summary">
            {lines.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
            {contacts.map((contact, i) => (
              <li key={i}>
                {contact.name}
                {contact.phone && <span class="hint"> · {contact.phone}</span>}
                {contact.phone && (
                  <span class="row">
                    <a class="button small" href={telLink(contact.phone)}>
                      {words.call(contact.name)}
                    </a>
                    <a class="button secondary small" href={smsLink(contact.phone)}>
                      {words.text(contact.name)}
                    </a>
                  </span>
                )}
              </li>
            ))}
          </ul>
        </div>
      ))}
      <a class="button secondary" href="#/safety-plan">
        {filled.length === 0 ? words.makeOne : words.change}
      </a>
    </section>
  );
}
