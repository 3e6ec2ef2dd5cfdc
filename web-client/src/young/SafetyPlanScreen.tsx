import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';

import { safetyPlanSections, type PlanContact, type PlanSection, type SafetyPlan, type ValidationError } from '../core';
import { t } from '../i18n';
import {
  deletePlan,
  emptyPlan,
  isContactSection,
  isEmpty,
  keepDraft,
  loadDraft,
  loadPlan,
  savePlan,
  type ContactKey,
  type LineKey,
} from './plan';

const words = t.safetyPlan;

/** An element id for a core error field such as `people_i_can_ask[0].phone`. */
const fieldId = (field: string) => `plan-${field.replace(/[^a-z0-9_]+/gi, '-')}`;
const errorId = (field: string) => `${fieldId(field)}-error`;

/** "My safety plan": every section the core defines, in the young person's
 * own words. Typing is kept on the phone at once; Save checks it with the
 * core and keeps it as the plan that "Get help now" shows. */
export function SafetyPlanScreen({ onSaved, onDone }: { onSaved: () => void; onDone: () => void }) {
  const sections = useMemo(safetyPlanSections, []);
  const [draft, setDraft] = useState<SafetyPlan | undefined>();
  const [hasPlan, setHasPlan] = useState(false);
  const [unsaved, setUnsaved] = useState(false);
  const [errors, setErrors] = useState<ValidationError[]>([]);
  const [message, setMessage] = useState('');
  const [confirming, setConfirming] = useState(false);
  // A new object each time, so asking twice for the same field moves focus again.
  const [focus, setFocus] = useState<{ field: string } | undefined>();

  useEffect(() => {
    void loadDraft().then((loaded) => {
      setDraft(loaded.draft);
      setUnsaved(loaded.unsaved);
    });
    void loadPlan().then((plan) => setHasPlan(Boolean(plan)));
  }, []);

  useEffect(() => {
    if (focus) document.getElementById(fieldId(focus.field))?.focus();
  }, [focus]);

  if (!draft) return null;

  const change = (next: SafetyPlan, structural = false) => {
    setDraft(next);
    setUnsaved(true);
    setMessage('');
    // Lines moved: the core's errors would point at the wrong ones.
    if (structural) setErrors([]);
    void keepDraft(next);
  };

  const save = async () => {
    const result = await savePlan(draft);
    if ('errors' in result) {
      setErrors(result.errors);
      if (result.errors[0]) setFocus({ field: result.errors[0].field });
      return;
    }
    setDraft(result.saved);
    setHasPlan(true);
    setUnsaved(false);
    setErrors([]);
    setMessage(words.saved);
    onSaved();
  };

  const remove = async () => {
    await deletePlan();
    setDraft(emptyPlan());
    setHasPlan(false);
    setUnsaved(false);
    setErrors([]);
    setConfirming(false);
    setMessage(words.deleted);
    onSaved();
  };

  const errorFor = (field: string) => errors.find((e) => e.field === field)?.message;

  return (
    <section class="stack" aria-labelledby="plan-title">
      <h1 id="plan-title">{words.title}</h1>
      <p>{words.intro}</p>
      <p class="hint">{words.private}</p>
      {sections.map((section) =>
        isContactSection(section.key) ? (
          <ContactSection
            key={section.key}
            section={section}
            contacts={draft[section.key]}
            errorFor={errorFor}
            onChange={(contacts, structural, focusOn) => {
              change({ ...draft, [section.key as ContactKey]: contacts }, structural);
              if (focusOn) setFocus({ field: focusOn });
            }}
          />
        ) : (
          <LineSection
            key={section.key}
            section={section}
            lines={draft[section.key as LineKey]}
            errorFor={errorFor}
            onChange={(lines, structural, focusOn) => {
              change({ ...draft, [section.key as LineKey]: lines }, structural);
              if (focusOn) setFocus({ field: focusOn });
            }}
          />
        ),
      )}
      {errors.length > 0 && (
        <p class="alert" role="alert">
          {words.fixFirst}
        </p>
      )}
      <p class={`status ${message ? 'ok' : unsaved ? 'warn' : ''}`} role="status" data-testid="plan-status">
        {message || (unsaved ? words.unsaved : '')}
      </p>
      <div class="row">
        <button type="button" onClick={save}>
          {words.save}
        </button>
        <button type="button" class="secondary" onClick={onDone}>
          {t.common.backHome}
        </button>
      </div>
      {(hasPlan || !isEmpty(draft)) &&
        (confirming ? (
          <div class="card stack" role="group" aria-labelledby="plan-delete-question">
            <p id="plan-delete-question">{words.deleteSure}</p>
            <div class="row">
              <button type="button" class="help" onClick={remove}>
                {words.deleteYes}
              </button>
              <button type="button" class="secondary" onClick={() => setConfirming(false)} autoFocus>
                {words.deleteNo}
              </button>
            </div>
          </div>
        ) : (
          <button type="button" class="secondary" onClick={() => setConfirming(true)}>
            {words.deletePlan}
          </button>
        ))}
    </section>
  );
}

interface SectionProps<T> {
  section: PlanSection;
  errorFor: (field: string) => string | undefined;
  /** `structural` when lines were added or removed; `focusOn` a field to move to
   * (after a removal, the section's Add button, so focus is never lost). */
  onChange: (items: T[], structural: boolean, focusOn?: string) => void;
}

function SectionFrame({ section, children }: { section: PlanSection; children: ComponentChildren }) {
  const titleId = `plan-section-${section.key}`;
  return (
    <section class="card stack" aria-labelledby={titleId} data-testid={`plan-section-${section.key}`}>
      <div>
        <h2 id={titleId}>{section.title}</h2>
        <p class="hint">{section.prompt}</p>
      </div>
      {children}
    </section>
  );
}

function FieldError({ field, message }: { field: string; message?: string }) {
  if (!message) return null;
  return (
    <p class="field-error" id={errorId(field)}>
      {message}
    </p>
  );
}

function LineSection({ section, lines, errorFor, onChange }: SectionProps<string> & { lines: string[] }) {
  const key = section.key;
  return (
    <SectionFrame section={section}>
      {lines.length > 0 && (
        <ul class="plan-lines">
          {lines.map((line, i) => {
            const field = `${key}[${i}]`;
            const error = errorFor(field);
            return (
              <li key={i}>
                <label class="visually-hidden" for={fieldId(field)}>
                  {words.lineLabel(section.title, i + 1)}
                </label>
                <div class="plan-line">
                  <input
                    id={fieldId(field)}
                    type="text"
                    value={line}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? errorId(field) : undefined}
                    onInput={(e) => onChange(lines.map((l, j) => (j === i ? e.currentTarget.value : l)), false)}
                  />
                  <button
                    type="button"
                    class="secondary small"
                    onClick={() => onChange(lines.filter((_, j) => j !== i), true, key)}
                  >
                    {words.remove}
                    <span class="visually-hidden"> {words.lineLabel(section.title, i + 1)}</span>
                  </button>
                </div>
                <FieldError field={field} message={error} />
              </li>
            );
          })}
        </ul>
      )}
      <FieldError field={key} message={errorFor(key)} />
      <button
        type="button"
        class="secondary"
        id={fieldId(key)}
        aria-describedby={errorFor(key) ? errorId(key) : undefined}
        onClick={() => onChange([...lines, ''], true, `${key}[${lines.length}]`)}
      >
        {words.addLine}
        <span class="visually-hidden">{words.toSection(section.title)}</span>
      </button>
    </SectionFrame>
  );
}

function ContactSection({ section, contacts, errorFor, onChange }: SectionProps<PlanContact> & { contacts: PlanContact[] }) {
  const key = section.key;
  const edit = (i: number, next: PlanContact) => onChange(contacts.map((c, j) => (j === i ? next : c)), false);
  return (
    <SectionFrame section={section}>
      {contacts.map((contact, i) => {
        const name = `${key}[${i}].name`;
        const phone = `${key}[${i}].phone`;
        const nameError = errorFor(name);
        const phoneError = errorFor(phone);
        return (
          <fieldset class="plan-person" key={i}>
            <legend class="visually-hidden">{words.person(section.title, i + 1)}</legend>
            <div class="field">
              <label for={fieldId(name)}>{words.nameLabel}</label>
              <input
                id={fieldId(name)}
                type="text"
                autocomplete="off"
                value={contact.name}
                aria-invalid={nameError ? true : undefined}
                aria-describedby={nameError ? errorId(name) : undefined}
                onInput={(e) => edit(i, { ...contact, name: e.currentTarget.value })}
              />
              <FieldError field={name} message={nameError} />
            </div>
            <div class="field">
              <label for={fieldId(phone)}>{words.phoneLabel}</label>
              <input
                id={fieldId(phone)}
                type="tel"
                inputMode="tel"
                autocomplete="off"
                value={contact.phone ?? ''}
                aria-invalid={phoneError ? true : undefined}
                aria-describedby={phoneError ? errorId(phone) : undefined}
                onInput={(e) => edit(i, { ...contact, phone: e.currentTarget.value })}
              />
              <FieldError field={phone} message={phoneError} />
            </div>
            <button type="button" class="secondary small" onClick={() => onChange(contacts.filter((_, j) => j !== i), true, key)}>
              {words.remove}
              <span class="visually-hidden"> {words.person(section.title, i + 1)}</span>
            </button>
          </fieldset>
        );
      })}
      <FieldError field={key} message={errorFor(key)} />
      <button
        type="button"
        class="secondary"
        id={fieldId(key)}
        aria-describedby={errorFor(key) ? errorId(key) : undefined}
        onClick={() => onChange([...contacts, { name: '' }], true, `${key}[${contacts.length}].name`)}
      >
        {words.addPerson}
        <span class="visually-hidden">{words.toSection(section.title)}</span>
      </button>
    </SectionFrame>
  );
}
