-- Notifications of the delegations module (delegations/notifications.ts): a request waiting for the approvers, and
-- the decision for who requested it.
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
  CHECK (kind IN ('approved', 'commented', 'changed', 'activated', 'expiry', 'status', 'dormant', 'target_behind', 'delegation_submitted', 'delegation_decided'));
ALTER TABLE notification_preferences DROP CONSTRAINT notification_preferences_kind_check;
ALTER TABLE notification_preferences ADD CONSTRAINT notification_preferences_kind_check
  CHECK (kind IN ('approved', 'commented', 'changed', 'activated', 'expiry', 'status', 'dormant', 'target_behind', 'delegation_submitted', 'delegation_decided'));
