-- Lantern's first schema. Ids are text (UUIDs made by the server, or the
-- device's time-ordered record ids); times are UTC.

CREATE TABLE services (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    service_id TEXT NOT NULL REFERENCES services (id),
    role TEXT NOT NULL CHECK (role IN ('young_person', 'worker', 'admin')),
    email TEXT UNIQUE,
    password_hash TEXT,
    display_name TEXT NOT NULL,
    age_band TEXT,
    created_at TIMESTAMP NOT NULL,
    disabled_at TIMESTAMP
);
CREATE INDEX users_service ON users (service_id);

CREATE TABLE assignments (
    id TEXT PRIMARY KEY,
    worker_id TEXT NOT NULL REFERENCES users (id),
    young_person_id TEXT NOT NULL REFERENCES users (id),
    started_at TIMESTAMP NOT NULL,
    ended_at TIMESTAMP
);
CREATE INDEX assignments_worker ON assignments (worker_id);
CREATE INDEX assignments_young_person ON assignments (young_person_id);

CREATE TABLE invites (
    id TEXT PRIMARY KEY,
    code_hash TEXT NOT NULL UNIQUE,
    service_id TEXT NOT NULL REFERENCES services (id),
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP,
    used_by TEXT REFERENCES users (id)
);

CREATE TABLE refresh_tokens (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    family_id TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    rotated_at TIMESTAMP,
    revoked_at TIMESTAMP
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);

CREATE TABLE consent_events (
    id TEXT PRIMARY KEY,
    young_person_id TEXT NOT NULL REFERENCES users (id),
    scope TEXT NOT NULL,
    granted BOOLEAN NOT NULL,
    include_past BOOLEAN NOT NULL,
    wording_version INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX consent_events_young_person ON consent_events (young_person_id, created_at);

CREATE TABLE check_ins (
    young_person_id TEXT NOT NULL REFERENCES users (id),
    id TEXT NOT NULL,
    recorded_at TIMESTAMP NOT NULL,
    utc_offset_minutes INTEGER NOT NULL,
    mood INTEGER NOT NULL,
    feelings TEXT,
    note TEXT,
    received_at TIMESTAMP NOT NULL,
    PRIMARY KEY (young_person_id, id)
);
CREATE INDEX check_ins_recorded ON check_ins (young_person_id, recorded_at);

-- A deleted check-in leaves only its id, so a stale copy of it sent again
-- is not stored back.
CREATE TABLE check_in_tombstones (
    young_person_id TEXT NOT NULL REFERENCES users (id),
    id TEXT NOT NULL,
    deleted_at TIMESTAMP NOT NULL,
    PRIMARY KEY (young_person_id, id)
);

CREATE TABLE audit_events (
    id TEXT PRIMARY KEY,
    service_id TEXT NOT NULL REFERENCES services (id),
    actor_id TEXT REFERENCES users (id),
    action TEXT NOT NULL,
    subject_id TEXT REFERENCES users (id),
    outcome TEXT NOT NULL,
    detail TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX audit_events_subject ON audit_events (subject_id, created_at);

CREATE TABLE signing_keys (
    kid TEXT PRIMARY KEY,
    private_key TEXT NOT NULL,
    public_key TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    retired_at TIMESTAMP
);
