-- Parents and carers. A young person makes a one-time code for a parent;
-- the parent signs up (or, signed in, links a second child) with it. Same
-- format and hashing as invite codes; single use; a week to use it.
CREATE TABLE parent_link_codes (
    id TEXT PRIMARY KEY NOT NULL,
    code_hash TEXT NOT NULL UNIQUE,
    service_id TEXT NOT NULL REFERENCES services (id),
    young_person_id TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP,
    used_by TEXT REFERENCES users (id)
);
CREATE INDEX parent_link_codes_young_person ON parent_link_codes (young_person_id);

-- Who is linked to whom. Removing a link deletes its row: the parent then
-- gets nothing more that comes from that young person.
CREATE TABLE parent_links (
    id TEXT PRIMARY KEY NOT NULL,
    parent_id TEXT NOT NULL REFERENCES users (id),
    young_person_id TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (parent_id, young_person_id)
);
CREATE INDEX parent_links_young_person ON parent_links (young_person_id);

-- What tips a parent wants and when. Topics are catalogue names joined by
-- commas; the day and time are wall-clock in the parent's own time zone.
-- `next_due_at` (UTC) is null when tips are off; the scheduler claims a
-- parent by moving it on with a conditional update.
CREATE TABLE parent_tip_preferences (
    parent_id TEXT PRIMARY KEY NOT NULL REFERENCES users (id),
    topics TEXT NOT NULL,
    weekday TEXT NOT NULL,
    local_time TEXT NOT NULL,
    frequency TEXT NOT NULL,
    next_due_at TIMESTAMP,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX parent_tip_preferences_due ON parent_tip_preferences (next_due_at);

-- "I'm having a hard time - let my parent know": what the young person
-- chose to send, in their own words if they added any.
CREATE TABLE parent_nudges (
    id TEXT PRIMARY KEY NOT NULL,
    young_person_id TEXT NOT NULL REFERENCES users (id),
    message TEXT,
    topic TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX parent_nudges_young_person ON parent_nudges (young_person_id, created_at);

-- Every tip a parent received: from the schedule, from a worker, or with
-- a young person's nudge. The scheduler reads it to send tips not sent
-- before; the parent's tips inbox lists it.
CREATE TABLE parent_tip_deliveries (
    id TEXT PRIMARY KEY NOT NULL,
    parent_id TEXT NOT NULL REFERENCES users (id),
    tip_id TEXT NOT NULL,
    source TEXT NOT NULL,
    sent_by TEXT REFERENCES users (id),
    nudge_id TEXT REFERENCES parent_nudges (id),
    sent_at TIMESTAMP NOT NULL
);
CREATE INDEX parent_tip_deliveries_parent ON parent_tip_deliveries (parent_id, sent_at);
CREATE INDEX parent_tip_deliveries_nudge ON parent_tip_deliveries (nudge_id);
