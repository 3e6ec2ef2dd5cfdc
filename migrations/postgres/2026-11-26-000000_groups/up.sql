-- Closed groups: a resilience programme a service runs, often in a
-- school, for at most 16 young people over 12 to 18 weeks. The numbers
-- are checked by the server, not here, so the error can name the field.
-- Dates are "YYYY-MM-DD" text on both databases.
CREATE TABLE support_groups (
    id TEXT PRIMARY KEY NOT NULL,
    service_id TEXT NOT NULL REFERENCES services (id),
    name TEXT NOT NULL,
    school TEXT,
    worker_id TEXT NOT NULL REFERENCES users (id),
    starts_on TEXT NOT NULL,
    weeks INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    closed_at TIMESTAMP
);
CREATE INDEX support_groups_service ON support_groups (service_id);

-- Who is in a group. Leaving keeps the row (with left_at) so past
-- attendance still reads; joining again clears left_at.
CREATE TABLE group_members (
    group_id TEXT NOT NULL REFERENCES support_groups (id),
    young_person_id TEXT NOT NULL REFERENCES users (id),
    joined_at TIMESTAMP NOT NULL,
    left_at TIMESTAMP,
    PRIMARY KEY (group_id, young_person_id)
);
CREATE INDEX group_members_young_person ON group_members (young_person_id);

-- A session of a group, numbered from 1.
CREATE TABLE group_sessions (
    id TEXT PRIMARY KEY NOT NULL,
    group_id TEXT NOT NULL REFERENCES support_groups (id),
    number INTEGER NOT NULL,
    held_on TEXT NOT NULL,
    topic TEXT,
    UNIQUE (group_id, number)
);

-- Attendance a worker takes for a session: one row per member.
CREATE TABLE group_attendance (
    session_id TEXT NOT NULL REFERENCES group_sessions (id),
    young_person_id TEXT NOT NULL REFERENCES users (id),
    present BOOLEAN NOT NULL,
    recorded_by TEXT NOT NULL REFERENCES users (id),
    recorded_at TIMESTAMP NOT NULL,
    PRIMARY KEY (session_id, young_person_id)
);
CREATE INDEX group_attendance_young_person ON group_attendance (young_person_id);
