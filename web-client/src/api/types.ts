// Shapes of the HTTP API that are not core types (see docs/API.md).

import type { ConsentScope, SharedCheckIn, ValidationError } from '../core';
import type { RecentMood } from '../core/generated/RecentMood';
import type { ThriveGrouping } from '../core/generated/ThriveGrouping';

export type Role = 'young_person' | 'worker' | 'parent' | 'service_lead' | 'admin';

export interface SessionUser {
  id: string;
  role: Role;
  display_name: string;
  service_id: string;
}

export interface Session {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token: string;
  user: SessionUser;
  /** `totp_enrolment`: staff of a service that requires two-step sign-in who
   * have not set it up yet; such a session may only enrol. */
  scope?: 'totp_enrolment';
}

/** What `POST /auth/login` answers instead of a Session when two-step sign-in is on. */
export interface TotpChallenge {
  totp_required: true;
  challenge_token: string;
  expires_in: number;
}

export interface TotpSecret {
  secret: string;
  otpauth_uri: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  errors?: ValidationError[];
}

export interface ConsentState {
  scope: ConsentScope;
  granted: boolean;
  granted_at: string | null;
  include_past: boolean;
}

export interface CreatedInvite {
  code: string;
  expires_at: string;
}

/** Why a young person is where they are on the caseload: facts, never a score. */
export type Need = 'unacknowledged_disclosure' | 'no_check_in_for_a_week' | 'mood_falling' | 'none';

export interface CaseloadEntry {
  id: string;
  display_name: string;
  age_band: string | null;
  joined_at: string;
  need: Need;
  open_alerts: number;
  shared_scopes: ConsentScope[];
  last_check_in_at: string | null;
  recent_mood?: RecentMood;
  thrive: ThriveGrouping | null;
}

export interface ThriveChange {
  grouping: ThriveGrouping;
  title: string;
  plain_words: string;
  reason: string;
  recorded_at: string;
}

/** A young person's THRIVE groupings, newest first. */
export interface ThriveHistory {
  current: ThriveGrouping | null;
  history: ThriveChange[];
}

export interface AlertView {
  id: string;
  young_person_id: string;
  display_name: string;
  summary: string;
  disclosed_at: string;
  raised_at: string;
  acknowledged_at: string | null;
  acknowledgement_note: string | null;
  escalated_at: string | null;
  escalated_to_me: boolean;
}

export type WorkerCheckIn = SharedCheckIn & { received_at: string };
