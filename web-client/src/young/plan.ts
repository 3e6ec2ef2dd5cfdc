// The young person's safety plan on their phone, in IndexedDB's small
// key-value store. It works with no network and no account; it leaves the
// phone only in a sync batch, and only while the safety-plan scope is shared
// (the core decides). What is being typed is kept as a draft, so nothing is
// lost if the page closes before it is saved.

import {
  newRecordId,
  validateSafetyPlan,
  type PlanContact,
  type PlanSection,
  type SafetyPlan,
  type ValidationError,
} from '../core';
import { settings } from '../store/db';
import { addTombstones } from './sent';
import { loadSession } from './session';

const PLAN = 'safety_plan';
const DRAFT = 'safety_plan_draft';
/** The `updated_at` of the version the server last stored. */
const SENT = 'safety_plan_sent';

export type LineKey = 'warning_signs' | 'things_i_can_do' | 'people_and_places' | 'making_my_space_safer' | 'reasons_to_keep_going';
export type ContactKey = 'people_i_can_ask' | 'professionals';
export type SectionKey = LineKey | ContactKey;

const CONTACT_KEYS: readonly string[] = ['people_i_can_ask', 'professionals'] satisfies ContactKey[];

export function isContactSection(key: string): key is ContactKey {
  return CONTACT_KEYS.includes(key);
}

export function emptyPlan(): SafetyPlan {
  return {
    id: newRecordId(),
    warning_signs: [],
    things_i_can_do: [],
    people_and_places: [],
    people_i_can_ask: [],
    professionals: [],
    making_my_space_safer: [],
    reasons_to_keep_going: [],
  };
}

export const loadPlan = () => settings.get<SafetyPlan>(PLAN);

/** What the editor opens with: unsaved typing first, then the saved plan. */
export async function loadDraft(): Promise<{ draft: SafetyPlan; unsaved: boolean }> {
  const draft = await settings.get<SafetyPlan>(DRAFT);
  if (draft) return { draft, unsaved: true };
  return { draft: (await loadPlan()) ?? emptyPlan(), unsaved: false };
}

export const keepDraft = (draft: SafetyPlan) => settings.set(DRAFT, draft);

/** Lines are trimmed and an empty number is no number; nothing is removed,
 * so the core's error fields (`warning_signs[2]`) point at what is on screen. */
export function tidy(draft: SafetyPlan): SafetyPlan {
  const contact = (c: PlanContact): PlanContact => {
    const phone = c.phone?.trim();
    return phone ? { name: c.name.trim(), phone } : { name: c.name.trim() };
  };
  const lines = (list: string[]) => list.map((line) => line.trim());
  return {
    id: draft.id,
    warning_signs: lines(draft.warning_signs),
    things_i_can_do: lines(draft.things_i_can_do),
    people_and_places: lines(draft.people_and_places),
    people_i_can_ask: draft.people_i_can_ask.map(contact),
    professionals: draft.professionals.map(contact),
    making_my_space_safer: lines(draft.making_my_space_safer),
    reasons_to_keep_going: lines(draft.reasons_to_keep_going),
  };
}

/** Checks the plan with the core and, if it is fine, keeps it as the plan. */
export async function savePlan(
  draft: SafetyPlan,
  now: Date = new Date(),
): Promise<{ saved: SafetyPlan } | { errors: ValidationError[] }> {
  const checked = validateSafetyPlan({ ...tidy(draft), updated_at: now.toISOString() });
  if (checked.status === 'invalid') return { errors: checked.errors };
  await settings.set(PLAN, checked.value);
  await settings.set(DRAFT, undefined);
  return { saved: checked.value };
}

/** Removes the plan from the phone. If the phone is connected, the server is
 * told to delete its copy too, whatever is shared now: taking back is
 * always allowed. */
export async function deletePlan(): Promise<void> {
  const plan = (await loadPlan()) ?? (await settings.get<SafetyPlan>(DRAFT));
  await settings.set(PLAN, undefined);
  await settings.set(DRAFT, undefined);
  await settings.set(SENT, undefined);
  if (plan && (await loadSession())) await addTombstones([{ kind: 'safety_plan', id: plan.id }]);
}

export function isEmpty(plan: SafetyPlan): boolean {
  return (
    [
      plan.warning_signs,
      plan.things_i_can_do,
      plan.people_and_places,
      plan.people_i_can_ask,
      plan.professionals,
      plan.making_my_space_safer,
      plan.reasons_to_keep_going,
    ] as unknown[][]
  ).every((list) => list.length === 0);
}

/** The sections that have something in them, in the core's order. */
export function filledSections(
  plan: SafetyPlan,
  sections: PlanSection[],
): { section: PlanSection; lines: string[]; contacts: PlanContact[] }[] {
  return sections
    .map((section) => {
      const key = section.key as SectionKey;
      return isContactSection(key)
        ? { section, lines: [], contacts: plan[key] }
        : { section, lines: plan[key], contacts: [] };
    })
    .filter(({ lines, contacts }) => lines.length + contacts.length > 0);
}

// ---- Sync: what the batch carries, and what the server confirmed ----

/** The saved plan if the server has not stored this version yet. */
export async function planToSend(): Promise<SafetyPlan | undefined> {
  const plan = await loadPlan();
  if (!plan) return undefined;
  return (await settings.get<string>(SENT)) === (plan.updated_at ?? '') ? undefined : plan;
}

export async function markPlanSent(plan: SafetyPlan): Promise<void> {
  await settings.set(SENT, plan.updated_at ?? '');
}

/** After consent changes the plan is offered again under the new rules. */
export const markPlanUnsent = () => settings.set(SENT, undefined);
