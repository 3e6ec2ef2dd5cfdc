import { describe, expect, it } from 'vitest';

import { dateTime, pickLocale, plural, t } from '../src/i18n';
import { en } from '../src/i18n/en';
import { staff } from '../src/i18n/en/staff';
import { ts } from '../src/i18n/staff';

describe('words for translation', () => {
  it('picks the first language it has words for, else British English', () => {
    expect(pickLocale(['fr-FR', 'en-US'])).toBe('en-US');
    expect(pickLocale(['fr-FR'])).toBe('en-GB');
    expect(pickLocale([])).toBe('en-GB');
  });

  it('chooses the plural form by count and writes the number', () => {
    const forms = { one: '{n} new message', other: '{n} new messages' };
    expect(plural(1, forms)).toBe('1 new message');
    expect(plural(3, forms)).toBe('3 new messages');
    expect(plural(1200, forms)).toBe('1,200 new messages');
  });

  it('formats dates through Intl, not by hand', () => {
    const text = dateTime('2026-11-23T16:05:00Z', { timeZone: 'UTC' });
    expect(text).toMatch(/23/);
    expect(text).toMatch(/Nov/);
    expect(text).toMatch(/16:05/);
  });

  it('has no empty string anywhere in the English catalogues', () => {
    const empty: string[] = [];
    const walk = (value: unknown, path: string) => {
      if (typeof value === 'string' && value.trim() === '') empty.push(path);
      else if (value && typeof value === 'object')
        for (const [key, inner] of Object.entries(value)) walk(inner, `${path}.${key}`);
    };
    walk(en, 'en');
    walk(staff, 'staff');
    expect(empty).toEqual([]);
    expect(t).toBe(en);
    expect(ts).toBe(staff);
  });

  it('keeps the young person’s words and the staff faces’ words apart', () => {
    const shared = Object.keys(staff).filter((key) => key in en);
    expect(shared).toEqual([]);
  });
});
