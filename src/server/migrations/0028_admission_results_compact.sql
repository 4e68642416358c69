-- A run's results in fewer, smaller rows (issue 13, "Performance": 100,000 candidates in 8 s, 1,000,000 in 60 s). A
-- finished run wrote one row per preference (admission_run_applications: 7.5 per candidate) and every row of both
-- tables paid per-row foreign-key checks; that write was four fifths of a run's time. Now:
-- - each candidate's scored preferences are arrays on the candidate's result row, in rank order: the candidate's rank,
--   the program's position in admission_run_programs, and the score the run computed (null: not an application);
-- - admission_run_results has no foreign keys. Its rows are written once, by the transaction that marks the run done
--   (run-finish.ts), from rows that transaction's run read: the program of a result is one of the run's programs
--   (admission_run_programs keeps those programs from going away), and results go with their run (the trigger below;
--   deleteSeason deletes them first anyway). A result keeps its candidate's id as the run read it;
-- - per program, what the run's summary shows is computed once, by the run: admitted, cutoff, applicants with a score,
--   and histograms of the admitted and of the applicants (30 one-point bins of the 30-point scale).

ALTER TABLE admission_run_results
  DROP CONSTRAINT admission_run_results_run_fk,
  DROP CONSTRAINT admission_run_results_candidate_fk,
  DROP CONSTRAINT admission_run_results_program_fk,
  ADD COLUMN preference_ranks integer[],
  ADD COLUMN preference_positions integer[],
  ADD COLUMN preference_scores numeric(6, 2)[];

ALTER TABLE admission_run_programs
  ADD COLUMN admitted integer NOT NULL DEFAULT 0,
  ADD COLUMN cutoff numeric(6, 2),
  ADD COLUMN applicants integer NOT NULL DEFAULT 0,
  ADD COLUMN admitted_bins integer[] NOT NULL DEFAULT array_fill(0, ARRAY[30]),
  ADD COLUMN applicant_bins integer[] NOT NULL DEFAULT array_fill(0, ARRAY[30]);

-- Runs finished before 0027 kept no programs; their summaries showed the season's programs as they are now, by code:
-- keep exactly those, so every done run has its programs.
INSERT INTO admission_run_programs (run_id, program_id, position, code, quota, floor, tie_break, tie_policy)
SELECT r.id, p.id, row_number() OVER (PARTITION BY r.id ORDER BY p.code, p.id) - 1, p.code, p.quota, p.floor, p.tie_break, p.tie_policy
FROM admission_runs r JOIN admission_programs p ON p.season_id = r.season_id
WHERE r.status = 'done' AND NOT EXISTS (SELECT 1 FROM admission_run_programs k WHERE k.run_id = r.id);

UPDATE admission_run_results x
SET preference_ranks = g.ranks, preference_positions = g.positions, preference_scores = g.scores
FROM (
  SELECT a.run_id, a.candidate_key, array_agg(a.rank ORDER BY a.rank) AS ranks, array_agg(rp.position ORDER BY a.rank) AS positions,
    array_agg(a.score ORDER BY a.rank) AS scores
  FROM admission_run_applications a JOIN admission_run_programs rp ON rp.run_id = a.run_id AND rp.program_id = a.program_id
  GROUP BY a.run_id, a.candidate_key
) g
WHERE x.run_id = g.run_id AND x.candidate_key = g.candidate_key;

WITH admitted AS (
  SELECT run_id, program_id, least(width_bucket(score, 0, 30, 30), 30) - 1 AS bin, score
  FROM admission_run_results WHERE program_id IS NOT NULL AND score IS NOT NULL
), applied AS (
  SELECT a.run_id, a.program_id, least(width_bucket(a.score, 0, 30, 30), 30) - 1 AS bin
  FROM admission_run_applications a WHERE a.score IS NOT NULL
)
UPDATE admission_run_programs rp SET
  admitted = (SELECT count(*) FROM admission_run_results x WHERE x.run_id = rp.run_id AND x.program_id = rp.program_id),
  cutoff = (SELECT min(a.score) FROM admitted a WHERE a.run_id = rp.run_id AND a.program_id = rp.program_id),
  applicants = (SELECT count(*) FROM applied a WHERE a.run_id = rp.run_id AND a.program_id = rp.program_id),
  admitted_bins = ARRAY(SELECT count(a.bin)::int FROM generate_series(0, 29) b
    LEFT JOIN admitted a ON a.run_id = rp.run_id AND a.program_id = rp.program_id AND a.bin = b GROUP BY b ORDER BY b),
  applicant_bins = ARRAY(SELECT count(a.bin)::int FROM generate_series(0, 29) b
    LEFT JOIN applied a ON a.run_id = rp.run_id AND a.program_id = rp.program_id AND a.bin = b GROUP BY b ORDER BY b);

DROP TABLE admission_run_applications;

-- Results go with their run (a foreign key did it row by row; this is once per statement).
CREATE FUNCTION admission_run_results_follow_runs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM admission_run_results x USING gone g WHERE x.run_id = g.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER admission_run_results_follow_runs AFTER DELETE ON admission_runs
  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION admission_run_results_follow_runs();
