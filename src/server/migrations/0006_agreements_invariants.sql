-- Invariants of agreements that the services kept and the database now holds as well.

-- 1. An agreement has at most one successor. Renewal by decision (a successor draft) and automatic renewal
--    (an active successor) both lock the predecessor's row and look for a successor first, so users get a
--    409 with a message; this index is the last word. Deployments that renewed the same agreement twice
--    before this rule keep one link per predecessor: the successor the predecessor names (`successor_id`,
--    set when a successor came into force), else the first created; the others stay as ordinary drafts.
UPDATE agreements s SET predecessor_id = NULL
WHERE s.predecessor_id IS NOT NULL
  AND s.id <> (
    SELECT coalesce(p.successor_id, (SELECT f.id FROM agreements f WHERE f.predecessor_id = p.id ORDER BY f.created_at, f.id LIMIT 1))
    FROM agreements p WHERE p.id = s.predecessor_id);
CREATE UNIQUE INDEX agreements_one_successor ON agreements (predecessor_id) WHERE predecessor_id IS NOT NULL;

-- 2. A point of contact speaks for a party of the agreement. `agreement_parties` is keyed by
--    (agreement_id, institution_id): an institution is a party once, whichever of its units signs for it
--    (content-rules.ts refuses a second entry of the same institution as `content.parties` duplicate, even
--    with another unit), so the pair is the party's key. Both tables are projections of the current version,
--    rewritten together (repository.ts `writeProjections` deletes contacts before parties and inserts
--    parties first). content-rules.ts answers `not_a_party` before this key is ever reached.
ALTER TABLE agreement_contacts ADD CONSTRAINT agreement_contacts_party_fk
  FOREIGN KEY (agreement_id, institution_id) REFERENCES agreement_parties (agreement_id, institution_id);

-- 3. An approval is given by a party of the version it approves. Not a foreign key to agreement_parties:
--    that table holds the current version's parties, while approvals are history — when an edit removes a
--    party, its (now voided) approval of the earlier version stays, so that it can still be shown and
--    verified. The parties of a version are in its immutable content; this constraint trigger looks there
--    (by uuid value, so the spelling of the id in the JSON does not matter) whenever an approval is written.
--    The service only lets officers of a current party approve the current version, so users never reach it.
CREATE FUNCTION agreement_approval_by_party() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM agreement_versions v CROSS JOIN LATERAL jsonb_array_elements(v.content -> 'parties') AS p(party)
    WHERE v.agreement_id = NEW.agreement_id AND v.version_no = NEW.version_no
      AND (p.party ->> 'institutionId')::uuid = NEW.institution_id
  ) THEN
    RAISE EXCEPTION 'institution % is not a party of version % of agreement %', NEW.institution_id, NEW.version_no, NEW.agreement_id
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'agreement_approvals_party_check';
  END IF;
  RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER agreement_approvals_party_check
  AFTER INSERT OR UPDATE OF agreement_id, institution_id, version_no ON agreement_approvals
  FOR EACH ROW EXECUTE FUNCTION agreement_approval_by_party();
