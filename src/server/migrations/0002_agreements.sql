-- Agreements: the approved content is a versioned JSON document (agreement_versions); the tables
-- agreement_parties / _areas / _contacts / _targets are projections of the current version for lists,
-- filters and (next issue) progress. Approvals name a version by the SHA-256 of its canonical content.

CREATE TABLE agreements (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_institution_id uuid NOT NULL REFERENCES institutions (id),
  kind text NOT NULL,
  parent_id uuid REFERENCES agreements (id),
  predecessor_id uuid REFERENCES agreements (id),
  successor_id uuid REFERENCES agreements (id),
  status text NOT NULL DEFAULT 'draft',
  visibility text NOT NULL DEFAULT 'parties',
  title_vi text NOT NULL,
  title_en text NOT NULL,
  start_date date NOT NULL,
  end_date date,
  signing_date date,
  current_version integer NOT NULL DEFAULT 1,
  content_hash text NOT NULL,
  fully_approved_at timestamptz,
  signed_document_id uuid,
  status_reason text,
  notice_date date,
  status_changed_at timestamptz NOT NULL DEFAULT now(),
  is_sample boolean NOT NULL DEFAULT false,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  search_doc text GENERATED ALWAYS AS (hoptac_search_doc(title_vi || ' ' || title_en)) STORED,
  CONSTRAINT agreements_kind_check CHECK (kind IN ('mou', 'cooperation', 'strategic', 'specific', 'annex')),
  CONSTRAINT agreements_status_check CHECK (status IN ('draft', 'negotiation', 'awaiting_approval', 'active',
    'expiring', 'expired', 'terminated', 'renewed')),
  CONSTRAINT agreements_visibility_check CHECK (visibility IN ('parties', 'consortium', 'public')),
  CONSTRAINT agreements_dates_check CHECK (end_date IS NULL OR end_date >= start_date),
  CONSTRAINT agreements_not_own_parent CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX agreements_updated_idx ON agreements (updated_at DESC, id DESC);
CREATE INDEX agreements_title_idx ON agreements (title_vi, id);
CREATE INDEX agreements_start_idx ON agreements (start_date DESC, id DESC);
CREATE INDEX agreements_end_idx ON agreements (end_date, id) WHERE end_date IS NOT NULL;
-- Lists filter by status and sort by end date most (the "expiring" view); (status) alone serves the rest.
CREATE INDEX agreements_status_end_idx ON agreements (status, end_date, id);
CREATE INDEX agreements_parent_idx ON agreements (parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX agreements_visibility_idx ON agreements (visibility) WHERE visibility <> 'parties';
CREATE INDEX agreements_search_idx ON agreements USING gin (search_doc gin_trgm_ops);

CREATE TABLE agreement_versions (
  agreement_id uuid NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
  version_no integer NOT NULL,
  content jsonb NOT NULL,
  content_hash text NOT NULL,
  change_note text,
  created_by uuid REFERENCES users (id),
  created_by_label text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agreement_id, version_no),
  CONSTRAINT agreement_versions_hash_format CHECK (content_hash ~ '^[0-9a-f]{64}$')
);

CREATE TABLE agreement_parties (
  agreement_id uuid NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
  institution_id uuid NOT NULL REFERENCES institutions (id),
  unit_id uuid,
  position integer NOT NULL,
  PRIMARY KEY (agreement_id, institution_id),
  CONSTRAINT agreement_parties_unit_fk FOREIGN KEY (institution_id, unit_id) REFERENCES units (institution_id, id)
);
CREATE INDEX agreement_parties_institution_idx ON agreement_parties (institution_id, agreement_id);
CREATE INDEX agreement_parties_unit_idx ON agreement_parties (unit_id) WHERE unit_id IS NOT NULL;

CREATE TABLE agreement_areas (
  agreement_id uuid NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
  area_key text NOT NULL,
  kind text NOT NULL,
  position integer NOT NULL,
  PRIMARY KEY (agreement_id, area_key)
);
CREATE INDEX agreement_areas_kind_idx ON agreement_areas (kind, agreement_id);

CREATE TABLE agreement_contacts (
  agreement_id uuid NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
  area_key text NOT NULL,
  institution_id uuid NOT NULL REFERENCES institutions (id),
  person_id uuid NOT NULL REFERENCES people (id),
  PRIMARY KEY (agreement_id, area_key, institution_id)
);
CREATE INDEX agreement_contacts_person_idx ON agreement_contacts (person_id);

CREATE TABLE agreement_targets (
  agreement_id uuid NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
  area_key text NOT NULL,
  target_key text NOT NULL,
  metric text NOT NULL,
  period_start date NOT NULL,
  period_end date NOT NULL,
  value numeric NOT NULL,
  PRIMARY KEY (agreement_id, area_key, target_key),
  CONSTRAINT agreement_targets_period_check CHECK (period_end >= period_start)
);
CREATE INDEX agreement_targets_period_idx ON agreement_targets (period_end);

CREATE TABLE agreement_approvals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agreement_id uuid NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
  institution_id uuid NOT NULL REFERENCES institutions (id),
  version_no integer NOT NULL,
  content_hash text NOT NULL,
  approved_by uuid REFERENCES users (id),
  approved_by_label text NOT NULL,
  approved_at timestamptz NOT NULL DEFAULT now(),
  voided_at timestamptz,
  voided_by_version integer,
  void_reason text,
  CONSTRAINT agreement_approvals_version_fk FOREIGN KEY (agreement_id, version_no)
    REFERENCES agreement_versions (agreement_id, version_no)
);
-- A party approves a given version at most once while that approval stands.
CREATE UNIQUE INDEX agreement_approvals_once ON agreement_approvals (agreement_id, institution_id, content_hash)
  WHERE voided_at IS NULL;
CREATE INDEX agreement_approvals_agreement_idx ON agreement_approvals (agreement_id);

CREATE TABLE agreement_comments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agreement_id uuid NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
  institution_id uuid NOT NULL REFERENCES institutions (id),
  author_user_id uuid REFERENCES users (id),
  author_label text NOT NULL,
  kind text NOT NULL DEFAULT 'comment',
  area_key text,
  clause text,
  body text NOT NULL,
  version_no integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT agreement_comments_kind_check CHECK (kind IN ('comment', 'proposal'))
);
CREATE INDEX agreement_comments_agreement_idx ON agreement_comments (agreement_id, created_at);

-- One private note per party; other parties never see it.
CREATE TABLE agreement_notes (
  agreement_id uuid NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
  institution_id uuid NOT NULL REFERENCES institutions (id),
  body text NOT NULL,
  version integer NOT NULL DEFAULT 1,
  updated_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agreement_id, institution_id)
);

-- Files: content-addressed (sha256) on disk or S3; rows reference the blob.
CREATE TABLE files (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  institution_id uuid NOT NULL REFERENCES institutions (id),
  sha256 text NOT NULL,
  size_bytes bigint NOT NULL,
  mime_type text NOT NULL,
  original_name text NOT NULL,
  uploaded_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT files_sha_format CHECK (sha256 ~ '^[0-9a-f]{64}$')
);

CREATE TABLE agreement_documents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agreement_id uuid NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
  document_key uuid NOT NULL,
  revision integer NOT NULL,
  kind text NOT NULL,
  title text NOT NULL,
  file_id uuid NOT NULL REFERENCES files (id),
  institution_id uuid NOT NULL REFERENCES institutions (id),
  uploaded_by_label text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT agreement_documents_kind_check CHECK (kind IN ('signed', 'annex', 'minutes', 'other')),
  CONSTRAINT agreement_documents_revision_key UNIQUE (document_key, revision)
);
CREATE INDEX agreement_documents_agreement_idx ON agreement_documents (agreement_id, created_at);
ALTER TABLE agreements ADD CONSTRAINT agreements_signed_document_fk
  FOREIGN KEY (signed_document_id) REFERENCES agreement_documents (id);

-- In-app notifications and each user's choices of what to receive.
CREATE TABLE notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind text NOT NULL,
  agreement_id uuid REFERENCES agreements (id) ON DELETE CASCADE,
  params jsonb NOT NULL DEFAULT '{}',
  read_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC);

CREATE TABLE notification_preferences (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind text NOT NULL,
  email boolean NOT NULL,
  in_app boolean NOT NULL,
  PRIMARY KEY (user_id, kind)
);

-- Reminders already sent, so a daily run sends each one once whatever the number of processes.
CREATE TABLE agreement_reminders (
  agreement_id uuid NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
  kind text NOT NULL,
  sent_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agreement_id, kind)
);

