// The fetch client against a fake server: problem+json errors become typed
// errors, and an expired access token is refreshed exactly once even when
// several requests find out at the same time (refresh tokens are single use;
// using one twice ends the sign-in everywhere).

import { afterEach, describe, expect, it, vi } from 'vitest';

import { Api, ApiError, type SessionStore } from '../src/api/client';
import type { Problem, Session } from '../src/api/types';

function session(n: number): Session {
  return {
    access_token: `access-${n}`,
    token_type: 'Bearer',
    expires_in: 900,
    refresh_token: `refresh-${n}`,
    user: { id: 'u1', role: 'young_person', display_name: 'Sky', service_id: 's1' },
  };
}

function memoryStore(initial: Session | undefined): SessionStore & { current: Session | undefined } {
  const store = {
    current: initial,
    load: async () => store.current,
    save: async (next: Session | undefined) => {
      store.current = next;
    },
  };
  return store;
}

function problem(status: number, code: string, extra: Partial<Problem> = {}): Response {
  const body: Problem = { type: `urn:lantern:problem:${code}`, title: 't', status, code, detail: `${code} detail`, ...extra };
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/problem+json' } });
}

function json(value: unknown, status = 200): Response {
  return new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
}

interface Seen {
  path: string;
  auth: string | undefined;
  body: unknown;
}

/** A fake server: `access-2` is the only good access token; `refresh-1` may be used once. */
function fakeServer(onRefresh: (token: string) => Response | Promise<Response>): Seen[] {
  const seen: Seen[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    const headers = init.headers as Record<string, string>;
    const body = init.body ? (JSON.parse(String(init.body)) as unknown) : undefined;
    seen.push({ path: url, auth: headers.authorization, body });
    if (url === '/api/v1/auth/refresh') return onRefresh((body as { refresh_token: string }).refresh_token);
    if (headers.authorization !== 'Bearer access-2') return problem(401, 'unauthenticated');
    return json({ ok: url });
  });
  return seen;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the API client', () => {
  it('refreshes once for requests that find the token expired together, and keeps the new refresh token', async () => {
    let refreshes = 0;
    const seen = fakeServer(async (token) => {
      refreshes += 1;
      await new Promise((r) => setTimeout(r, 10));
      return token === 'refresh-1' ? json(session(2)) : problem(401, 'refresh_token_reused');
    });
    const store = memoryStore(session(1));
    const api = new Api(store);
    const answers = await Promise.all([
      api.call<{ ok: string }>('GET', '/me/consents'),
      api.call<{ ok: string }>('POST', '/sync', { version: 1, records: [] }),
      api.call<{ ok: string }>('GET', '/me'),
    ]);
    expect(answers.map((a) => a.ok)).toEqual(['/api/v1/me/consents', '/api/v1/sync', '/api/v1/me']);
    expect(refreshes).toBe(1);
    expect(store.current?.refresh_token).toBe('refresh-2');
    expect(seen.filter((s) => s.path === '/api/v1/sync').map((s) => s.auth)).toEqual(['Bearer access-1', 'Bearer access-2']);

    // A request that still carried the old token after the refresh uses the new session.
    const late = new Api(store);
    store.current = session(2);
    await expect(late.call('GET', '/me')).resolves.toEqual({ ok: '/api/v1/me' });
    expect(refreshes).toBe(1);
  });

  it('turns problem+json into a typed error with the core’s field errors', async () => {
    const errors = [{ field: 'age_band', code: 'unknown_age_band', message: 'Pick 10-12, 13-15 or 16-18.' }];
    vi.stubGlobal('fetch', async () => problem(422, 'validation_failed', { errors }));
    const api = new Api(memoryStore(undefined));
    const failure = await api.anonymous('POST', '/join', {}).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    const apiError = failure as ApiError;
    expect([apiError.status, apiError.code, apiError.message]).toEqual([422, 'validation_failed', 'validation_failed detail']);
    expect(apiError.problem.errors).toEqual(errors);
  });

  it('gives an error without a problem body the code "unknown"', async () => {
    vi.stubGlobal('fetch', async () => new Response('<html>Bad gateway</html>', { status: 502 }));
    const failure = (await new Api(memoryStore(undefined)).anonymous('GET', '/me').catch((e: unknown) => e)) as ApiError;
    expect([failure.status, failure.code]).toEqual([502, 'unknown']);
  });

  it('signs out only when the refresh token itself is refused', async () => {
    fakeServer(() => problem(500, 'internal'));
    const store = memoryStore(session(1));
    await expect(new Api(store).call('GET', '/me')).rejects.toMatchObject({ code: 'internal' });
    expect(store.current?.refresh_token).toBe('refresh-1');

    fakeServer(() => problem(401, 'invalid_refresh_token'));
    await expect(new Api(store).call('GET', '/me')).rejects.toMatchObject({ code: 'invalid_refresh_token' });
    expect(store.current).toBeUndefined();
  });

  it('does not refresh for a 401 that is not about the access token', async () => {
    let refreshes = 0;
    vi.stubGlobal('fetch', async (url: string) => {
      if (url === '/api/v1/auth/refresh') refreshes += 1;
      return problem(401, 'invalid_credentials');
    });
    await expect(new Api(memoryStore(session(1))).call('GET', '/me')).rejects.toMatchObject({ code: 'invalid_credentials' });
    expect(refreshes).toBe(0);
  });

  it('revalidates a kept copy: 304 keeps it, a new version replaces it, the refreshed sign-in is sent again with it', async () => {
    const current = '"v2"';
    const seen: { auth?: string; ifNoneMatch?: string }[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      const headers = init.headers as Record<string, string>;
      if (url === '/api/v1/auth/refresh') return json(session(2));
      seen.push({ auth: headers.authorization, ifNoneMatch: headers['if-none-match'] });
      if (headers.authorization && headers.authorization !== 'Bearer access-2') return problem(401, 'unauthenticated');
      if (headers['if-none-match'] === current) return new Response(null, { status: 304 });
      return json({ version: 'v2', services: [] });
    });
    const api = new Api(memoryStore(session(1)));
    await expect(api.revalidate('/directory', 'v2', false)).resolves.toBeUndefined();
    await expect(api.revalidate('/directory', 'v1', false)).resolves.toEqual({ version: 'v2', services: [] });
    await expect(api.revalidate('/directory', undefined, false)).resolves.toEqual({ version: 'v2', services: [] });
    await expect(api.revalidate('/directory', 'v2', true)).resolves.toBeUndefined();
    expect(seen).toEqual([
      { auth: undefined, ifNoneMatch: '"v2"' },
      { auth: undefined, ifNoneMatch: '"v1"' },
      { auth: undefined, ifNoneMatch: undefined },
      { auth: 'Bearer access-1', ifNoneMatch: '"v2"' },
      { auth: 'Bearer access-2', ifNoneMatch: '"v2"' },
    ]);
  });
});
