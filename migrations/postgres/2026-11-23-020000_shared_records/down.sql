CREATE TABLE check_in_tombstones (
    young_person_id TEXT NOT NULL REFERENCES users (id),
    id TEXT NOT NULL,
    deleted_at TIMESTAMP NOT NULL,
    PRIMARY KEY (young_person_id, id)
);
INSERT INTO check_in_tombstones (young_person_id, id, deleted_at)
    SELECT young_person_id, id, deleted_at FROM record_tombstones WHERE kind = 'check_in';
DROP TABLE record_tombstones;
DROP TABLE shared_records;
