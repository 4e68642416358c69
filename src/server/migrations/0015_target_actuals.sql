-- Each target's actual value, kept exact by the database in the same transaction as every write that changes it
-- (the dashboards read thousands of targets; computing each from the records per request was too slow:
-- bench/activities.ts). The definition of each metric is a row of `metric_sources`, which the server's registry
-- (modules/activities/metrics.ts) must equal (a test keeps them equal): `activities` counts the done activities of
-- the kinds under the target's area starting within its period; `people` counts the distinct people who took part
-- in them (of `role` when set) plus the counted anonymous participants (of `role`).
CREATE TABLE metric_sources (
  metric text PRIMARY KEY,
  counts text NOT NULL CONSTRAINT metric_sources_counts_check CHECK (counts IN ('activities', 'people')),
  kinds text[] NOT NULL,
  role text
);
INSERT INTO metric_sources (metric, counts, kinds, role) VALUES
  ('seminars_held', 'activities', ARRAY['seminar', 'forum', 'workshop', 'conference'], NULL),
  ('trainings_held', 'activities', ARRAY['training_course'], NULL),
  ('staff_trained', 'people', ARRAY['training_course'], NULL),
  ('lecturer_exchanges', 'people', ARRAY['lecturer_exchange'], NULL),
  ('student_exchanges', 'people', ARRAY['student_exchange'], NULL),
  ('students_placed', 'people', ARRAY['internship'], 'student'),
  ('joint_publications', 'activities', ARRAY['joint_publication'], NULL),
  ('joint_projects', 'activities', ARRAY['joint_project'], NULL),
  ('delegations', 'activities', ARRAY['visit'], NULL);

CREATE TABLE target_actuals (
  agreement_id uuid NOT NULL CONSTRAINT target_actuals_agreement_fk REFERENCES agreements (id) ON DELETE CASCADE,
  area_key text NOT NULL,
  target_key text NOT NULL,
  actual double precision NOT NULL,
  CONSTRAINT target_actuals_pkey PRIMARY KEY (agreement_id, area_key, target_key)
);

-- Index-only reads for the dashboards' per-month and per-kind counts.
DROP INDEX activities_agreement_idx;
CREATE INDEX activities_agreement_idx ON activities (agreement_id, start_date DESC, id) INCLUDE (status, kind);

-- The actuals of every target of these agreements, recomputed from the records. Two transactions writing under one
-- agreement take turns (a transaction-scoped advisory lock per agreement, in id order): the second computes after
-- the first committed (each statement of a PL/pgSQL function sees what was committed when it starts), so neither
-- writes a figure that misses the other's records.
CREATE FUNCTION hoptac_refresh_target_actuals(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  PERFORM pg_advisory_xact_lock(1953461100, hashtext(id::text)) FROM (SELECT DISTINCT unnest(ids) AS id ORDER BY 1) x;
  DELETE FROM target_actuals WHERE agreement_id = ANY(ids);
  INSERT INTO target_actuals (agreement_id, area_key, target_key, actual)
  SELECT t.agreement_id, t.area_key, t.target_key,
    CASE WHEN ms.counts = 'activities' THEN
      (SELECT count(*) FROM activities a WHERE a.agreement_id = t.agreement_id AND a.area_key = t.area_key
         AND a.status = 'done' AND a.kind = ANY(ms.kinds) AND a.start_date BETWEEN t.period_start AND t.period_end)::float8
    ELSE
      ((SELECT count(DISTINCT p.person_id) FROM activities a JOIN activity_participants p ON p.activity_id = a.id
         WHERE a.agreement_id = t.agreement_id AND a.area_key = t.area_key AND a.status = 'done' AND a.kind = ANY(ms.kinds)
           AND a.start_date BETWEEN t.period_start AND t.period_end AND (ms.role IS NULL OR p.role = ms.role))
       + (SELECT coalesce(sum(c.count), 0) FROM activities a JOIN activity_counts c ON c.activity_id = a.id
         WHERE a.agreement_id = t.agreement_id AND a.area_key = t.area_key AND a.status = 'done' AND a.kind = ANY(ms.kinds)
           AND a.start_date BETWEEN t.period_start AND t.period_end AND (ms.role IS NULL OR c.role = ms.role)))::float8
    END
  FROM agreement_targets t JOIN metric_sources ms ON ms.metric = t.metric
  WHERE t.agreement_id = ANY(ids);
END
$$;

-- After each statement that changes activities, their participants or counts, or an agreement's targets: the
-- agreements it touched (from the statement's transition tables), once per statement.
CREATE FUNCTION hoptac_activities_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM hoptac_refresh_target_actuals(ARRAY(SELECT DISTINCT agreement_id FROM changed));
  RETURN NULL;
END
$$;
CREATE FUNCTION hoptac_activity_links_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM hoptac_refresh_target_actuals(ARRAY(SELECT DISTINCT a.agreement_id FROM changed c JOIN activities a ON a.id = c.activity_id));
  RETURN NULL;
END
$$;
CREATE FUNCTION hoptac_activities_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM hoptac_refresh_target_actuals(ARRAY(SELECT agreement_id FROM changed UNION SELECT agreement_id FROM previous));
  RETURN NULL;
END
$$;
CREATE FUNCTION hoptac_activity_links_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM hoptac_refresh_target_actuals(ARRAY(SELECT a.agreement_id FROM (SELECT activity_id FROM changed UNION SELECT activity_id FROM previous) c
    JOIN activities a ON a.id = c.activity_id));
  RETURN NULL;
END
$$;

CREATE TRIGGER activities_actuals_insert AFTER INSERT ON activities
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION hoptac_activities_changed();
CREATE TRIGGER activities_actuals_delete AFTER DELETE ON activities
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION hoptac_activities_changed();
CREATE TRIGGER activities_actuals_update AFTER UPDATE ON activities
  REFERENCING NEW TABLE AS changed OLD TABLE AS previous FOR EACH STATEMENT EXECUTE FUNCTION hoptac_activities_updated();
CREATE TRIGGER activity_participants_actuals_insert AFTER INSERT ON activity_participants
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION hoptac_activity_links_changed();
CREATE TRIGGER activity_participants_actuals_delete AFTER DELETE ON activity_participants
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION hoptac_activity_links_changed();
CREATE TRIGGER activity_participants_actuals_update AFTER UPDATE ON activity_participants
  REFERENCING NEW TABLE AS changed OLD TABLE AS previous FOR EACH STATEMENT EXECUTE FUNCTION hoptac_activity_links_updated();
CREATE TRIGGER activity_counts_actuals_insert AFTER INSERT ON activity_counts
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION hoptac_activity_links_changed();
CREATE TRIGGER activity_counts_actuals_delete AFTER DELETE ON activity_counts
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION hoptac_activity_links_changed();
CREATE TRIGGER activity_counts_actuals_update AFTER UPDATE ON activity_counts
  REFERENCING NEW TABLE AS changed OLD TABLE AS previous FOR EACH STATEMENT EXECUTE FUNCTION hoptac_activity_links_updated();
CREATE TRIGGER agreement_targets_actuals_insert AFTER INSERT ON agreement_targets
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION hoptac_activities_changed();
CREATE TRIGGER agreement_targets_actuals_delete AFTER DELETE ON agreement_targets
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION hoptac_activities_changed();
CREATE TRIGGER agreement_targets_actuals_update AFTER UPDATE ON agreement_targets
  REFERENCING NEW TABLE AS changed OLD TABLE AS previous FOR EACH STATEMENT EXECUTE FUNCTION hoptac_activities_updated();

-- A metric's definition changed (a later migration): every actual again.
CREATE FUNCTION hoptac_metric_sources_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM hoptac_refresh_target_actuals(ARRAY(SELECT DISTINCT agreement_id FROM agreement_targets));
  RETURN NULL;
END
$$;
CREATE TRIGGER metric_sources_actuals AFTER INSERT OR UPDATE OR DELETE ON metric_sources
  FOR EACH STATEMENT EXECUTE FUNCTION hoptac_metric_sources_changed();

SELECT hoptac_refresh_target_actuals(ARRAY(SELECT DISTINCT agreement_id FROM agreement_targets));
