-- Priority and bonus points, equivalence tables (issue 13, item 3; engine: src/engines/admission/priority-points.ts,
-- equivalence.ts). The priority settings are a program's (each member institution of a consortium season decides its
-- own programs' rules: a program may admit without priority points, or compare its method floors after them); the
-- candidates' priority profiles and the equivalence tables are the season's (facts about a candidate, and conversions
-- every program of the season may name).

-- priority_points: the final score adds the candidate's priority and bonus points (engine finalScore); false: the
-- final score is the academic score. floor_basis: method floors compare the academic score or the final one.
-- threshold_includes_bonus: the 22.5 threshold of the priority formula compares T + bonus instead of T.
ALTER TABLE admission_programs ADD COLUMN priority_points boolean NOT NULL DEFAULT true;
ALTER TABLE admission_programs ADD COLUMN floor_basis text NOT NULL DEFAULT 'academic'
  CONSTRAINT admission_programs_floor_basis_check CHECK (floor_basis IN ('academic', 'final'));
ALTER TABLE admission_programs ADD COLUMN threshold_includes_bonus boolean NOT NULL DEFAULT false;

-- A candidate's priority profile in a season, imported with the preferences (the columns of the CLI's candidates.csv:
-- region, groups, graduation_year, bonus) and replaced with them. Bonus on the 30-point scale before the engine's cap.
CREATE TABLE admission_candidate_profiles (
  season_id uuid NOT NULL,
  institution_id uuid NOT NULL,
  exam_candidate_id uuid CONSTRAINT admission_candidate_profiles_candidate_fk REFERENCES exam_candidates (id) ON DELETE CASCADE,
  external_candidate_id text,
  candidate_key text NOT NULL GENERATED ALWAYS AS (coalesce(exam_candidate_id::text, 'ext:' || external_candidate_id)) STORED,
  region text CONSTRAINT admission_candidate_profiles_region_check CHECK (region IS NULL OR region IN ('KV1', 'KV2-NT', 'KV2', 'KV3')),
  priority_groups text[] NOT NULL DEFAULT '{}' CONSTRAINT admission_candidate_profiles_groups_check
    CHECK (priority_groups <@ ARRAY['UT1', 'UT2']::text[]),
  graduation_year integer CONSTRAINT admission_candidate_profiles_graduation_year_check CHECK (graduation_year BETWEEN 1900 AND 2200),
  bonus numeric(5, 2) NOT NULL DEFAULT 0 CONSTRAINT admission_candidate_profiles_bonus_check CHECK (bonus BETWEEN 0 AND 30),
  CONSTRAINT admission_candidate_profiles_season_fk FOREIGN KEY (season_id, institution_id)
    REFERENCES admission_seasons (id, institution_id) ON DELETE CASCADE,
  CONSTRAINT admission_candidate_profiles_candidate_check CHECK ((exam_candidate_id IS NULL) <> (external_candidate_id IS NULL)),
  CONSTRAINT admission_candidate_profiles_pkey PRIMARY KEY (season_id, candidate_key)
);

-- A season's equivalence tables, named by its programs' methods (methods[].equivalence): segments (a, b] → (c, d] as
-- the engine's EquivalenceTable; source: the exams' subjects whose percentile tables built it (null: entered by hand).
CREATE TABLE admission_equivalence_tables (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  season_id uuid NOT NULL,
  institution_id uuid NOT NULL,
  name text NOT NULL,
  segments jsonb NOT NULL CONSTRAINT admission_equivalence_tables_segments_check CHECK (jsonb_typeof(segments) = 'array'),
  source jsonb,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT admission_equivalence_tables_season_fk FOREIGN KEY (season_id, institution_id)
    REFERENCES admission_seasons (id, institution_id) ON DELETE CASCADE,
  CONSTRAINT admission_equivalence_tables_name_key UNIQUE (season_id, name)
);

SELECT hoptac_watch_changes(t) FROM unnest(ARRAY['admission_candidate_profiles', 'admission_equivalence_tables']::regclass[]) t;
