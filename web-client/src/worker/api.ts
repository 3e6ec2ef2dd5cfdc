// The dashboard's one API client. Its session lives in sessionStorage: the
// dashboard forgets it when the tab closes (shared computers).

import { Api, ApiError, OfflineError, type SessionStore } from '../api/client';
import type { Session } from '../api/types';
import { ts } from '../i18n/staff';

export const tabSessions: SessionStore = {
  load: async () => {
    const text = sessionStorage.getItem('lantern.worker');
    return text ? (JSON.parse(text) as Session) : undefined;
  },
  save: async (session) => {
    if (session) sessionStorage.setItem('lantern.worker', JSON.stringify(session));
    else sessionStorage.removeItem('lantern.worker');
  },
};

export const api = new Api(tabSessions);

/** An error in words for the screen: the server's own detail, or "no connection". */
export function problemWords(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'rate_limited') return ts.worker.common.tooFast;
    return error.problem.errors?.[0]?.message ?? error.message;
  }
  if (error instanceof OfflineError) return ts.worker.common.offline;
  return ts.worker.common.somethingWrong;
}

/** The first field error's code (`wrong_code`, …), or the problem's code. */
export function problemCode(error: unknown): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.problem.errors?.[0]?.code ?? error.code;
}
