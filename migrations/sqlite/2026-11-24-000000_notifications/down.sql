DROP TABLE notification_settings;
DROP TABLE push_outbox;
DROP TABLE push_subscriptions;
DROP TABLE notifications;
