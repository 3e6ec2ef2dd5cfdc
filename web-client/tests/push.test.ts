import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { PUSH_KINDS, bodyFor, parsePayload, routeFor } from '../src/push/payload';
import { base64UrlToBytes } from '../src/push/subscribe';

describe('push payloads', () => {
  it('reads what the server sends', () => {
    const text = '{"kind":"encouragement","id":"0b7c5a56-3c1e-4e43-9a8e-3d2f1f0e9a11","title":"Lantern: you have a message"}';
    expect(parsePayload(text)).toEqual({
      kind: 'encouragement',
      id: '0b7c5a56-3c1e-4e43-9a8e-3d2f1f0e9a11',
      title: 'Lantern: you have a message',
    });
  });

  it('refuses anything that is not ours', () => {
    for (const text of [
      undefined,
      '',
      'hello',
      '[]',
      '{"kind":"chat","id":"1","title":"x"}',
      '{"kind":"alert","id":"","title":"x"}',
      '{"kind":"alert","id":"1","title":""}',
      `{"kind":"alert","id":"1","title":"${'x'.repeat(81)}"}`,
      `{"kind":"alert","id":"${'1'.repeat(65)}","title":"x"}`,
      '{"kind":"alert","id":1,"title":"x"}',
    ]) {
      expect(parsePayload(text), String(text)).toBeUndefined();
    }
  });

  it('opens the screen each kind belongs to', () => {
    expect(routeFor({ kind: 'alert', id: 'a' })).toBe('/#/worker/alerts');
    expect(routeFor({ kind: 'encouragement', id: 'm 1' })).toBe('/#/messages/m%201');
    expect(routeFor({ kind: 'reminder', id: 'r' })).toBe('/#/check-in');
    expect(routeFor({ kind: 'parent_tip', id: 't' })).toBe('/#/parent/inbox/t');
    expect(routeFor({ kind: 'signpost', id: 's' })).toBe('/#/messages/s');
    for (const kind of PUSH_KINDS) {
      expect(routeFor({ kind, id: 'x' }).startsWith('/#/')).toBe(true);
    }
  });

  it('never puts anything personal on the lock screen', () => {
    for (const kind of PUSH_KINDS) {
      const body = bodyFor(kind);
      expect(body.length).toBeLessThan(60);
      expect(body).not.toMatch(/hurt|harm|alert about|mood/i);
    }
  });

  it('decodes a VAPID key as the push manager needs it', () => {
    // 0x04 followed by 64 bytes, as base64url without padding.
    const key = 'BGsX0fLhLEJH-Lzm5WOkQPJ3A32BLeszoPShOUXYmMKWT-NC4v4af5uO5-tKfA-eFivOM1drMV7Oy7ZAaDe_UfU';
    const bytes = base64UrlToBytes(key);
    expect(bytes.length).toBe(65);
    expect(bytes[0]).toBe(4);
    expect(bytes[64]).toBe(0xf5);
  });

  it('knows every kind the server sends (a kind it did not know would be dropped)', () => {
    const source = readFileSync(new URL('../../server/src/notify/kind.rs', import.meta.url), 'utf8');
    // `Kind::Alert => "alert"`: the wire names in `Kind::as_str` (titles have spaces, topics `Some`).
    const serverKinds = [...new Set([...source.matchAll(/Kind::\w+ => "(\w+)"/g)].map((m) => m[1]))];
    expect(serverKinds.length).toBeGreaterThan(5);
    expect([...serverKinds].sort()).toEqual([...PUSH_KINDS].sort());
  });
});
