// A small fetch client for /api/v1. Errors arrive as problem+json and become
// `ApiError`s; an expired access token is refreshed once (the refresh token
// rotates, so the new one is stored) and the request retried.

import type { Problem, Session } from './types';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail);
  }

  get code(): string {
    return this.problem.code;
  }
}

/** Where a face keeps its session: the phone keeps it, the dashboard forgets it. */
export interface SessionStore {
  load(): Promise<Session | undefined>;
  save(session: Session | undefined): Promise<void>;
}

/** The network is down or the server did not answer. */
export class OfflineError extends Error {}

async function send(
  method: string,
  path: string,
  body?: unknown,
  token?: string,
  extra: Record<string, string> = {},
): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...extra };
  // A Blob (a file to import) goes as it is, with its own type; the rest as JSON.
  const raw = body instanceof Blob;
  if (body !== undefined) headers['content-type'] = raw ? body.type : 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  try {
    return await fetch(`/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
    });
  } catch {
    throw new OfflineError('No connection');
  }
}

async function parse<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let value: unknown;
  try {
    value = text ? JSON.parse(text) : undefined;
  } catch {
    value = undefined;
  }
  if (!response.ok) {
    throw new ApiError(response.status, isProblem(value) ? value : unknownProblem(response));
  }
  return value as T;
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && typeof (value as Problem).code === 'string';
}

/** An error without a problem+json body (a proxy, a crash). */
function unknownProblem(response: Response): Problem {
  return {
    type: 'about:blank',
    title: response.statusText,
    status: response.status,
    code: 'unknown',
    detail: `The server answered ${response.status}.`,
  };
}

export class Api {
  /** One refresh at a time: refresh tokens are single use, and a second
   * refresh with the same token would look like theft to the server, which
   * then ends the whole sign-in (`refresh_token_reused`). */
  private refreshing: Promise<Session> | undefined;

  constructor(private readonly sessions: SessionStore) {}

  /** A request without a session (sign-in, join). */
  async anonymous<T>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
    return parse<T>(await send(method, path, body, undefined, headers));
  }

  /** A request as the signed-in user. An expired access token is refreshed
   * once and the request sent again. */
  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    return parse<T>(await this.signedIn(method, path, body));
  }

  /** A GET as the signed-in user whose answer is text (a CSV file). */
  async text(path: string): Promise<string> {
    const response = await this.signedIn('GET', path, undefined);
    if (!response.ok) return parse<string>(response);
    return response.text();
  }

  /** A GET of something the caller keeps a copy of, named by the version
   * the server gave it (its ETag): `undefined` when the server answers 304
   * because that copy is still current. Signed in when `signedIn`. */
  async revalidate<T>(path: string, version: string | undefined, signedIn: boolean): Promise<T | undefined> {
    const headers: Record<string, string> = version ? { 'if-none-match': `"${version}"` } : {};
    const response = signedIn
      ? await this.signedIn('GET', path, undefined, headers)
      : await send('GET', path, undefined, undefined, headers);
    if (response.status === 304) return undefined;
    return parse<T>(response);
  }

  private async signedIn(method: string, path: string, body: unknown, extra?: Record<string, string>): Promise<Response> {
    const session = await this.sessions.load();
    if (!session) throw new ApiError(401, notSignedIn);
    const response = await send(method, path, body, session.access_token, extra);
    if (response.status !== 401) return response;
    const problem = await problemOf(response);
    if (problem.code !== 'unauthenticated') throw new ApiError(401, problem);
    const refreshed = await this.refreshOnce(session);
    return send(method, path, body, refreshed.access_token, extra);
  }

  private refreshOnce(used: Session): Promise<Session> {
    this.refreshing ??= this.refresh(used).finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async refresh(used: Session): Promise<Session> {
    const current = await this.sessions.load();
    if (!current) throw new ApiError(401, notSignedIn);
    // Another request refreshed while this one was out: use its session.
    if (current.access_token !== used.access_token) return current;
    try {
      const next = await this.anonymous<Session>('POST', '/auth/refresh', {
        refresh_token: current.refresh_token,
      });
      await this.sessions.save(next);
      return next;
    } catch (error) {
      // Only a refused refresh token ends the session; a server hiccup or
      // no signal must not sign anyone out of their own phone.
      if (error instanceof ApiError && error.status === 401) await this.sessions.save(undefined);
      throw error;
    }
  }

  async signOut(): Promise<void> {
    const session = await this.sessions.load();
    await this.sessions.save(undefined);
    if (session) {
      await this.anonymous('POST', '/auth/logout', { refresh_token: session.refresh_token }).catch(() => {});
    }
  }
}

async function problemOf(response: Response): Promise<Problem> {
  try {
    await parse<unknown>(response);
  } catch (error) {
    if (error instanceof ApiError) return error.problem;
  }
  return unknownProblem(response);
}

const notSignedIn: Problem = {
  type: 'urn:lantern:problem:unauthenticated',
  title: 'Not signed in',
  status: 401,
  code: 'unauthenticated',
  detail: 'Sign in to do this.',
};
