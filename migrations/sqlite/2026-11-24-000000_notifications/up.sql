-- The in-app inbox: everything anyone is told lands here, whatever happens
-- to push. A row says what kind of thing it is and which row it is about;
-- the app fetches the rest after sign-in. `visible_at` lets a message be
-- written now and appear at a chosen time.
CREATE TABLE notifications (
    id TEXT PRIMARY KEY NOT NULL,
    recipient_id TEXT NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    title TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    visible_at TIMESTAMP NOT NULL,
    read_at TIMESTAMP
);
CREATE INDEX notifications_recipient ON notifications (recipient_id, visible_at);

-- A browser's Web Push subscription. `user_id` is empty for a device that
-- only asked for an anonymous check-in reminder.
CREATE TABLE push_subscriptions (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT REFERENCES users (id),
    endpoint TEXT NOT NULL UNIQUE,
    p256dh TEXT NOT NULL,
    auth TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX push_subscriptions_user ON push_subscriptions (user_id);

-- The durable outbox: one row per push to one subscription, written in the
-- same transaction as its cause. A sender claims due rows for a short lease
-- (so a crashed sender's rows come back) and deletes each when it is done.
CREATE TABLE push_outbox (
    id TEXT PRIMARY KEY NOT NULL,
    subscription_id TEXT NOT NULL REFERENCES push_subscriptions (id) ON DELETE CASCADE,
    notification_id TEXT REFERENCES notifications (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    ttl_seconds INTEGER NOT NULL,
    urgency TEXT NOT NULL,
    topic TEXT,
    due_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    claimed_until TIMESTAMP,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX push_outbox_due ON push_outbox (due_at);
CREATE INDEX push_outbox_subscription ON push_outbox (subscription_id);
CREATE INDEX push_outbox_notification ON push_outbox (notification_id);

-- When someone may be disturbed. No row: their time zone is Europe/London
-- and young people and parents have quiet hours 21:00-07:00.
CREATE TABLE notification_settings (
    user_id TEXT PRIMARY KEY NOT NULL REFERENCES users (id),
    time_zone TEXT NOT NULL,
    quiet_start TEXT,
    quiet_end TEXT,
    updated_at TIMESTAMP NOT NULL
);
