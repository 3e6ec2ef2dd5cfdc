ALTER TABLE check_ins DROP COLUMN sleep;
ALTER TABLE check_ins DROP COLUMN contexts;
