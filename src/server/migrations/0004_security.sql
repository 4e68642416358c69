-- Security review (issue 7): links between records stay inside an institution, audit entries belong to
-- the records' owners, mail knows its recipient, and rate limits cover more than sign-in.

-- An account's person is a person of the account's own institution.
ALTER TABLE people ADD CONSTRAINT people_institution_id_key UNIQUE (institution_id, id);
UPDATE users u SET person_id = NULL
WHERE person_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM people p WHERE p.id = u.person_id AND p.institution_id = u.institution_id);
ALTER TABLE users DROP CONSTRAINT users_person_id_fkey;
ALTER TABLE users ADD CONSTRAINT users_person_fk FOREIGN KEY (institution_id, person_id) REFERENCES people (institution_id, id);

-- An audit entry belongs to the institutions that own the record it is about (an agreement: its parties),
-- not to the actor's. An entry with no owner (the operator's own account, consortia) is for platform admins.
CREATE TABLE audit_owners (
  institution_id uuid NOT NULL REFERENCES institutions (id),
  created_at timestamptz NOT NULL,
  audit_id bigint NOT NULL REFERENCES audit_log (id) ON DELETE CASCADE,
  PRIMARY KEY (institution_id, created_at, audit_id)
);
CREATE INDEX audit_owners_audit_idx ON audit_owners (audit_id);

INSERT INTO audit_owners (institution_id, created_at, audit_id)
SELECT DISTINCT owner, a.created_at, a.id
FROM audit_log a
CROSS JOIN LATERAL (
  SELECT p.institution_id AS owner FROM agreement_parties p
  WHERE a.entity = 'agreement' AND p.agreement_id::text = a.entity_id
  UNION
  SELECT a.institution_id WHERE a.entity <> 'agreement' AND a.institution_id IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM users u WHERE a.entity = 'user' AND u.id::text = a.entity_id AND 'platform_admin' = ANY (u.roles))
) owners;

DROP INDEX audit_log_institution_idx;
ALTER TABLE audit_log DROP COLUMN institution_id;
CREATE INDEX audit_log_created_idx ON audit_log (created_at DESC, id DESC);

-- Mail knows which account it was written to (null: an address without an account, e.g. an invitee), so
-- the outbox shows an admin only the mail of their institution's ordinary members; and what may be shown
-- of it: `display_body` has secret links (password reset, invitation) masked.
ALTER TABLE mail_outbox ADD COLUMN recipient_user_id uuid REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE mail_outbox ADD COLUMN display_body text;
UPDATE mail_outbox m SET recipient_user_id = u.id FROM users u WHERE u.email = m.to_address;
UPDATE mail_outbox SET display_body = regexp_replace(text_body, '([?&]token=)[A-Za-z0-9_-]+', '\1••••••', 'g');
ALTER TABLE mail_outbox ALTER COLUMN display_body SET NOT NULL;

-- Rate limits of every kind in one table: failed sign-ins, password-reset requests.
CREATE TABLE rate_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  action text NOT NULL,
  subject text NOT NULL,
  ip text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT rate_events_action_check CHECK (action IN ('login_failure', 'password_reset'))
);
CREATE INDEX rate_events_subject_idx ON rate_events (action, subject, at);
CREATE INDEX rate_events_ip_idx ON rate_events (action, ip, at);
INSERT INTO rate_events (action, subject, ip, at) SELECT 'login_failure', email, ip, failed_at FROM login_failures;
DROP TABLE login_failures;
