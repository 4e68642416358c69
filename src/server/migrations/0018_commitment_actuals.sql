-- What each quantified commitment delivered ("party A provides N to party B", per year or over the agreement), kept
-- exact by the database like target_actuals (0015), in the same transaction as every write that changes it: computing
-- it from the records on each progress request was most of that request's cost (bench/activities.ts).
-- A commitment counts the people of the receiving party (`toInstitutionId`; none: every party but the committing
-- one) — each named person once, plus the counted ones — in the done activities of its area that the committing
-- party organised, starting within the agreement's dates. `year` is the calendar year of those activities for a
-- commitment per year, 0 for one over the whole agreement. No row: nothing delivered (0).
CREATE TABLE commitment_actuals (
  agreement_id uuid NOT NULL CONSTRAINT commitment_actuals_agreement_fk REFERENCES agreements (id) ON DELETE CASCADE,
  area_key text NOT NULL,
  commitment_key text NOT NULL,
  year integer NOT NULL,
  actual double precision NOT NULL,
  CONSTRAINT commitment_actuals_pkey PRIMARY KEY (agreement_id, area_key, commitment_key, year)
);

-- The commitments with a quantity in each agreement's current version (keys are unique within an area: content-rules.ts).
CREATE FUNCTION hoptac_quantified_commitments(ids uuid[])
RETURNS TABLE (agreement_id uuid, area_key text, commitment_key text, from_id uuid, to_id uuid, per_year boolean, start_date date, end_date date)
LANGUAGE sql STABLE AS $$
  SELECT ag.id, ar->>'key', cm->>'key', (cm->>'fromInstitutionId')::uuid, nullif(cm->>'toInstitutionId', '')::uuid,
    coalesce((cm->>'perYear')::boolean, false), ag.start_date, ag.end_date
  FROM agreements ag JOIN agreement_versions v ON v.agreement_id = ag.id AND v.version_no = ag.current_version,
    jsonb_array_elements(coalesce(v.content->'areas', '[]'::jsonb)) ar, jsonb_array_elements(coalesce(ar->'commitments', '[]'::jsonb)) cm
  WHERE ag.id = ANY(ids) AND jsonb_typeof(cm->'quantity') = 'number'
$$;

-- Under the same per-agreement advisory lock as the targets' refresh (0015; re-entrant within a transaction).
CREATE FUNCTION hoptac_refresh_commitment_actuals(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  PERFORM pg_advisory_xact_lock(1953461100, hashtext(id::text)) FROM (SELECT DISTINCT unnest(ids) AS id ORDER BY 1) x;
  DELETE FROM commitment_actuals WHERE agreement_id = ANY(ids);
  INSERT INTO commitment_actuals (agreement_id, area_key, commitment_key, year, actual)
  WITH c AS (SELECT * FROM hoptac_quantified_commitments(ids)),
  x AS (
    SELECT c.agreement_id, c.area_key, c.commitment_key, c.from_id, c.to_id, a.id AS activity_id,
      CASE WHEN c.per_year THEN extract(year FROM a.start_date)::int ELSE 0 END AS year
    FROM c JOIN activities a ON a.agreement_id = c.agreement_id AND a.area_key = c.area_key AND a.status = 'done'
      AND a.start_date >= c.start_date AND (c.end_date IS NULL OR a.start_date <= c.end_date)
    WHERE EXISTS (SELECT 1 FROM activity_organisers o WHERE o.activity_id = a.id AND o.institution_id = c.from_id)
  ),
  named AS (
    SELECT x.agreement_id, x.area_key, x.commitment_key, x.year, count(DISTINCT p.person_id)::float8 AS n
    FROM x JOIN activity_participants p ON p.activity_id = x.activity_id
    WHERE CASE WHEN x.to_id IS NULL THEN p.institution_id <> x.from_id ELSE p.institution_id = x.to_id END
    GROUP BY 1, 2, 3, 4
  ),
  counted AS (
    SELECT x.agreement_id, x.area_key, x.commitment_key, x.year, sum(k.count)::float8 AS n
    FROM x JOIN activity_counts k ON k.activity_id = x.activity_id
    WHERE CASE WHEN x.to_id IS NULL THEN k.institution_id <> x.from_id ELSE k.institution_id = x.to_id END
    GROUP BY 1, 2, 3, 4
  )
  SELECT agreement_id, area_key, commitment_key, year, coalesce(named.n, 0) + coalesce(counted.n, 0)
  FROM named FULL JOIN counted USING (agreement_id, area_key, commitment_key, year);
END
$$;

-- Every figure derived from the records of these agreements: the targets' (0015) and the commitments'.
CREATE FUNCTION hoptac_refresh_actuals(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM hoptac_refresh_target_actuals(ids);
  PERFORM hoptac_refresh_commitment_actuals(ids);
END
$$;

-- The triggers of 0015 (activities, participants, counts, targets) now refresh both.
CREATE OR REPLACE FUNCTION hoptac_activities_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM hoptac_refresh_actuals(ARRAY(SELECT DISTINCT agreement_id FROM changed));
  RETURN NULL;
END
$$;
CREATE OR REPLACE FUNCTION hoptac_activity_links_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM hoptac_refresh_actuals(ARRAY(SELECT DISTINCT a.agreement_id FROM changed c JOIN activities a ON a.id = c.activity_id));
  RETURN NULL;
END
$$;
CREATE OR REPLACE FUNCTION hoptac_activities_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM hoptac_refresh_actuals(ARRAY(SELECT agreement_id FROM changed UNION SELECT agreement_id FROM previous));
  RETURN NULL;
END
$$;
CREATE OR REPLACE FUNCTION hoptac_activity_links_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM hoptac_refresh_actuals(ARRAY(SELECT a.agreement_id FROM (SELECT activity_id FROM changed UNION SELECT activity_id FROM previous) c
    JOIN activities a ON a.id = c.activity_id));
  RETURN NULL;
END
$$;

-- Who organised an activity decides which commitment it delivers (targets do not depend on it: 0015 has no trigger here).
CREATE TRIGGER activity_organisers_actuals_insert AFTER INSERT ON activity_organisers
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION hoptac_activity_links_changed();
CREATE TRIGGER activity_organisers_actuals_delete AFTER DELETE ON activity_organisers
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION hoptac_activity_links_changed();
CREATE TRIGGER activity_organisers_actuals_update AFTER UPDATE ON activity_organisers
  REFERENCING NEW TABLE AS changed OLD TABLE AS previous FOR EACH STATEMENT EXECUTE FUNCTION hoptac_activity_links_updated();

-- The commitments themselves live in the current version's content, bounded by the agreement's dates: a new
-- version, or a change of the current version or of the dates, refreshes them.
CREATE FUNCTION hoptac_agreement_versions_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM hoptac_refresh_commitment_actuals(ARRAY(SELECT DISTINCT agreement_id FROM changed));
  RETURN NULL;
END
$$;
CREATE FUNCTION hoptac_agreements_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM hoptac_refresh_commitment_actuals(ARRAY(
    SELECT n.id FROM changed n JOIN previous o ON o.id = n.id
    WHERE (n.current_version, n.start_date, n.end_date) IS DISTINCT FROM (o.current_version, o.start_date, o.end_date)));
  RETURN NULL;
END
$$;
CREATE TRIGGER agreement_versions_commitments_insert AFTER INSERT ON agreement_versions
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION hoptac_agreement_versions_added();
CREATE TRIGGER agreements_commitments_update AFTER UPDATE ON agreements
  REFERENCING NEW TABLE AS changed OLD TABLE AS previous FOR EACH STATEMENT EXECUTE FUNCTION hoptac_agreements_updated();

SELECT hoptac_refresh_commitment_actuals(ARRAY(SELECT id FROM agreements));
