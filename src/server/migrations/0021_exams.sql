-- Competency exams and their results (modules/exams, issue 13): an exam owned by the organiser's institution, its
-- rounds (dates, venues), subjects (score scale) and their parts (weights are data: an essay worth 30%), the
-- candidates with their scores, the imports that brought them, candidates' consents to share their results with named
-- institutions, and the log of every read of shared results by an admitting institution. Admission (seasons, runs)
-- joins on exams.id, exam_subjects.id and exam_candidates.id.

-- The new institution roles and token scopes.
ALTER TABLE users DROP CONSTRAINT users_roles_check;
ALTER TABLE users ADD CONSTRAINT users_roles_check CHECK (roles <@ ARRAY['platform_admin', 'institution_admin',
  'cooperation_officer', 'coordinator', 'member', 'student', 'exam_organiser', 'admissions_officer']::text[]);
ALTER TABLE invitations DROP CONSTRAINT invitations_roles_check;
ALTER TABLE invitations ADD CONSTRAINT invitations_roles_check CHECK (roles <@ ARRAY['institution_admin',
  'cooperation_officer', 'coordinator', 'member', 'student', 'exam_organiser', 'admissions_officer']::text[]);
ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_scopes_check;
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_scopes_check CHECK (scopes <@ ARRAY['directory:read', 'directory:write',
  'audit:read', 'agreements:read', 'agreements:write', 'exams:read', 'exams:write']::text[]);
-- The public result lookup is counted like failed sign-ins (platform/rate-limit.ts).
ALTER TABLE rate_events DROP CONSTRAINT rate_events_action_check;
ALTER TABLE rate_events ADD CONSTRAINT rate_events_action_check CHECK (action IN ('login_failure', 'password_reset', 'exam_lookup'));

CREATE TABLE exams (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  institution_id uuid NOT NULL CONSTRAINT exams_institution_fk REFERENCES institutions (id),
  code text NOT NULL,
  title_vi text NOT NULL,
  title_en text NOT NULL,
  year integer NOT NULL CONSTRAINT exams_year_check CHECK (year BETWEEN 1900 AND 2200),
  status text NOT NULL DEFAULT 'draft' CONSTRAINT exams_status_check CHECK (status IN ('draft', 'published')),
  published_at timestamptz,
  is_sample boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT exams_code_key UNIQUE (institution_id, code),
  CONSTRAINT exams_published_check CHECK ((status = 'published') = (published_at IS NOT NULL))
);
CREATE INDEX exams_institution_idx ON exams (institution_id, year DESC, id);

CREATE TABLE exam_rounds (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  exam_id uuid NOT NULL CONSTRAINT exam_rounds_exam_fk REFERENCES exams (id) ON DELETE CASCADE,
  key text NOT NULL,
  position integer NOT NULL,
  name_vi text NOT NULL,
  name_en text NOT NULL,
  start_date date NOT NULL,
  end_date date NOT NULL,
  venues text[] NOT NULL DEFAULT '{}',
  CONSTRAINT exam_rounds_key UNIQUE (exam_id, key),
  CONSTRAINT exam_rounds_dates_check CHECK (end_date >= start_date)
);

CREATE TABLE exam_subjects (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  exam_id uuid NOT NULL CONSTRAINT exam_subjects_exam_fk REFERENCES exams (id) ON DELETE CASCADE,
  key text NOT NULL,
  position integer NOT NULL,
  name_vi text NOT NULL,
  name_en text NOT NULL,
  min_score numeric(6, 2) NOT NULL,
  max_score numeric(6, 2) NOT NULL,
  step numeric(6, 2) NOT NULL,
  -- Parts with their weights in percent (summing to 100; empty: the subject is one score):
  -- [{ "key": "essay", "nameVi": "Tự luận", "nameEn": "Essay", "weight": 30 }, …]
  parts jsonb NOT NULL DEFAULT '[]',
  CONSTRAINT exam_subjects_key UNIQUE (exam_id, key),
  CONSTRAINT exam_subjects_scale_check CHECK (max_score > min_score AND step > 0),
  CONSTRAINT exam_subjects_parts_check CHECK (jsonb_typeof(parts) = 'array')
);

CREATE TABLE exam_imports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  exam_id uuid NOT NULL CONSTRAINT exam_imports_exam_fk REFERENCES exams (id) ON DELETE CASCADE,
  sha256 text NOT NULL CONSTRAINT exam_imports_sha256_check CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  created_by uuid CONSTRAINT exam_imports_created_by_fk REFERENCES users (id) ON DELETE SET NULL,
  created_by_label text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  rows_created integer NOT NULL CONSTRAINT exam_imports_rows_created_check CHECK (rows_created >= 0),
  CONSTRAINT exam_imports_exam_sha256_key UNIQUE (exam_id, sha256)
);

CREATE TABLE exam_candidates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  exam_id uuid NOT NULL CONSTRAINT exam_candidates_exam_fk REFERENCES exams (id) ON DELETE CASCADE,
  number text NOT NULL,
  full_name text NOT NULL,
  date_of_birth date NOT NULL,
  round_id uuid NOT NULL CONSTRAINT exam_candidates_round_fk REFERENCES exam_rounds (id),
  venue text NOT NULL,
  import_id uuid CONSTRAINT exam_candidates_import_fk REFERENCES exam_imports (id),
  is_sample boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT exam_candidates_number_key UNIQUE (exam_id, number)
);

-- One score per candidate and subject taken: the total (computed by the server from the parts and their weights) and
-- the part scores by part key.
CREATE TABLE exam_scores (
  candidate_id uuid NOT NULL CONSTRAINT exam_scores_candidate_fk REFERENCES exam_candidates (id) ON DELETE CASCADE,
  subject_id uuid NOT NULL CONSTRAINT exam_scores_subject_fk REFERENCES exam_subjects (id),
  total numeric(6, 2) NOT NULL,
  parts jsonb NOT NULL DEFAULT '{}',
  CONSTRAINT exam_scores_pkey PRIMARY KEY (candidate_id, subject_id)
);
CREATE INDEX exam_scores_subject_idx ON exam_scores (subject_id, total);

-- A candidate's consent to share their results with an institution; withdrawing keeps the row (withdrawn_at), and a
-- new consent clears it. Only rows without withdrawn_at open results to an admitting institution.
CREATE TABLE exam_consents (
  candidate_id uuid NOT NULL CONSTRAINT exam_consents_candidate_fk REFERENCES exam_candidates (id) ON DELETE CASCADE,
  institution_id uuid NOT NULL CONSTRAINT exam_consents_institution_fk REFERENCES institutions (id),
  given_at timestamptz NOT NULL DEFAULT now(),
  withdrawn_at timestamptz,
  CONSTRAINT exam_consents_pkey PRIMARY KEY (candidate_id, institution_id)
);
CREATE INDEX exam_consents_institution_idx ON exam_consents (institution_id, candidate_id) WHERE withdrawn_at IS NULL;

-- Every read of shared results by an admitting institution: who, through which agreement, which candidates, when.
CREATE TABLE exam_result_reads (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  exam_id uuid NOT NULL CONSTRAINT exam_result_reads_exam_fk REFERENCES exams (id) ON DELETE CASCADE,
  reader_institution_id uuid NOT NULL CONSTRAINT exam_result_reads_institution_fk REFERENCES institutions (id),
  reader_user_id uuid CONSTRAINT exam_result_reads_user_fk REFERENCES users (id) ON DELETE SET NULL,
  reader_label text NOT NULL,
  agreement_ids uuid[] NOT NULL,
  candidate_ids uuid[] NOT NULL,
  request_id text,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX exam_result_reads_exam_idx ON exam_result_reads (exam_id, at DESC, id DESC);
