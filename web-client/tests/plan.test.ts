// The safety plan's rules on the device, through the built wasm core: what
// the editor hands the core, what the summary lists, and what a sync batch
// may carry under consent.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

import { buildSyncBatch, loadCoreSync, safetyPlanSections, validateSafetyPlan, type ConsentGrant } from '../src/core';
import { emptyPlan, filledSections, isContactSection, isEmpty, tidy } from '../src/young/plan';

beforeAll(() => {
  const wasm = fileURLToPath(new URL('../src/core/pkg/lantern_core_bg.wasm', import.meta.url));
  loadCoreSync(readFileSync(wasm));
});

describe('the safety plan on the phone', () => {
  it('keeps every line in place, so the core’s errors point at what is on screen', () => {
    const draft = {
      ...emptyPlan(),
      warning_signs: ['  I stop answering messages ', '   ', 'I can’t sleep'],
      people_i_can_ask: [
        { name: ' Auntie Jo ', phone: ' 07700 900123 ' },
        { name: 'Mr Patel', phone: '' },
        { name: 'Sam', phone: 'call me' },
      ],
    };
    const tidied = tidy(draft);
    expect(tidied.warning_signs).toEqual(['I stop answering messages', '', 'I can’t sleep']);
    expect(tidied.people_i_can_ask).toEqual([
      { name: 'Auntie Jo', phone: '07700 900123' },
      { name: 'Mr Patel' },
      { name: 'Sam', phone: 'call me' },
    ]);
    const checked = validateSafetyPlan(tidied);
    expect(checked.status).toBe('invalid');
    if (checked.status !== 'invalid') return;
    expect(checked.errors.map((e) => [e.field, e.code])).toEqual([
      ['warning_signs[1]', 'entry_empty'],
      ['people_i_can_ask[2].phone', 'phone_invalid'],
    ]);
  });

  it('lists only the sections with something in them, in the core’s order', () => {
    const sections = safetyPlanSections();
    expect(sections.filter((s) => isContactSection(s.key)).map((s) => s.key)).toEqual([
      'people_i_can_ask',
      'professionals',
    ]);
    const plan = { ...emptyPlan(), reasons_to_keep_going: ['My dog'], people_i_can_ask: [{ name: 'Mum' }] };
    expect(isEmpty(emptyPlan())).toBe(true);
    expect(isEmpty(plan)).toBe(false);
    const filled = filledSections(plan, sections);
    expect(filled.map((f) => f.section.key)).toEqual(['people_i_can_ask', 'reasons_to_keep_going']);
    expect(filled[0].contacts).toEqual([{ name: 'Mum' }]);
    expect(filled[1].lines).toEqual(['My dog']);
  });

  it('goes in a sync batch only while the safety plan is shared; deleting always goes', () => {
    const plan = { ...tidy({ ...emptyPlan(), warning_signs: ['Quiet'] }), updated_at: '2026-11-23T10:00:00Z' };
    const gone = { kind: 'safety_plan' as const, id: emptyPlan().id };
    const data = { safety_plan: plan, deleted: [gone] };
    const ops = (grants: ConsentGrant[]) => {
      const batch = buildSyncBatch(data, grants);
      if (batch.status !== 'valid') throw new Error('invalid batch');
      return batch.value.records.map((r) => r.op);
    };
    const mood: ConsentGrant = { scope: 'mood', granted_at: '2026-01-01T00:00:00Z', include_past: true };
    const shared: ConsentGrant = { scope: 'safety_plan', granted_at: '2026-12-01T00:00:00Z', include_past: false };
    expect(ops([])).toEqual(['delete']);
    expect(ops([mood])).toEqual(['delete']);
    // A plan has no "recorded before" time: shared means all of it, now.
    expect(ops([mood, shared])).toEqual(['upsert_safety_plan', 'delete']);
  });
});
