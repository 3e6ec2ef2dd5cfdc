DROP INDEX refresh_tokens_user;
-- Fails while parents or service leads exist: remove them first.
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check
    CHECK (role IN ('young_person', 'worker', 'admin'));
