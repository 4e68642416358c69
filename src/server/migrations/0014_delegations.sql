-- Delegations (đoàn vào / đoàn ra) under an agreement (modules/delegations, docs/delegations.md). The handling
-- institution is a party of the agreement and owns the record; the partner is another party. Guests' personal data
-- is in its own table, read only by the handling office and erased (the columns set to NULL, the row kept so the
-- number of guests stays) GUEST_DATA_RETENTION_DAYS after the visit by the daily job.
CREATE TABLE delegations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agreement_id uuid NOT NULL CONSTRAINT delegations_agreement_fk REFERENCES agreements (id),
  institution_id uuid NOT NULL CONSTRAINT delegations_institution_fk REFERENCES institutions (id),
  partner_id uuid NOT NULL CONSTRAINT delegations_partner_fk REFERENCES institutions (id),
  area_key text NOT NULL,
  direction text NOT NULL CONSTRAINT delegations_direction_check CHECK (direction IN ('incoming', 'outgoing')),
  status text NOT NULL DEFAULT 'draft'
    CONSTRAINT delegations_status_check CHECK (status IN ('draft', 'submitted', 'approved', 'rejected', 'done', 'cancelled')),
  title_vi text NOT NULL CONSTRAINT delegations_title_vi_check CHECK (length(title_vi) BETWEEN 1 AND 300),
  title_en text NOT NULL CONSTRAINT delegations_title_en_check CHECK (length(title_en) BETWEEN 1 AND 300),
  purpose_vi text NOT NULL,
  purpose_en text NOT NULL,
  start_date date NOT NULL,
  end_date date NOT NULL,
  budget_source text NOT NULL
    CONSTRAINT delegations_budget_source_check CHECK (budget_source IN ('institution', 'partner', 'project', 'state', 'sponsor', 'other')),
  budget_note text NOT NULL DEFAULT '',
  lodging text NOT NULL DEFAULT '',
  -- The programme: [{ date, time, what, where }], in order.
  programme jsonb NOT NULL DEFAULT '[]' CONSTRAINT delegations_programme_check CHECK (jsonb_typeof(programme) = 'array'),
  submitted_at timestamptz,
  decision text CONSTRAINT delegations_decision_check CHECK (decision IN ('approve', 'reject')),
  decided_by uuid CONSTRAINT delegations_decided_by_fk REFERENCES users (id) ON DELETE SET NULL,
  decided_by_label text,
  decided_at timestamptz,
  decision_comment text,
  cancel_reason text,
  outcomes text,
  activity_id uuid CONSTRAINT delegations_activity_fk REFERENCES activities (id) ON DELETE SET NULL,
  guests_erased_at timestamptz,
  is_sample boolean NOT NULL DEFAULT false,
  created_by uuid CONSTRAINT delegations_created_by_fk REFERENCES users (id) ON DELETE SET NULL,
  created_by_label text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CONSTRAINT delegations_dates_check CHECK (end_date >= start_date),
  CONSTRAINT delegations_partner_check CHECK (partner_id <> institution_id)
);
CREATE INDEX delegations_agreement_idx ON delegations (agreement_id, start_date DESC, id);
CREATE INDEX delegations_dates_idx ON delegations (start_date, end_date);
CREATE INDEX delegations_erasure_idx ON delegations (end_date) WHERE guests_erased_at IS NULL;

-- The handling institution's staff travelling (outgoing) or hosting (incoming): people of that institution.
CREATE TABLE delegation_members (
  delegation_id uuid NOT NULL CONSTRAINT delegation_members_delegation_fk REFERENCES delegations (id) ON DELETE CASCADE,
  person_id uuid NOT NULL,
  institution_id uuid NOT NULL,
  role text NOT NULL DEFAULT '',
  position integer NOT NULL,
  CONSTRAINT delegation_members_pkey PRIMARY KEY (delegation_id, person_id),
  CONSTRAINT delegation_members_person_fk FOREIGN KEY (institution_id, person_id) REFERENCES people (institution_id, id)
);
CREATE INDEX delegation_members_person_idx ON delegation_members (person_id);

-- Guests of an incoming delegation and their personal data. Erased: every personal column NULL, `erased_at` set.
CREATE TABLE delegation_guests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  delegation_id uuid NOT NULL CONSTRAINT delegation_guests_delegation_fk REFERENCES delegations (id) ON DELETE CASCADE,
  position integer NOT NULL,
  full_name text,
  title text,
  gender text CONSTRAINT delegation_guests_gender_check CHECK (gender IN ('female', 'male', 'other')),
  date_of_birth date,
  nationality text CONSTRAINT delegation_guests_nationality_check CHECK (nationality ~ '^[A-Z]{2}$'),
  passport_number text,
  passport_expiry date,
  erased_at timestamptz,
  CONSTRAINT delegation_guests_erasure_check CHECK (
    (erased_at IS NULL AND full_name IS NOT NULL AND title IS NOT NULL AND gender IS NOT NULL AND date_of_birth IS NOT NULL
      AND nationality IS NOT NULL AND passport_number IS NOT NULL AND passport_expiry IS NOT NULL)
    OR (erased_at IS NOT NULL AND full_name IS NULL AND title IS NULL AND gender IS NULL AND date_of_birth IS NULL
      AND nationality IS NULL AND passport_number IS NULL AND passport_expiry IS NULL))
);
CREATE INDEX delegation_guests_delegation_idx ON delegation_guests (delegation_id, position);

-- Named approvers chosen at submission (users of the handling institution); none: its leadership approves.
CREATE TABLE delegation_approvers (
  delegation_id uuid NOT NULL CONSTRAINT delegation_approvers_delegation_fk REFERENCES delegations (id) ON DELETE CASCADE,
  user_id uuid NOT NULL CONSTRAINT delegation_approvers_user_fk REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT delegation_approvers_pkey PRIMARY KEY (delegation_id, user_id)
);
