-- Activities: what the parties of an agreement did (or plan to do) under one of its areas. Progress against the
-- agreement's targets is computed from these rows (modules/activities/metrics.ts), never stored.
CREATE TABLE activities (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agreement_id uuid NOT NULL CONSTRAINT activities_agreement_fk REFERENCES agreements (id),
  -- The area key of the agreement's current content (agreement_areas is a projection rewritten per version, so
  -- no foreign key: an area removed later keeps its activities, shown under the key's last title).
  area_key text NOT NULL,
  kind text NOT NULL CONSTRAINT activities_kind_check CHECK (kind IN ('seminar', 'forum', 'workshop', 'conference',
    'training_course', 'lecturer_exchange', 'student_exchange', 'internship', 'visit', 'joint_publication',
    'joint_project', 'career_event', 'community', 'other')),
  status text NOT NULL DEFAULT 'planned' CONSTRAINT activities_status_check CHECK (status IN ('planned', 'done', 'cancelled')),
  title_vi text NOT NULL CONSTRAINT activities_title_vi_check CHECK (length(title_vi) BETWEEN 1 AND 300),
  title_en text NOT NULL CONSTRAINT activities_title_en_check CHECK (length(title_en) BETWEEN 1 AND 300),
  description_vi text NOT NULL DEFAULT '',
  description_en text NOT NULL DEFAULT '',
  start_date date NOT NULL,
  end_date date NOT NULL,
  place text NOT NULL DEFAULT '',
  online boolean NOT NULL DEFAULT false,
  outcomes text NOT NULL DEFAULT '',
  is_public boolean NOT NULL DEFAULT false,
  -- Occurrences of one recurring plan share a series id.
  series_id uuid,
  is_sample boolean NOT NULL DEFAULT false,
  created_by uuid CONSTRAINT activities_created_by_fk REFERENCES users (id) ON DELETE SET NULL,
  created_by_label text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CONSTRAINT activities_dates_check CHECK (end_date >= start_date)
);
CREATE INDEX activities_agreement_idx ON activities (agreement_id, start_date DESC, id);
CREATE INDEX activities_progress_idx ON activities (agreement_id, area_key, kind, start_date) WHERE status = 'done';
CREATE INDEX activities_done_idx ON activities (agreement_id, start_date) WHERE status = 'done';

-- The organising parties (institutions of the agreement, checked by the service against the current parties).
CREATE TABLE activity_organisers (
  activity_id uuid NOT NULL CONSTRAINT activity_organisers_activity_fk REFERENCES activities (id) ON DELETE CASCADE,
  institution_id uuid NOT NULL CONSTRAINT activity_organisers_institution_fk REFERENCES institutions (id),
  CONSTRAINT activity_organisers_pkey PRIMARY KEY (activity_id, institution_id)
);
CREATE INDEX activity_organisers_institution_idx ON activity_organisers (institution_id, activity_id);

-- People from the directory who took part; their institution is the person's own (composite key).
CREATE TABLE activity_participants (
  activity_id uuid NOT NULL CONSTRAINT activity_participants_activity_fk REFERENCES activities (id) ON DELETE CASCADE,
  person_id uuid NOT NULL,
  institution_id uuid NOT NULL,
  role text NOT NULL CONSTRAINT activity_participants_role_check CHECK (role IN ('lecturer', 'researcher', 'student', 'staff', 'expert', 'other')),
  CONSTRAINT activity_participants_pkey PRIMARY KEY (activity_id, person_id),
  CONSTRAINT activity_participants_person_fk FOREIGN KEY (institution_id, person_id) REFERENCES people (institution_id, id)
);
CREATE INDEX activity_participants_person_idx ON activity_participants (person_id);

-- Anonymous participants of large events: how many of an institution's people came, per role.
CREATE TABLE activity_counts (
  activity_id uuid NOT NULL CONSTRAINT activity_counts_activity_fk REFERENCES activities (id) ON DELETE CASCADE,
  institution_id uuid NOT NULL CONSTRAINT activity_counts_institution_fk REFERENCES institutions (id),
  role text NOT NULL CONSTRAINT activity_counts_role_check CHECK (role IN ('lecturer', 'researcher', 'student', 'staff', 'expert', 'other')),
  count integer NOT NULL CONSTRAINT activity_counts_count_check CHECK (count >= 0),
  CONSTRAINT activity_counts_pkey PRIMARY KEY (activity_id, institution_id, role)
);

-- An agreement without a done activity for this many months is dormant (per institution, default 12).
ALTER TABLE institutions ADD COLUMN dormant_after_months integer NOT NULL DEFAULT 12
  CONSTRAINT institutions_dormant_after_months_check CHECK (dormant_after_months BETWEEN 1 AND 120);
