// The core as the browser uses it: the built wasm package, through the one
// typed module. The same rules the server runs natively.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

import { FALLBACK_CONTACTS } from '../src/young/crisis-contacts';
import {
  buildSyncBatch,
  crisisContacts,
  helpFirstFor,
  helpFirstForMeasure,
  measureCatalogue,
  safetyPlanSections,
  validateGoal,
  validateMeasureResponse,
  validateSafetyPlan,
  checkInLimits,
  feelingOptions,
  loadCoreSync,
  localTimestamp,
  newRecordId,
  progress,
  strategyCatalogue,
  suggest,
  Suggester,
  validateCheckIn,
  type CheckIn,
  type CheckInDraft,
  type ConsentGrant,
} from '../src/core';

beforeAll(() => {
  const wasm = fileURLToPath(new URL('../src/core/pkg/lantern_core_bg.wasm', import.meta.url));
  loadCoreSync(readFileSync(wasm));
});

function draft(overrides: Partial<CheckInDraft> = {}): CheckInDraft {
  return {
    id: newRecordId(Date.parse('2026-11-23T16:05:00Z')),
    recorded_at: '2026-11-23T16:05:00+00:00',
    mood: 2,
    feelings: [{ feeling: 'worried', intensity: 3 }],
    contexts: ['school'],
    sleep: { minutes: 420, quality: 'okay' },
    note: 'Maths test tomorrow',
    self_harm: 'no',
    ...overrides,
  };
}

function valid(d: CheckInDraft): CheckIn {
  const checked = validateCheckIn(d);
  if (checked.status !== 'valid') throw new Error(JSON.stringify(checked.errors));
  return checked.value;
}

describe('check-in validation in wasm', () => {
  it('accepts a good check-in unchanged', () => {
    const d = draft({ recorded_at: '2026-11-23T19:05:00+03:00' });
    expect(valid(d)).toEqual(d);
  });

  it('refuses mood 7 naming the field', () => {
    const checked = validateCheckIn(draft({ mood: 7 }));
    expect(checked.status).toBe('invalid');
    if (checked.status === 'invalid') {
      expect(checked.errors.map((e) => [e.field, e.code])).toEqual([['mood', 'mood_out_of_range']]);
      expect(checked.errors[0]?.message).toMatch(/five faces/);
    }
  });

  it('refuses an unknown feeling naming the field', () => {
    const checked = validateCheckIn(draft({ feelings: [{ feeling: 'grumpy', intensity: 1 }] }));
    expect(checked.status === 'invalid' && checked.errors[0]).toMatchObject({
      field: 'feelings[0].feeling',
      code: 'unknown_feeling',
    });
  });

  it('refuses a note over the limit and says the limit', () => {
    const limit = checkInLimits().note_max_chars;
    expect(limit).toBe(500);
    expect(validateCheckIn(draft({ note: 'é'.repeat(limit) })).status).toBe('valid');
    const checked = validateCheckIn(draft({ note: 'a'.repeat(limit + 1) }));
    expect(checked.status === 'invalid' && checked.errors[0]).toMatchObject({ field: 'note', code: 'note_too_long' });
    expect(checked.status === 'invalid' && checked.errors[0]?.message).toMatch(/500/);
  });

  it('reports every problem at once', () => {
    const checked = validateCheckIn(draft({ mood: 0, feelings: [] }));
    expect(checked.status === 'invalid' && checked.errors.map((e) => e.code)).toEqual([
      'mood_out_of_range',
      'feelings_empty',
    ]);
  });
});

describe('record ids', () => {
  it('are 26 characters and sort by time', () => {
    const earlier = newRecordId(1_000_000);
    const later = newRecordId(1_000_001);
    expect(earlier).toHaveLength(26);
    expect(earlier < later).toBe(true);
    expect(newRecordId(5)).not.toBe(newRecordId(5));
  });

  it('local timestamps carry an offset the core accepts', () => {
    expect(localTimestamp()).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
    expect(validateCheckIn(draft({ recorded_at: localTimestamp() })).status).toBe('valid');
  });
});

describe('the consent filter on the device', () => {
  const grant = (scope: ConsentGrant['scope']): ConsentGrant => ({
    scope,
    granted_at: '2026-01-01T00:00:00+00:00',
    include_past: false,
  });

  it('shares only the mood when only mood is shared', () => {
    const checked = buildSyncBatch({ check_ins: [valid(draft())] }, [grant('mood')]);
    expect(checked.status).toBe('valid');
    if (checked.status !== 'valid') return;
    const record = checked.value.records[0];
    expect(record?.op).toBe('upsert_check_in');
    if (record?.op !== 'upsert_check_in') return;
    expect(record.check_in.mood).toBe(2);
    expect(record.check_in.feelings).toBeUndefined();
    expect(record.check_in.contexts).toBeUndefined();
    expect(record.check_in.sleep).toBeUndefined();
    expect(record.check_in.note).toBeUndefined();
    expect(record.check_in).not.toHaveProperty('self_harm');
  });

  it('sends nothing without mood consent', () => {
    const checked = buildSyncBatch({ check_ins: [valid(draft())] }, [grant('notes')]);
    expect(checked.status === 'valid' && checked.value.records).toEqual([]);
  });

  it('lists sixteen feelings with labels', () => {
    const options = feelingOptions();
    expect(options).toHaveLength(16);
    expect(new Set(options.map((o) => o.label)).size).toBe(16);
  });
});

describe('progress in wasm', () => {
  it('groups moods by week and names what helped', () => {
    const checkIns = [
      valid(draft({ recorded_at: '2026-11-23T17:00:00+00:00', mood: 4 })),
      valid(draft({ recorded_at: '2026-11-16T17:00:00+00:00', mood: 2 })),
    ];
    const use = (day: number, before: number, after: number) => ({
      id: newRecordId(Date.parse(`2026-11-${day}T18:00:00Z`)),
      strategy_id: 'walk',
      used_at: `2026-11-${day}T18:00:00+00:00`,
      before,
      after,
    });
    const checked = progress({ check_ins: checkIns, strategy_uses: [use(20, 2, 4), use(21, 2, 3), use(22, 3, 3)] }, '2026-11-23', 4);
    expect(checked.status).toBe('valid');
    if (checked.status !== 'valid') return;
    expect(checked.value.weeks.map((w) => [w.week_start, w.mean_mood])).toEqual([
      ['2026-11-16', 2],
      ['2026-11-23', 4],
    ]);
    expect(checked.value.helps_most[0]?.sentence).toBe('Helped you 2 of the last 3 times.');
    expect(checked.value.goal_changes).toEqual([]);
    expect(checked.value.wheel_changes).toEqual([]);
  });

  it('refuses a malformed date clearly', () => {
    const checked = progress({}, '23/11/2026', 4);
    expect(checked.status === 'invalid' && checked.errors[0]?.field).toBe('today');
  });

  it('names a broken record by its place in the list', () => {
    const checkIn = { ...valid(draft()), mood: 'great' };
    const checked = progress({ check_ins: [valid(draft()), checkIn as never] }, '2026-11-23', 4);
    expect(checked.status === 'invalid' && checked.errors[0]).toMatchObject({
      field: 'check_ins[1].mood',
      code: 'wrong_type',
    });
  });
});

describe('suggestions in wasm', () => {
  it('suggests discreet calming ideas for strong worry at school, with reasons', () => {
    const checkIn = valid(draft({ feelings: [{ feeling: 'worried', intensity: 3 }], contexts: ['exams'], note: undefined }));
    const checked = suggest({
      moment: {
        check_in: checkIn,
        preferences: { favourites: [], hidden: [], personal_learning: true, sensitivities: { eating_difficulties: false }, age: 13 },
        now: '2026-11-23T10:30:00+00:00',
        seed: 7,
      },
      history: [],
    });
    expect(checked.status).toBe('valid');
    if (checked.status !== 'valid') return;
    expect(checked.value.place).toBe('school');
    expect(checked.value.suggestions).toHaveLength(5);
    const catalogue = strategyCatalogue();
    for (const s of checked.value.suggestions.slice(0, 3)) {
      const strategy = catalogue.strategies.find((c) => c.id === s.strategy_id);
      expect(strategy?.places).toContain('school');
      expect(['calm_body', 'self_soothe']).toContain(s.kind);
      expect(s.reason.length).toBeGreaterThan(10);
    }
  });

  it('learns from ratings kept in the engine and can forget them', () => {
    const engine = new Suggester([]);
    const moment = {
      check_in: valid(draft({ feelings: [{ feeling: 'sad', intensity: 2 }], contexts: [], note: undefined })),
      preferences: { favourites: [], hidden: [], personal_learning: true, sensitivities: { eating_difficulties: false }, age: 13 },
      now: '2026-11-23T17:00:00+00:00',
      seed: 3,
      count: 100,
    };
    for (let day = 10; day < 15; day++) {
      const added = engine.addUse({
        id: newRecordId(Date.parse(`2026-11-${day}T18:00:00Z`)),
        strategy_id: 'walk_outside',
        used_at: `2026-11-${day}T18:00:00+00:00`,
        feeling: 'sad',
        before: 2,
        after: 4,
      });
      expect(added.status).toBe('valid');
    }
    const bad = engine.addUse({ id: newRecordId(), strategy_id: 'walk_outside', used_at: '2026-11-20T18:00:00+00:00', before: 9 });
    expect(bad.status === 'invalid' && bad.errors[0]?.code).toBe('rating_out_of_range');
    const checked = engine.suggest(moment);
    if (checked.status !== 'valid') throw new Error('invalid');
    const walk = checked.value.suggestions.find((s) => s.strategy_id === 'walk_outside');
    expect(walk?.reason).toBe('Helped you 5 of the last 5 times you felt sad.');
    expect(engine.learned()[0]?.sentence).toBe('Walk outside helped you 5 of 5 times.');
    engine.reset();
    expect(engine.learned()).toEqual([]);
    engine.free();
  });

  it('ships at least 50 strategies', () => {
    expect(strategyCatalogue().strategies.length).toBeGreaterThanOrEqual(50);
  });

  it('gives each guided screen what it needs: a pace to breathe at, a time to wait', () => {
    const guided = strategyCatalogue().strategies.filter((s) => s.guided);
    expect(guided.map((s) => s.guided)).toEqual(expect.arrayContaining(['breathing', 'grounding', 'urge_timer']));
    for (const s of guided) {
      expect(Boolean(s.pace), s.id).toBe(s.guided === 'breathing');
      expect(Boolean(s.timer_minutes), s.id).toBe(s.guided === 'urge_timer');
    }
    expect(strategyCatalogue().strategies.find((s) => s.id === 'box_breathing')?.pace).toEqual({
      breathe_in: 4,
      hold_in: 4,
      breathe_out: 4,
      hold_out: 4,
    });
  });
});

describe('crisis contacts', () => {
  it('the fallback copy matches the core exactly', () => {
    const fromCore = crisisContacts('uk').flatMap((c) => c.ways.map((w) => w.href));
    for (const fallback of FALLBACK_CONTACTS) {
      expect(fromCore).toContain(fallback.href);
    }
    expect(fromCore).toEqual(expect.arrayContaining(['tel:08001111', 'sms:85258?body=SHOUT', 'tel:116123', 'tel:999']));
  });
});

describe('help first', () => {
  it('comes from the self-harm answer or a worrying note, read on the device', () => {
    expect(helpFirstFor(valid(draft({ self_harm: 'a_little', note: undefined })))).toEqual({ reason: 'self_harm_answer' });
    expect(helpFirstFor(valid(draft({ note: 'honestly i just want to die' })))).toEqual({
      reason: 'note',
      concern: 'suicidal_thoughts',
    });
    expect(helpFirstFor(valid(draft({ note: 'this homework is killing me' })))).toBeNull();
  });
});

describe('the same verdict natively and in wasm', () => {
  it('agrees with the native core on 300 random check-ins', () => {
    // Written by `cargo test -p lantern-core` from the native build.
    const fixture = JSON.parse(
      readFileSync(fileURLToPath(new URL('./fixtures/same-verdict.json', import.meta.url)), 'utf8'),
    ) as { cases: { draft: CheckInDraft; verdict: { status: string; errors?: [string, string][] } }[] };
    expect(fixture.cases.length).toBe(300);
    for (const { draft, verdict } of fixture.cases) {
      const checked = validateCheckIn(draft);
      expect(checked.status).toBe(verdict.status);
      if (checked.status === 'invalid') {
        expect(checked.errors.map((e) => [e.field, e.code])).toEqual(verdict.errors);
      }
    }
  });
});

describe('measures, goals and the safety plan in wasm', () => {
  const wheelItems = () => measureCatalogue().measures.find((m) => m.id === 'resilience_wheel')!.items;
  const wheel = (day: number, value: number) => ({
    id: newRecordId(Date.parse(`2026-11-${day}T17:00:00Z`)),
    measure_id: 'resilience_wheel',
    completed_at: `2026-11-${day}T17:00:00+00:00`,
    answers: wheelItems().map((item) => ({ item_id: item.id, value })),
  });

  it('checks answers and brings help for PHQ-9 item 9 only', () => {
    expect(validateMeasureResponse(wheel(10, 5)).status).toBe('valid');
    const bad = validateMeasureResponse({ ...wheel(10, 5), answers: [{ item_id: 'self_esteem', value: 11 }] });
    expect(bad.status === 'invalid' && bad.errors.map((e) => e.code)).toContain('answer_out_of_range');
    const phq = (q9: number) => ({
      id: newRecordId(),
      measure_id: 'phq9',
      completed_at: '2026-11-23T17:00:00+00:00',
      answers: Array.from({ length: 9 }, (_, i) => ({ item_id: `q${i + 1}`, value: i === 8 ? q9 : 3 })),
    });
    expect(helpFirstForMeasure(phq(0))).toBeNull();
    expect(helpFirstForMeasure(phq(1))).toEqual({ reason: 'measure_item' });
  });

  const goal = (n: number) => ({ id: newRecordId(n), text: `Goal ${n}`, set_at: '2026-11-01T10:00:00+00:00' });
  const rating = (goalId: string, day: number, progress: number) => {
    const date = `2026-11-${String(day).padStart(2, '0')}`;
    return { id: newRecordId(Date.parse(`${date}T10:00:00Z`)), goal_id: goalId, rated_at: `${date}T10:00:00+00:00`, progress };
  };

  it('keeps goals to three', () => {
    const three = [goal(1), goal(2), goal(3)];
    const fourth = validateGoal(goal(4), three);
    expect(fourth.status === 'invalid' && fourth.errors[0]?.code).toBe('too_many_goals');
  });

  it('shows goal and wheel change in progress, counted from the first rating however old', () => {
    const three = [goal(1), goal(2), goal(3)];
    const first = three[0]!.id;
    const second = three[1]!.id;
    const checked = progress(
      {
        check_ins: [valid(draft({ recorded_at: '2026-11-23T17:00:00+00:00', mood: 4 }))],
        goals: three,
        goal_ratings: [rating(first, 20, 6), rating(second, 3, 5), rating(first, 2, 2), rating(second, 21, 4)],
        measure_responses: [wheel(20, 7), wheel(10, 4)],
      },
      '2026-11-23',
      1,
    );
    expect(checked.status).toBe('valid');
    if (checked.status !== 'valid') return;
    expect(checked.value.weeks).toHaveLength(1);
    expect(checked.value.goal_changes).toEqual([
      { goal_id: first, first: 2, latest: 6, change: 4, ratings: 2 },
      { goal_id: second, first: 5, latest: 4, change: -1, ratings: 2 },
    ]);
    expect(checked.value.wheel_changes.map((c) => c.item_id)).toEqual(wheelItems().map((item) => item.id));
    for (const change of checked.value.wheel_changes) {
      expect(change).toMatchObject({ first: 4, latest: 7, change: 3 });
    }
  });

  it('refuses a goal rating off the scale, named by its place', () => {
    const three = [goal(1), goal(2), goal(3)];
    const checked = progress(
      { goals: three, goal_ratings: [rating(three[0]!.id, 2, 3), rating(three[0]!.id, 5, 12)] },
      '2026-11-23',
      4,
    );
    expect(checked.status === 'invalid' && checked.errors).toEqual([
      { field: 'goal_ratings[1].progress', code: 'progress_out_of_range', message: 'Pick a number from 0 to 10.' },
    ]);
  });

  it('has the safety plan sections and checks the plan', () => {
    expect(safetyPlanSections().map((s) => s.key)).toHaveLength(7);
    const plan = { id: newRecordId(), reasons_to_keep_going: ['My dog'], people_i_can_ask: [{ name: 'Jo', phone: 'call me' }] };
    const checked = validateSafetyPlan(plan as never);
    expect(checked.status === 'invalid' && checked.errors[0]?.field).toBe('people_i_can_ask[0].phone');
  });
});
