// The catalogue's words for the messages, reminder, parents, worker and
// sending screens: counts take their plural forms, and times, days and names
// are written by Intl for the device's language, not by hand.

import { afterEach, describe, expect, it, vi } from 'vitest';

import { clockTime, list, plural, t, weekdayName } from '../src/i18n';
import { ts } from '../src/i18n/staff';
import { when } from '../src/young/sync';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('catalogue words for the finished screens', () => {
  it('says how many parents or carers got a tip in the right plural form', () => {
    expect(plural(1, ts.workerMessages.tipSentTo)).toBe('Sent to one parent or carer.');
    expect(plural(2, ts.workerMessages.tipSentTo)).toBe('Sent to 2 parents or carers.');
    expect(plural(1200, ts.workerMessages.tipSentTo)).toBe('Sent to 1,200 parents or carers.');
  });

  it('writes a reminder time through Intl, as this device writes times', async () => {
    expect(clockTime('17:00')).toBe('17:00');
    expect(t.reminders.turnedOn(clockTime('07:30'))).toBe('Done. Lantern will remind you at 07:30 each day.');
    // A phone set to American English gets its own clock, from the same words.
    vi.stubGlobal('navigator', { languages: ['en-US'] });
    const american = await import('../src/i18n');
    expect(american.clockTime('17:00')).toBe('05:00 PM');
    expect(american.weekdayName(0)).toBe('Monday');
  });

  it('leaves a time it cannot read as it was, rather than failing', () => {
    expect(clockTime('')).toBe('');
    expect(clockTime('soon')).toBe('soon');
  });

  it('says when something was sent: the time today, the day and time before', () => {
    const now = new Date(2026, 10, 23, 18, 0);
    expect(when(new Date(2026, 10, 23, 16, 5).toISOString(), now)).toBe('at 16:05');
    expect(when(new Date(2026, 10, 20, 9, 30).toISOString(), now)).toBe('on Fri 20 Nov at 09:30');
    expect(t.sync.sent(when(new Date(2026, 10, 23, 16, 5).toISOString(), now))).toBe('Sent to your worker at 16:05.');
  });

  it('names weekdays Monday first and joins names as people do', () => {
    expect(weekdayName(0)).toBe('Monday');
    expect(weekdayName(6)).toBe('Sunday');
    expect(t.parents.sentTo(list(['Alex']))).toMatch(/^Sent to Alex\. /);
    expect(list(['Alex', 'Sam'])).toBe('Alex and Sam');
    expect(list(['Alex', 'Sam', 'Jo'])).toBe('Alex, Sam and Jo');
  });

  it('points to help by the same words as the help button', () => {
    expect(t.parents.askedOften).toContain(`“${t.common.getHelpNow}”`);
  });

  it('words a parent’s nudge with or without their own message', () => {
    expect(ts.parentApp.askedToCheckIn('Sky', 'Can we talk tonight?')).toBe(
      'Sky asked you to check in with them: “Can we talk tonight?”',
    );
    expect(ts.parentApp.askedToCheckIn('Sky', null)).toBe('Sky asked you to check in with them.');
  });
});
