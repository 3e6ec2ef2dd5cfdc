DROP TABLE parent_tip_deliveries;
DROP TABLE parent_nudges;
DROP TABLE parent_tip_preferences;
DROP TABLE parent_links;
DROP TABLE parent_link_codes;
