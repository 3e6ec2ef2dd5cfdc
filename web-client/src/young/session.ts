// The young person's connection to their service. The phone keeps the
// session so it stays signed in while it is used.

import { Api, type SessionStore } from '../api/client';
import type { ConsentState, Session } from '../api/types';
import type { ConsentGrant } from '../core';
import { settings } from '../store/db';

const deviceSessions: SessionStore = {
  load: () => settings.get<Session>('session'),
  save: (session) => settings.set('session', session),
};

export const api = new Api(deviceSessions);

export const loadSession = deviceSessions.load;
export const saveSession = deviceSessions.save;

const CONNECTED_SINCE = 'connected_since';

/** When this phone joined a service. Self-harm answers given since then are
 * passed to the worker, as the young person was told when joining. */
export async function connectedSince(): Promise<string> {
  const known = await settings.get<string>(CONNECTED_SINCE);
  if (known) return known;
  // A phone that joined before this was kept: from now on.
  const now = new Date().toISOString();
  await settings.set(CONNECTED_SINCE, now);
  return now;
}

export async function markConnected(): Promise<void> {
  await settings.set(CONNECTED_SINCE, new Date().toISOString());
}

export async function loadGrants(): Promise<ConsentGrant[]> {
  return (await settings.get<ConsentGrant[]>('grants')) ?? [];
}

/** Keeps the server's view of consent, as the core's grants. */
export async function saveConsents(consents: ConsentState[]): Promise<ConsentGrant[]> {
  const grants = consents
    .filter((c) => c.granted && c.granted_at)
    .map((c) => ({ scope: c.scope, granted_at: c.granted_at as string, include_past: c.include_past }));
  await settings.set('grants', grants);
  return grants;
}
