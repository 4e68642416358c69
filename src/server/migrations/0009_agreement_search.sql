-- Agreement search finds the partners: the search document covered the titles only, so a partner's code
-- ("BMH") or its name missing from the title ("bach mai") found nothing. `parties_doc` holds the codes and
-- names (Vietnamese and English) of the party institutions, in party order; `search_doc` now folds the
-- titles and it, and keeps its trigram index (platform/search.ts: every query word must start a word).
--
-- `parties_doc` is kept by the database, whoever writes the parties (repository.ts `writeProjections`, the
-- demo loader, the benchmarks' seeders):
-- - after each statement that inserts, deletes or updates party rows, for the agreements it touched. A
--   statement that leaves an agreement without parties (writeProjections deletes all of them, then inserts
--   the new version's) changes nothing: the insert that follows decides. An unchanged document is not
--   written again, so an edit that keeps the parties costs no extra row version;
-- - after an institution's code or names change, for the agreements it is a party to.

ALTER TABLE agreements ADD COLUMN parties_doc text NOT NULL DEFAULT '';

-- The codes and names of an agreement's parties, in party order ('' without parties).
CREATE FUNCTION hoptac_agreement_parties_doc(agreement uuid) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT coalesce(string_agg(i.code::text || ' ' || i.name_vi || ' ' || i.name_en, ' ' ORDER BY p.position), '')
  FROM agreement_parties p JOIN institutions i ON i.id = p.institution_id
  WHERE p.agreement_id = agreement
$$;

UPDATE agreements SET parties_doc = hoptac_agreement_parties_doc(id);

DROP INDEX agreements_search_idx;
ALTER TABLE agreements DROP COLUMN search_doc;
ALTER TABLE agreements ADD COLUMN search_doc text
  GENERATED ALWAYS AS (hoptac_search_doc(title_vi || ' ' || title_en || ' ' || parties_doc)) STORED;
CREATE INDEX agreements_search_idx ON agreements USING gin (search_doc gin_trgm_ops);

-- The statement's changed party rows are in the transition table `changed` (NEW TABLE for inserts and
-- updates, OLD TABLE for deletes).
CREATE FUNCTION agreement_parties_refresh_doc() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE agreements a SET parties_doc = d.doc
  FROM (SELECT c.agreement_id, hoptac_agreement_parties_doc(c.agreement_id) AS doc
        FROM (SELECT DISTINCT agreement_id FROM changed) c
        WHERE EXISTS (SELECT 1 FROM agreement_parties p WHERE p.agreement_id = c.agreement_id)) d
  WHERE a.id = d.agreement_id AND a.parties_doc IS DISTINCT FROM d.doc;
  RETURN NULL;
END
$$;
CREATE TRIGGER agreement_parties_doc_insert AFTER INSERT ON agreement_parties
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION agreement_parties_refresh_doc();
CREATE TRIGGER agreement_parties_doc_update AFTER UPDATE ON agreement_parties
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION agreement_parties_refresh_doc();
CREATE TRIGGER agreement_parties_doc_delete AFTER DELETE ON agreement_parties
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION agreement_parties_refresh_doc();

CREATE FUNCTION institution_renamed_refresh_agreements() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE agreements a SET parties_doc = hoptac_agreement_parties_doc(a.id)
  WHERE a.id IN (SELECT p.agreement_id FROM agreement_parties p WHERE p.institution_id = NEW.id);
  RETURN NULL;
END
$$;
CREATE TRIGGER institutions_name_agreements_doc AFTER UPDATE OF code, name_vi, name_en ON institutions
  FOR EACH ROW
  WHEN (OLD.code IS DISTINCT FROM NEW.code OR OLD.name_vi IS DISTINCT FROM NEW.name_vi OR OLD.name_en IS DISTINCT FROM NEW.name_en)
  EXECUTE FUNCTION institution_renamed_refresh_agreements();

-- The directory lists the best matches first when it is searched (people/repository.ts, platform/search.ts
-- `matchRank`): a person whose name holds the query word as a whole word before one whose name only
-- starts with it, before one matched elsewhere (position, e-mail, expertise). The folded name alone, so
-- that ranking a page compares short strings instead of folding every match again.
ALTER TABLE people ADD COLUMN name_doc text GENERATED ALWAYS AS (hoptac_search_doc(full_name)) STORED;
