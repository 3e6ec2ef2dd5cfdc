-- A daily check-in reminder a device asked for, with or without an account.
-- It holds only what sending it needs: the device (its push subscription),
-- the wall-clock time and IANA zone chosen, the hash of the secret that lets
-- the device change or delete it, and when it is next due (UTC). Whose it
-- is, if anyone's, is the subscription's owner; deleting the subscription
-- (by its owner, erasure, or a push service saying it is gone) deletes it.
CREATE TABLE reminders (
    id TEXT PRIMARY KEY NOT NULL,
    subscription_id TEXT NOT NULL UNIQUE REFERENCES push_subscriptions (id) ON DELETE CASCADE,
    secret_hash TEXT NOT NULL,
    local_time TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    next_due_at TIMESTAMP NOT NULL
);
CREATE INDEX reminders_due ON reminders (next_due_at);
