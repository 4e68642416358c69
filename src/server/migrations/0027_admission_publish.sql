-- Admission results in detail (issue 13, items 2 and 3): what a run used, kept with its results so its exports are the
-- CLI's input and output of the same run (modules/admissions/exports.ts), and the season's published run, which
-- candidates see in the public lookup (modules/admissions/publish.ts).

-- The programs as the run read them (quota, floor, tie-break chain and policy may change after it), in the order the
-- run indexed them (programs.csv and cutoffs.csv order). Written with the results when the run is done.
CREATE TABLE admission_run_programs (
  run_id uuid NOT NULL CONSTRAINT admission_run_programs_run_fk REFERENCES admission_runs (id) ON DELETE CASCADE,
  program_id uuid NOT NULL CONSTRAINT admission_run_programs_program_fk REFERENCES admission_programs (id),
  position integer NOT NULL,
  code text NOT NULL,
  quota integer NOT NULL,
  floor numeric(6, 2),
  tie_break text[] NOT NULL,
  tie_policy text NOT NULL,
  CONSTRAINT admission_run_programs_pkey PRIMARY KEY (run_id, program_id),
  CONSTRAINT admission_run_programs_position_key UNIQUE (run_id, position)
);

-- Every preference the run read, with the score it computed (null: no score for that program — a missing component,
-- below every method's floor, no consent — so not an application). Written with the results when the run is done.
CREATE TABLE admission_run_applications (
  run_id uuid NOT NULL CONSTRAINT admission_run_applications_run_fk REFERENCES admission_runs (id) ON DELETE CASCADE,
  candidate_key text NOT NULL,
  rank integer NOT NULL,
  program_id uuid NOT NULL CONSTRAINT admission_run_applications_program_fk REFERENCES admission_programs (id),
  score numeric(6, 2),
  CONSTRAINT admission_run_applications_pkey PRIMARY KEY (run_id, candidate_key, rank)
);
CREATE INDEX admission_run_applications_program_idx ON admission_run_applications (run_id, program_id);
CREATE INDEX admission_run_results_program_idx ON admission_run_results (run_id, program_id, candidate_key);

-- The published run: a done final run of the season. A later publication replaces it; a run that fails or is cancelled
-- never writes here (publish.ts takes done runs only).
ALTER TABLE admission_seasons ADD COLUMN published_run_id uuid
  CONSTRAINT admission_seasons_published_run_fk REFERENCES admission_runs (id);
-- Which programs' ranks the public lookup answers: published seasons' runs, by candidate.
CREATE INDEX admission_seasons_published_idx ON admission_seasons (published_run_id) WHERE published_run_id IS NOT NULL;

SELECT hoptac_watch_changes(t) FROM unnest(ARRAY['admission_run_programs', 'admission_run_applications']::regclass[]) t;
