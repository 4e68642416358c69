import type { ConstraintFields } from '../../platform/errors.ts';

// The constraints of documents and stored files and the field each protects (platform/errors.ts).
export const CONSTRAINTS: ConstraintFields = {
  agreement_documents_kind_check: 'kind',
  agreement_documents_revision_key: 'documentKey',
  agreement_documents_agreement_id_fkey: 'id',
  agreement_documents_file_id_fkey: 'file',
  agreement_documents_institution_id_fkey: 'request',
  files_sha_format: 'file',
  files_institution_id_fkey: 'request',
  files_uploaded_by_fkey: 'request',
};
