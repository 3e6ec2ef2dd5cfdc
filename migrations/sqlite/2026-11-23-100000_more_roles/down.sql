-- Fails while parents or service leads exist: remove them first.
PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;
DROP INDEX refresh_tokens_user;
CREATE TABLE users_rebuilt (
    id TEXT PRIMARY KEY NOT NULL,
    service_id TEXT NOT NULL REFERENCES services (id),
    role TEXT NOT NULL CHECK (role IN ('young_person', 'worker', 'admin')),
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
COMMIT;
PRAGMA foreign_keys = ON;
