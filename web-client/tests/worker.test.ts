import { describe, expect, it } from 'vitest';

import { ts } from '../src/i18n/staff';
import { groupedKey } from '../src/worker/TotpEnrolment';
import { sinceNow } from '../src/worker/when';

describe('worker dashboard words', () => {
  it('shows a two-step key in groups of four, as authenticator apps do', () => {
    expect(groupedKey('QCSLOZMHOCZWKPDSVN2O')).toBe('QCSL OZMH OCZW KPDS VN2O');
    expect(groupedKey('ABCDEF')).toBe('ABCD EF');
  });

  it('says how long ago a check-in was through Intl.RelativeTimeFormat', () => {
    const now = Date.parse('2026-11-23T12:00:00Z');
    expect(sinceNow('2026-11-21T12:00:00Z', now)).toBe('2 days ago');
    expect(sinceNow('2026-11-22T12:00:00Z', now)).toBe('yesterday');
    expect(sinceNow('2026-11-23T09:00:00Z', now)).toBe('3 hours ago');
    expect(sinceNow('2026-11-23T11:59:30Z', now)).toBe('this minute');
  });

  it('counts answers to look at with plural rules', () => {
    expect(ts.worker.caseload.disclosure(1)).toBe('1 answer to look at');
    expect(ts.worker.caseload.disclosure(2)).toBe('2 answers to look at');
    expect(ts.worker.group.sent(2)).toBe('Sent to 2 young people.');
  });
});
