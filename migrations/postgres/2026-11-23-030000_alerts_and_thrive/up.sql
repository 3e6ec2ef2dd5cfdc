-- Disclosure alerts: one per disclosure, seen by every worker assigned to
-- the young person, acknowledged once with a note of what was done, and
-- escalated to the service's duty contact when nobody has acknowledged it
-- in time. The summary says what the young person answered; never a score.
CREATE TABLE alerts (
    id TEXT PRIMARY KEY NOT NULL,
    service_id TEXT NOT NULL REFERENCES services (id),
    young_person_id TEXT NOT NULL REFERENCES users (id),
    disclosure_id TEXT NOT NULL,
    summary TEXT NOT NULL,
    disclosed_at TIMESTAMP NOT NULL,
    created_at TIMESTAMP NOT NULL,
    acknowledged_at TIMESTAMP,
    acknowledged_by TEXT REFERENCES users (id),
    acknowledgement_note TEXT,
    escalated_at TIMESTAMP,
    escalated_to TEXT REFERENCES users (id),
    UNIQUE (young_person_id, disclosure_id)
);
CREATE INDEX alerts_open ON alerts (service_id, acknowledged_at, escalated_at);

-- Per-service settings; a service without a row uses the defaults.
CREATE TABLE service_settings (
    service_id TEXT PRIMARY KEY NOT NULL REFERENCES services (id),
    duty_contact_id TEXT REFERENCES users (id),
    alert_escalation_minutes INTEGER NOT NULL,
    retention_months INTEGER NOT NULL
);

-- The THRIVE grouping agreed between worker and young person. Every change
-- is a new row, so reports can show movement between groupings.
CREATE TABLE thrive_groupings (
    id TEXT PRIMARY KEY NOT NULL,
    young_person_id TEXT NOT NULL REFERENCES users (id),
    grouping TEXT NOT NULL,
    reason TEXT NOT NULL,
    recorded_by TEXT NOT NULL REFERENCES users (id),
    recorded_at TIMESTAMP NOT NULL
);
CREATE INDEX thrive_groupings_young_person ON thrive_groupings (young_person_id, recorded_at);
