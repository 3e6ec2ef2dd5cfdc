-- Encouragement templates: each service's own list of short messages its
-- workers can send, seeded from server/data/encouragements.json on first
-- use. `seed_key` names the shipped message a row came from, so seeding
-- twice (two server instances at once) adds nothing twice. Templates are
-- retired, never deleted: sent messages keep naming theirs.
CREATE TABLE encouragement_templates (
    id TEXT PRIMARY KEY NOT NULL,
    service_id TEXT NOT NULL REFERENCES services (id),
    seed_key TEXT,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    retired_at TIMESTAMP
);
CREATE UNIQUE INDEX encouragement_templates_seed ON encouragement_templates (service_id, seed_key);
CREATE INDEX encouragement_templates_service ON encouragement_templates (service_id, position);

-- A worker's message to one young person (a message to a group is one row
-- each). The text is copied when sent, so editing a template later changes
-- nothing already sent. It shows from `deliver_at`; until then the worker
-- can take it back (the row is deleted). The young person answers with one
-- tap from a fixed set (`reply`), which they can change.
CREATE TABLE encouragements (
    id TEXT PRIMARY KEY NOT NULL,
    service_id TEXT NOT NULL REFERENCES services (id),
    worker_id TEXT NOT NULL REFERENCES users (id),
    young_person_id TEXT NOT NULL REFERENCES users (id),
    template_id TEXT REFERENCES encouragement_templates (id),
    text TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    deliver_at TIMESTAMP NOT NULL,
    reply TEXT,
    replied_at TIMESTAMP
);
CREATE INDEX encouragements_young_person ON encouragements (young_person_id, deliver_at);
CREATE INDEX encouragements_worker ON encouragements (worker_id, young_person_id, created_at);
