-- Reminders of the activities module (activities/reminders-job.ts): an agreement gone dormant (no done activity
-- for the institution's `dormant_after_months`) is told to that party's points of contact once per quiet spell, and
-- a target behind its pace 90 and 30 days before its period closes is told to the area's points of contact and the
-- parties' officers once per threshold. Each is recorded here first, so it is sent once whatever runs the job.
CREATE TABLE activity_reminders (
  agreement_id uuid NOT NULL CONSTRAINT activity_reminders_agreement_fk REFERENCES agreements (id) ON DELETE CASCADE,
  reminder_key text NOT NULL,
  sent_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT activity_reminders_pkey PRIMARY KEY (agreement_id, reminder_key)
);

ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
  CHECK (kind IN ('approved', 'commented', 'changed', 'activated', 'expiry', 'status', 'dormant', 'target_behind'));
ALTER TABLE notification_preferences DROP CONSTRAINT notification_preferences_kind_check;
ALTER TABLE notification_preferences ADD CONSTRAINT notification_preferences_kind_check
  CHECK (kind IN ('approved', 'commented', 'changed', 'activated', 'expiry', 'status', 'dormant', 'target_behind'));
