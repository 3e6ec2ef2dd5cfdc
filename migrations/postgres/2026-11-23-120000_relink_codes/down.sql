DROP TABLE relink_codes;
