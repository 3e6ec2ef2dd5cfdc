DROP TABLE totp_challenges;
DROP TABLE totp_credentials;
ALTER TABLE services DROP COLUMN require_totp;
