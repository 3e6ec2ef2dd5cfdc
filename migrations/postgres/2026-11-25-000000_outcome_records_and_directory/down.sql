DROP TABLE signposts;
DROP TABLE directory_services;
DROP TABLE outcome_records;
