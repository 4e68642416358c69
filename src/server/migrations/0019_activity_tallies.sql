-- How many activities each agreement has per month and per kind and year (done and planned; cancelled ones are not
-- counted), kept exact by the database in the same transaction as every write of activities, like target_actuals
-- (0015): the institution dashboard counted the year's activities of all its agreements on each request — 54,000
-- index entries, half of that request's time in PostgreSQL at 200,000 activities (bench/activities.ts) — and now
-- sums a few thousand rows. The figures are recomputed per agreement touched (not adjusted by deltas), so a restore
-- that fills this table before or after the activities (platform/backup.ts) ends with the same figures.
CREATE TABLE activity_month_tallies (
  agreement_id uuid NOT NULL CONSTRAINT activity_month_tallies_agreement_fk REFERENCES agreements (id) ON DELETE CASCADE,
  month date NOT NULL, -- the first day of the month the activities start in
  done integer NOT NULL,
  planned integer NOT NULL,
  CONSTRAINT activity_month_tallies_pkey PRIMARY KEY (agreement_id, month)
);
CREATE TABLE activity_kind_tallies (
  agreement_id uuid NOT NULL CONSTRAINT activity_kind_tallies_agreement_fk REFERENCES agreements (id) ON DELETE CASCADE,
  year integer NOT NULL, -- the calendar year the activities start in
  kind text NOT NULL,
  done integer NOT NULL,
  planned integer NOT NULL,
  CONSTRAINT activity_kind_tallies_pkey PRIMARY KEY (agreement_id, year, kind)
);

-- Under the per-agreement advisory lock of the actuals' refresh (0015, re-entrant within a transaction): a second
-- writer under the same agreement counts after the first committed.
CREATE FUNCTION hoptac_refresh_activity_tallies(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  PERFORM pg_advisory_xact_lock(1953461100, hashtext(id::text)) FROM (SELECT DISTINCT unnest(ids) AS id ORDER BY 1) x;
  DELETE FROM activity_month_tallies WHERE agreement_id = ANY(ids);
  DELETE FROM activity_kind_tallies WHERE agreement_id = ANY(ids);
  INSERT INTO activity_month_tallies (agreement_id, month, done, planned)
  SELECT agreement_id, date_trunc('month', start_date)::date, count(*) FILTER (WHERE status = 'done'), count(*) FILTER (WHERE status = 'planned')
  FROM activities WHERE agreement_id = ANY(ids) AND status IN ('done', 'planned') GROUP BY 1, 2;
  INSERT INTO activity_kind_tallies (agreement_id, year, kind, done, planned)
  SELECT agreement_id, extract(year FROM start_date)::int, kind, count(*) FILTER (WHERE status = 'done'), count(*) FILTER (WHERE status = 'planned')
  FROM activities WHERE agreement_id = ANY(ids) AND status IN ('done', 'planned') GROUP BY 1, 2, 3;
END
$$;

CREATE FUNCTION hoptac_activities_tallies_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM hoptac_refresh_activity_tallies(ARRAY(SELECT DISTINCT agreement_id FROM changed));
  RETURN NULL;
END
$$;
-- An update counts only when it moves an activity between tallies (its agreement, start, kind or status changed).
CREATE FUNCTION hoptac_activities_tallies_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM hoptac_refresh_activity_tallies(ARRAY(
    SELECT x.agreement_id FROM changed c JOIN previous p ON p.id = c.id,
      LATERAL (VALUES (c.agreement_id), (p.agreement_id)) x (agreement_id)
    WHERE (c.agreement_id, c.start_date, c.kind, c.status) IS DISTINCT FROM (p.agreement_id, p.start_date, p.kind, p.status)
    UNION SELECT agreement_id FROM changed WHERE id NOT IN (SELECT id FROM previous)
    UNION SELECT agreement_id FROM previous WHERE id NOT IN (SELECT id FROM changed)));
  RETURN NULL;
END
$$;

-- Named to fire after activities_actuals_* (triggers of an event fire in name order), which take the same locks.
CREATE TRIGGER activities_tallies_insert AFTER INSERT ON activities
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION hoptac_activities_tallies_changed();
CREATE TRIGGER activities_tallies_delete AFTER DELETE ON activities
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION hoptac_activities_tallies_changed();
CREATE TRIGGER activities_tallies_update AFTER UPDATE ON activities
  REFERENCING NEW TABLE AS changed OLD TABLE AS previous FOR EACH STATEMENT EXECUTE FUNCTION hoptac_activities_tallies_updated();

SELECT hoptac_refresh_activity_tallies(ARRAY(SELECT DISTINCT agreement_id FROM activities));
