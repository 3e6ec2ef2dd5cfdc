DROP TABLE thrive_groupings;
DROP TABLE service_settings;
DROP TABLE alerts;
