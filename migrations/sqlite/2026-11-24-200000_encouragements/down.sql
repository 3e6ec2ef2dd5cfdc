DROP TABLE encouragements;
DROP TABLE encouragement_templates;
