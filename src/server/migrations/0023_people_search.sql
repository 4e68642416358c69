-- Directory search without reading every match (bench/README.md, directory-search.ts). Searched without an explicit
-- order, the directory lists the people whose name holds every query word as a whole word first, by name
-- (platform/search.ts `matchRank`). For the searches people type most ("nguyen van", "minh", "tran thi thu") those
-- are thousands of people, and the trigram index can only hand them over unordered: every match was read and
-- sorted to show 50.
--
-- `people_name_words` holds each word of each person's folded name (`name_doc`) once, with the name: its key
-- (word, full_name, person_id) lists the people whose name holds a word in the order of the list, so the first page
-- of those matches is read in order and stops when it is full (people/repository.ts). `name_doc` rides along in
-- the index, so the other query words are checked without visiting the table.
--
-- Kept by the database, whoever writes people (the API, the demo loader, the benchmarks' seeders): after each
-- statement that inserts people, and after each change of a person's name (or institution). Deleting a person deletes
-- their words.
CREATE TABLE people_name_words (
  word text COLLATE "C" NOT NULL,
  full_name text NOT NULL,
  person_id uuid NOT NULL CONSTRAINT people_name_words_person_fk REFERENCES people (id) ON DELETE CASCADE,
  institution_id uuid NOT NULL,
  name_doc text NOT NULL,
  CONSTRAINT people_name_words_pkey PRIMARY KEY (word, full_name, person_id) INCLUDE (name_doc)
);
CREATE INDEX people_name_words_person_idx ON people_name_words (person_id);
-- The same order within one institution, for a directory listed by institution ("tran minh" at VNU).
CREATE INDEX people_name_words_institution_idx ON people_name_words (word, institution_id, full_name, person_id) INCLUDE (name_doc);

-- The words of a name document (folded words between single spaces; none for an empty name).
CREATE FUNCTION hoptac_doc_words(doc text) RETURNS SETOF text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT DISTINCT w FROM regexp_split_to_table(btrim(doc), ' ') w WHERE w <> ''
$$;

CREATE FUNCTION people_name_words_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO people_name_words (word, full_name, person_id, institution_id, name_doc)
  SELECT w, n.full_name, n.id, n.institution_id, n.name_doc FROM new_rows n, hoptac_doc_words(n.name_doc) w;
  RETURN NULL;
END
$$;
CREATE TRIGGER people_name_words_insert AFTER INSERT ON people
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION people_name_words_insert();

CREATE FUNCTION people_name_words_rename() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM people_name_words WHERE person_id = NEW.id;
  INSERT INTO people_name_words (word, full_name, person_id, institution_id, name_doc)
  SELECT w, NEW.full_name, NEW.id, NEW.institution_id, NEW.name_doc FROM hoptac_doc_words(NEW.name_doc) w;
  RETURN NULL;
END
$$;
CREATE TRIGGER people_name_words_rename AFTER UPDATE OF full_name, institution_id ON people
  FOR EACH ROW WHEN (OLD.full_name IS DISTINCT FROM NEW.full_name OR OLD.institution_id IS DISTINCT FROM NEW.institution_id)
  EXECUTE FUNCTION people_name_words_rename();

INSERT INTO people_name_words (word, full_name, person_id, institution_id, name_doc)
SELECT w, p.full_name, p.id, p.institution_id, p.name_doc FROM people p, hoptac_doc_words(p.name_doc) w;

-- The repository reads which words are common from the statistics (pg_stats) to choose where to start reading: keep
-- the frequencies of up to 1,000 words rather than the default 100.
ALTER TABLE people_name_words ALTER COLUMN word SET STATISTICS 1000;
ANALYZE people_name_words;

-- Derived from people, written with them: watched for changes like them (0020).
SELECT hoptac_watch_changes('people_name_words');
