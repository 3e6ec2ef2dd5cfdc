// What the young person told Lantern (age band, eating being hard) reaches
// the core and changes which ideas it may suggest.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

import { loadCoreSync, newRecordId, suggest, validateCheckIn, type CheckIn } from '../src/core';
import { forCore, type Choices } from '../src/young/preferences';

beforeAll(() => {
  const wasm = fileURLToPath(new URL('../src/core/pkg/lantern_core_bg.wasm', import.meta.url));
  loadCoreSync(readFileSync(wasm));
});

const choices: Choices = { favourites: [], hidden: [], personalLearning: true, eatingDifficulties: false };

function checkIn(feeling: 'overwhelmed' | 'angry'): CheckIn {
  const checked = validateCheckIn({
    id: newRecordId(Date.parse('2026-11-23T17:00:00Z')),
    recorded_at: '2026-11-23T17:00:00+00:00',
    mood: 1,
    feelings: [{ feeling, intensity: 3 }],
    contexts: [],
  });
  if (checked.status !== 'valid') throw new Error(JSON.stringify(checked.errors));
  return checked.value;
}

/** Every idea the core would suggest, best first. */
function ideas(feeling: 'overwhelmed' | 'angry', prefs: ReturnType<typeof forCore>): string[] {
  const checked = suggest({
    moment: { check_in: checkIn(feeling), preferences: prefs, now: '2026-11-23T17:00:00+00:00', seed: 1, count: 100 },
    history: [],
  });
  if (checked.status !== 'valid') throw new Error('invalid');
  return checked.value.suggestions.map((s) => s.strategy_id);
}

describe('preferences for the core', () => {
  it('takes the youngest age of the band, and the youngest Lantern serves when none was given', () => {
    expect(forCore(choices, '10-12').age).toBe(10);
    expect(forCore(choices, '13-15').age).toBe(13);
    expect(forCore(choices, '16-18').age).toBe(16);
    expect(forCore(choices, undefined).age).toBe(10);
  });

  it('lets older young people have the ideas meant for their age', () => {
    expect(ideas('overwhelmed', forCore(choices, '16-18'))).toContain('surf_the_urge');
    expect(ideas('overwhelmed', forCore(choices, '13-15'))).toContain('call_samaritans');
    expect(ideas('overwhelmed', forCore(choices, undefined))).not.toContain('surf_the_urge');
    expect(ideas('overwhelmed', forCore(choices, '10-12'))).not.toContain('call_samaritans');
  });

  it('never suggests hard exercise or cold water when eating is hard', () => {
    const usual = ideas('angry', forCore(choices, '16-18'));
    expect(usual).toEqual(expect.arrayContaining(['movement_burst', 'cold_water_reset']));
    const careful = ideas('angry', forCore({ ...choices, eatingDifficulties: true }, '16-18'));
    expect(careful).not.toContain('movement_burst');
    expect(careful).not.toContain('cold_water_reset');
    expect(careful.length).toBeGreaterThan(0);
  });
});
