-- Everything else a young person shares (strategy uses, goals, goal
-- ratings, questionnaire answers, the safety plan), kept as the core's JSON:
-- the core validated it on the way in and reads it on the way out.
CREATE TABLE shared_records (
    young_person_id TEXT NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    recorded_at TIMESTAMP,
    payload TEXT NOT NULL,
    received_at TIMESTAMP NOT NULL,
    PRIMARY KEY (young_person_id, kind, id)
);

-- One tombstone table for every kind, check-ins included.
CREATE TABLE record_tombstones (
    young_person_id TEXT NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    deleted_at TIMESTAMP NOT NULL,
    PRIMARY KEY (young_person_id, kind, id)
);
INSERT INTO record_tombstones (young_person_id, kind, id, deleted_at)
    SELECT young_person_id, 'check_in', id, deleted_at FROM check_in_tombstones;
DROP TABLE check_in_tombstones;
