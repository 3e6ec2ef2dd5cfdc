import { describe, expect, it } from 'vitest';

import { t } from '../src/i18n';
import { recentTerms, termOf } from '../src/worker/OutcomeRecords';

describe('school terms for outcome records', () => {
  it('names the term a date falls in as the server does', () => {
    expect(termOf(new Date(2026, 0, 10))).toBe('2026-spring');
    expect(termOf(new Date(2026, 3, 30))).toBe('2026-spring');
    expect(termOf(new Date(2026, 5, 15))).toBe('2026-summer');
    expect(termOf(new Date(2026, 10, 23))).toBe('2026-autumn');
  });

  it('offers this term and the ones before it, crossing into last year', () => {
    expect(recentTerms(new Date(2026, 1, 1), 4)).toEqual(['2026-spring', '2025-autumn', '2025-summer', '2025-spring']);
  });

  it('writes a term in words', () => {
    expect(t.outcomes.termName('2026-autumn')).toBe('Autumn term 2026');
  });
});
