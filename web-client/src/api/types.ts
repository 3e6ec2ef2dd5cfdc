// Shapes of the HTTP API that are not core types (see docs/API.md).

import type { ConsentScope, SharedCheckIn, ValidationError } from '../core';

export type Role = 'young_person' | 'worker' | 'admin';

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

export interface CaseloadEntry {
  id: string;
  display_name: string;
  age_band: string | null;
  joined_at: string;
  shared_scopes: ConsentScope[];
  last_check_in_at: string | null;
}

export type WorkerCheckIn = SharedCheckIn & { received_at: string };
