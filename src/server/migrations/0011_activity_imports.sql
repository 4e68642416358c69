-- Bulk imports of activities (modules/activities/import.ts): one row per file imported under an agreement, named by
-- the SHA-256 of its bytes, so that uploading the same file again creates nothing twice. The activities it created
-- point at it.
CREATE TABLE activity_imports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agreement_id uuid NOT NULL CONSTRAINT activity_imports_agreement_fk REFERENCES agreements (id),
  sha256 text NOT NULL CONSTRAINT activity_imports_sha256_check CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  -- The importing actor's institution (a party of the agreement, or the operator's).
  institution_id uuid NOT NULL CONSTRAINT activity_imports_institution_fk REFERENCES institutions (id),
  created_by uuid CONSTRAINT activity_imports_created_by_fk REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  rows_created integer NOT NULL CONSTRAINT activity_imports_rows_created_check CHECK (rows_created >= 0),
  CONSTRAINT activity_imports_agreement_sha256_key UNIQUE (agreement_id, sha256)
);

ALTER TABLE activities ADD COLUMN import_id uuid CONSTRAINT activities_import_fk REFERENCES activity_imports (id);
CREATE INDEX activities_import_idx ON activities (import_id) WHERE import_id IS NOT NULL;
