import { describe, expect, it } from 'vitest';

import { hashPin, validPin, verifyPin, waitAfter } from '../src/young/pin';

describe('app PIN', () => {
  it('verifies the same PIN and refuses another', async () => {
    const stored = await hashPin('4821');
    expect(await verifyPin('4821', stored)).toBe(true);
    expect(await verifyPin('4822', stored)).toBe(false);
    expect(await verifyPin('48210', stored)).toBe(false);
  });

  it('never keeps the PIN and salts each set differently', async () => {
    const first = await hashPin('4821');
    const second = await hashPin('4821');
    expect(first.salt).not.toBe(second.salt);
    expect(first.hash).not.toBe(second.hash);
    expect(JSON.stringify(first)).not.toContain('4821');
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('takes 4 to 6 digits only', () => {
    expect(['1234', '123456'].every(validPin)).toBe(true);
    expect(['123', '1234567', '12a4', ''].some(validPin)).toBe(false);
  });

  it('waits longer after more wrong tries', () => {
    expect(waitAfter(2)).toBe(0);
    expect(waitAfter(3)).toBeGreaterThan(0);
    expect(waitAfter(4)).toBeGreaterThan(waitAfter(3));
    expect(waitAfter(20)).toBe(60);
  });
});
