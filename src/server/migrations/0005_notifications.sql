-- Notifications are about a record of any module (a subject: its type and id), not only agreements; the
-- kinds are the ones declared in src/contracts/notifications.ts (a new module's migration extends both checks).
ALTER TABLE notifications ADD COLUMN subject_type text;
ALTER TABLE notifications ADD COLUMN subject_id uuid;
UPDATE notifications SET subject_type = 'agreement', subject_id = agreement_id;
DELETE FROM notifications WHERE subject_id IS NULL;
ALTER TABLE notifications ALTER COLUMN subject_type SET NOT NULL;
ALTER TABLE notifications ALTER COLUMN subject_id SET NOT NULL;
ALTER TABLE notifications DROP COLUMN agreement_id;
CREATE INDEX notifications_subject_idx ON notifications (subject_type, subject_id);

ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
  CHECK (kind IN ('approved', 'commented', 'changed', 'activated', 'expiry', 'status'));
DELETE FROM notification_preferences WHERE kind NOT IN ('approved', 'commented', 'changed', 'activated', 'expiry', 'status');
ALTER TABLE notification_preferences ADD CONSTRAINT notification_preferences_kind_check
  CHECK (kind IN ('approved', 'commented', 'changed', 'activated', 'expiry', 'status'));
