DROP TABLE vapid_keys;
