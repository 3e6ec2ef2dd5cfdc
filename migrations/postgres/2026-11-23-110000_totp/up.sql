-- A service can require two-step sign-in (TOTP) of its staff.
ALTER TABLE services ADD COLUMN require_totp BOOLEAN NOT NULL DEFAULT FALSE;

-- One authenticator per person. The secret is kept as it must be to check
-- codes (base32 text, at rest in the database like the password hashes'
-- salts); confirmed_at is null until a first code proves the app has it.
-- last_used_step stops a code being used twice within its window.
CREATE TABLE totp_credentials (
    user_id TEXT PRIMARY KEY REFERENCES users (id),
    secret TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    confirmed_at TIMESTAMP,
    last_used_step BIGINT
);

-- The first step of a two-step sign-in: the password was right; a code is
-- still needed. Kept only as a hash; a few wrong codes use it up.
CREATE TABLE totp_challenges (
    id TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_id TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    used_at TIMESTAMP
);
