-- What a check-in was about and last night's sleep, shared under the
-- contexts_and_sleep scope. JSON text, like feelings.
ALTER TABLE check_ins ADD COLUMN contexts TEXT;
ALTER TABLE check_ins ADD COLUMN sleep TEXT;
