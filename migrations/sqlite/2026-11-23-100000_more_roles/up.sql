-- Parents and service leads sign in too. SQLite rebuilds the table to change
-- its CHECK (the documented twelve-step way, foreign keys off meanwhile).
PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;
CREATE TABLE users_rebuilt (
    id TEXT PRIMARY KEY NOT NULL,
    service_id TEXT NOT NULL REFERENCES services (id),
    role TEXT NOT NULL CHECK (role IN ('young_person', 'worker', 'parent', 'service_lead', 'admin')),
    email TEXT UNIQUE,
    password_hash TEXT,
    display_name TEXT NOT NULL,
    age_band TEXT,
    created_at TIMESTAMP NOT NULL,
    disabled_at TIMESTAMP
);
INSERT INTO users_rebuilt (id, service_id, role, email, password_hash, display_name, age_band, created_at, disabled_at)
    SELECT id, service_id, role, email, password_hash, display_name, age_band, created_at, disabled_at FROM users;
DROP TABLE users;
ALTER TABLE users_rebuilt RENAME TO users;
CREATE INDEX users_service ON users (service_id);

-- Revoking every session of one person (password change, disable, re-link)
-- looks their refresh tokens up by user.
CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id);
COMMIT;
PRAGMA foreign_keys = ON;
