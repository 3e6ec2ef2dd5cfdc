DROP TABLE group_attendance;
DROP TABLE group_sessions;
DROP TABLE group_members;
DROP TABLE support_groups;
