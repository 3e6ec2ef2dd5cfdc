-- The request an audit event was written in, so an operator can join the
-- audit log with the server's logs. Nullable: older rows and events made by
-- Lantern itself (background jobs) have none.
ALTER TABLE audit_events ADD COLUMN request_id TEXT;
