-- Parents and service leads sign in too.
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check
    CHECK (role IN ('young_person', 'worker', 'parent', 'service_lead', 'admin'));

-- Revoking every session of one person (password change, disable, re-link)
-- looks their refresh tokens up by user.
CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id);
