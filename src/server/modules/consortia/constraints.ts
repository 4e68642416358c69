import type { ConstraintFields } from '../../platform/errors.ts';

// The constraints of consortia and their members and the field each protects (platform/errors.ts).
export const CONSTRAINTS: ConstraintFields = {
  consortia_code_key: 'code',
  consortium_members_consortium_id_fkey: 'id',
  consortium_members_institution_id_fkey: 'memberIds',
};
