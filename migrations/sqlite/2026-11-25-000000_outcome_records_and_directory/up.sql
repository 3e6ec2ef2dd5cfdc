-- School outcome records: one row per young person per school term,
-- written by an assigned worker; the last writer wins and is named.
-- `term` is "<year>-<autumn|spring|summer>". Numbers with one decimal are
-- kept as whole tenths so both databases store them exactly.
CREATE TABLE outcome_records (
    id TEXT PRIMARY KEY NOT NULL,
    young_person_id TEXT NOT NULL REFERENCES users (id),
    term TEXT NOT NULL,
    attendance_tenths INTEGER NOT NULL,
    fixed_term_exclusions INTEGER NOT NULL,
    fixed_term_exclusion_day_tenths INTEGER NOT NULL,
    permanent_exclusion BOOLEAN NOT NULL,
    part_time_timetable BOOLEAN NOT NULL,
    recorded_by TEXT NOT NULL REFERENCES users (id),
    recorded_at TIMESTAMP NOT NULL,
    UNIQUE (young_person_id, term)
);

-- The signposting directory: national services (no service id, loaded
-- from server/data/directory.json at start-up) and a service's own.
-- `needs` and `thrive` are comma-separated lists of fixed words.
CREATE TABLE directory_services (
    id TEXT PRIMARY KEY NOT NULL,
    service_id TEXT REFERENCES services (id),
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    needs TEXT NOT NULL,
    thrive TEXT NOT NULL,
    min_age INTEGER NOT NULL,
    max_age INTEGER NOT NULL,
    area TEXT NOT NULL,
    phone TEXT,
    text_number TEXT,
    text_keyword TEXT,
    website TEXT,
    self_referral BOOLEAN NOT NULL,
    hours TEXT NOT NULL,
    source TEXT,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX directory_services_service ON directory_services (service_id);

-- A worker pointing a young person to a directory service. The service's
-- name is kept so the message still reads if the entry is removed later.
CREATE TABLE signposts (
    id TEXT PRIMARY KEY NOT NULL,
    service_id TEXT NOT NULL REFERENCES services (id),
    worker_id TEXT NOT NULL REFERENCES users (id),
    young_person_id TEXT NOT NULL REFERENCES users (id),
    directory_service_id TEXT NOT NULL,
    service_name TEXT NOT NULL,
    note TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX signposts_young_person ON signposts (young_person_id, created_at);
