-- Consortium admission (issue 13, item 3): several institutions' programs matched together in one season. A season is
-- owned by its coordinating institution (admission_seasons.institution_id); a consortium season names a platform
-- consortium, and its member institutions (all of that consortium; the coordinator always one) each own programs.
-- Every season lists its members, a season of one institution only its owner, so a program's institution is always a
-- member of its season (admission_programs_member_fk). Who sees what: modules/admissions/visibility.ts.

ALTER TABLE admission_seasons ADD COLUMN consortium_id uuid CONSTRAINT admission_seasons_consortium_fk REFERENCES consortia (id);
-- The demo's seasons (programs, preferences and runs with them) are sample data, like its exam's candidates.
ALTER TABLE admission_seasons ADD COLUMN is_sample boolean NOT NULL DEFAULT false;

CREATE TABLE admission_season_members (
  season_id uuid NOT NULL CONSTRAINT admission_season_members_season_fk REFERENCES admission_seasons (id) ON DELETE CASCADE,
  institution_id uuid NOT NULL CONSTRAINT admission_season_members_institution_fk REFERENCES institutions (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT admission_season_members_pkey PRIMARY KEY (season_id, institution_id)
);
CREATE INDEX admission_season_members_institution_idx ON admission_season_members (institution_id, season_id);
INSERT INTO admission_season_members (season_id, institution_id) SELECT id, institution_id FROM admission_seasons;
-- The owner is a member from the season's first moment, however the season is written (service, demo, benchmarks).
CREATE FUNCTION admission_season_owner_member() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO admission_season_members (season_id, institution_id) VALUES (NEW.id, NEW.institution_id);
  RETURN NULL;
END $$;
CREATE TRIGGER admission_seasons_owner_member AFTER INSERT ON admission_seasons
  FOR EACH ROW EXECUTE FUNCTION admission_season_owner_member();

-- A program belongs to a member of its season (no longer necessarily the season's owner). Removing a member removes its
-- programs (the coordinator does so only while the season has no run, so no result names them).
ALTER TABLE admission_programs DROP CONSTRAINT admission_programs_season_fk;
ALTER TABLE admission_programs ADD CONSTRAINT admission_programs_member_fk FOREIGN KEY (season_id, institution_id)
  REFERENCES admission_season_members (season_id, institution_id) ON DELETE CASCADE;
CREATE INDEX admission_programs_institution_idx ON admission_programs (institution_id);

-- "Applied to it" (exams gate): an admitting institution reads a consenting candidate's results only when the
-- candidate has a preference for one of its programs; the gate looks preferences up by candidate.
CREATE INDEX admission_preferences_candidate_idx ON admission_preferences (exam_candidate_id, program_id) WHERE exam_candidate_id IS NOT NULL;

-- Token scopes for institutions' systems: push preferences, start runs and pull outcomes.
ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_scopes_check;
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_scopes_check CHECK (scopes <@ ARRAY['directory:read', 'directory:write',
  'audit:read', 'agreements:read', 'agreements:write', 'exams:read', 'exams:write', 'admissions:read', 'admissions:write']::text[]);

SELECT hoptac_watch_changes('admission_season_members');
