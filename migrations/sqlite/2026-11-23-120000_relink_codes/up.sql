-- A one-time code a worker gives a young person who lost their phone, to
-- sign in on a new one. Same format and hashing as invite codes; short-lived.
CREATE TABLE relink_codes (
    id TEXT PRIMARY KEY NOT NULL,
    code_hash TEXT NOT NULL UNIQUE,
    service_id TEXT NOT NULL REFERENCES services (id),
    young_person_id TEXT NOT NULL REFERENCES users (id),
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);
CREATE INDEX relink_codes_young_person ON relink_codes (young_person_id);
