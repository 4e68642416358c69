-- Evidence of an activity (photos, minutes, attendance lists, certificates): documents of the agreement of kind
-- `evidence`, stored like every document (the content-addressed file store, revisions, types recognised from the
-- bytes), each linked to the activity it shows.
ALTER TABLE agreement_documents DROP CONSTRAINT agreement_documents_kind_check;
ALTER TABLE agreement_documents ADD CONSTRAINT agreement_documents_kind_check CHECK (kind IN ('signed', 'annex', 'minutes', 'other', 'evidence'));

CREATE TABLE activity_evidence (
  activity_id uuid NOT NULL CONSTRAINT activity_evidence_activity_fk REFERENCES activities (id) ON DELETE CASCADE,
  document_id uuid NOT NULL CONSTRAINT activity_evidence_document_fk REFERENCES agreement_documents (id),
  CONSTRAINT activity_evidence_pkey PRIMARY KEY (activity_id, document_id)
);
CREATE INDEX activity_evidence_document_idx ON activity_evidence (document_id);
