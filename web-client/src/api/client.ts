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

async function send(method: string, path: string, body?: unknown, token?: string): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  try {
    return await fetch(`/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new OfflineError('No connection');
  }
}

async function parse<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const value: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const problem = (value as Problem | undefined) ?? {
      type: 'about:blank',
      title: response.statusText,
      status: response.status,
      code: 'unknown',
      detail: `The server answered ${response.status}.`,
    };
    throw new ApiError(response.status, problem);
  }
  return value as T;
}

export class Api {
  constructor(private readonly sessions: SessionStore) {}

  /** A request without a session (sign-in, join). */
  async anonymous<T>(method: string, path: string, body?: unknown): Promise<T> {
    return parse<T>(await send(method, path, body));
  }

  /** A request as the signed-in user. */
  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const session = await this.sessions.load();
    if (!session) throw new ApiError(401, notSignedIn);
    const response = await send(method, path, body, session.access_token);
    if (response.status !== 401) return parse<T>(response);
    const refreshed = await this.refresh(session);
    return parse<T>(await send(method, path, body, refreshed.access_token));
  }

  private async refresh(session: Session): Promise<Session> {
    try {
      const next = await this.anonymous<Session>('POST', '/auth/refresh', {
        refresh_token: session.refresh_token,
      });
      await this.sessions.save(next);
      return next;
    } catch (error) {
      if (error instanceof ApiError) await this.sessions.save(undefined);
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

const notSignedIn: Problem = {
  type: 'urn:lantern:problem:unauthenticated',
  title: 'Not signed in',
  status: 401,
  code: 'unauthenticated',
  detail: 'Sign in to do this.',
};
