-- Admissions (issue 13, item 3): an institution's admission season, its programs (quota, methods as data, floor,
-- tie-break chain and tie policy as the engine defines them: docs/admission.md), the candidates' ranked preferences,
-- matching runs (a pg-boss job: modules/admissions/run-job.ts) and each run's results.

CREATE TABLE admission_seasons (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  institution_id uuid NOT NULL CONSTRAINT admission_seasons_institution_fk REFERENCES institutions (id),
  title_vi text NOT NULL,
  title_en text NOT NULL,
  year integer NOT NULL CONSTRAINT admission_seasons_year_check CHECK (year BETWEEN 1900 AND 2200),
  status text NOT NULL DEFAULT 'draft' CONSTRAINT admission_seasons_status_check CHECK (status IN ('draft', 'running', 'published')),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX admission_seasons_institution_idx ON admission_seasons (institution_id, year DESC, id);
-- Target of the composite keys that keep a season's rows in its institution.
ALTER TABLE admission_seasons ADD CONSTRAINT admission_seasons_institution_key UNIQUE (id, institution_id);

-- methods: [{ methodId, floor?, components: [{ examId, subject, weight }] }] — the engine's Method, exams by id and
-- subjects by their key (exam_subjects.key). floor: the program's entrance floor (30-point scale), null = none.
CREATE TABLE admission_programs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  season_id uuid NOT NULL,
  institution_id uuid NOT NULL,
  code text NOT NULL,
  name_vi text NOT NULL,
  name_en text NOT NULL,
  quota integer NOT NULL CONSTRAINT admission_programs_quota_check CHECK (quota >= 0),
  methods jsonb NOT NULL DEFAULT '[]' CONSTRAINT admission_programs_methods_check CHECK (jsonb_typeof(methods) = 'array'),
  floor numeric(6, 2) CONSTRAINT admission_programs_floor_check CHECK (floor IS NULL OR floor BETWEEN 0 AND 30),
  tie_break text[] NOT NULL DEFAULT ARRAY['rank', 'lottery'] CONSTRAINT admission_programs_tie_break_check
    CHECK (tie_break <@ ARRAY['rank', 'c1', 'c2', 'lottery']::text[]),
  tie_policy text NOT NULL DEFAULT 'strict' CONSTRAINT admission_programs_tie_policy_check
    CHECK (tie_policy IN ('strict', 'accept-all', 'reject-all')),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT admission_programs_season_fk FOREIGN KEY (season_id, institution_id)
    REFERENCES admission_seasons (id, institution_id) ON DELETE CASCADE,
  CONSTRAINT admission_programs_code_key UNIQUE (season_id, code),
  CONSTRAINT admission_programs_season_key UNIQUE (id, season_id)
);

-- A candidate is an exam's candidate (exam_candidates.id) or an external id (another system's candidate, with the
-- admission score that system gives). candidate_key names either, for the uniqueness rules and the results.
CREATE TABLE admission_preferences (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  season_id uuid NOT NULL,
  institution_id uuid NOT NULL,
  exam_candidate_id uuid CONSTRAINT admission_preferences_candidate_fk REFERENCES exam_candidates (id) ON DELETE CASCADE,
  external_candidate_id text,
  external_score numeric(6, 2) CONSTRAINT admission_preferences_external_score_check
    CHECK (external_score IS NULL OR external_score BETWEEN 0 AND 30),
  candidate_key text NOT NULL GENERATED ALWAYS AS (coalesce(exam_candidate_id::text, 'ext:' || external_candidate_id)) STORED,
  program_id uuid NOT NULL,
  rank integer NOT NULL CONSTRAINT admission_preferences_rank_check CHECK (rank >= 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT admission_preferences_season_fk FOREIGN KEY (season_id, institution_id)
    REFERENCES admission_seasons (id, institution_id) ON DELETE CASCADE,
  CONSTRAINT admission_preferences_program_fk FOREIGN KEY (program_id, season_id)
    REFERENCES admission_programs (id, season_id) ON DELETE CASCADE,
  CONSTRAINT admission_preferences_candidate_check CHECK ((exam_candidate_id IS NULL) <> (external_candidate_id IS NULL)),
  CONSTRAINT admission_preferences_rank_key UNIQUE (season_id, candidate_key, rank),
  CONSTRAINT admission_preferences_program_key UNIQUE (season_id, candidate_key, program_id)
);

CREATE TABLE admission_runs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  season_id uuid NOT NULL,
  institution_id uuid NOT NULL,
  kind text NOT NULL CONSTRAINT admission_runs_kind_check CHECK (kind IN ('dry', 'final')),
  status text NOT NULL DEFAULT 'queued' CONSTRAINT admission_runs_status_check
    CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled')),
  progress numeric(4, 3) NOT NULL DEFAULT 0 CONSTRAINT admission_runs_progress_check CHECK (progress BETWEEN 0 AND 1),
  cancel_requested boolean NOT NULL DEFAULT false,
  started_by uuid CONSTRAINT admission_runs_started_by_fk REFERENCES users (id),
  started_by_label text NOT NULL,
  started_at timestamptz,
  -- Written every few seconds while the job runs: a running run without it is one whose process died.
  heartbeat_at timestamptz,
  finished_at timestamptz,
  error text,
  candidates integer,
  applications integer,
  matched integer,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT admission_runs_season_fk FOREIGN KEY (season_id, institution_id)
    REFERENCES admission_seasons (id, institution_id) ON DELETE CASCADE
);
CREATE INDEX admission_runs_season_idx ON admission_runs (season_id, created_at DESC, id);
-- One run of a season at a time: a second start while one is queued or running is a 409.
CREATE UNIQUE INDEX admission_runs_active_key ON admission_runs (season_id) WHERE status IN ('queued', 'running');

-- Results are written once, when a run finishes (done), in the transaction that marks it done: a failed or cancelled
-- run leaves none, and no run changes another's.
CREATE TABLE admission_run_results (
  run_id uuid NOT NULL CONSTRAINT admission_run_results_run_fk REFERENCES admission_runs (id) ON DELETE CASCADE,
  candidate_key text NOT NULL,
  exam_candidate_id uuid CONSTRAINT admission_run_results_candidate_fk REFERENCES exam_candidates (id) ON DELETE CASCADE,
  external_candidate_id text,
  -- Not cascading: a program that has results cannot go away under them.
  program_id uuid CONSTRAINT admission_run_results_program_fk REFERENCES admission_programs (id),
  rank integer,
  score numeric(6, 2),
  CONSTRAINT admission_run_results_pkey PRIMARY KEY (run_id, candidate_key)
);

-- admission_runs is bookkeeping (its progress and heartbeat are written every few seconds while a run works); what a
-- run changes is its results, written once when it finishes.
SELECT hoptac_watch_changes(t) FROM unnest(ARRAY['admission_seasons', 'admission_programs', 'admission_preferences',
  'admission_run_results']::regclass[]) t;
