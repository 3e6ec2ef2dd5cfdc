-- The server's VAPID key pair (RFC 8292), made on first start. One row:
-- every instance signs with the same key, the one browsers subscribed
-- with. Whoever can read this table can push to our subscribers.
CREATE TABLE vapid_keys (
    id TEXT PRIMARY KEY NOT NULL,
    private_key TEXT NOT NULL,
    public_key TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
