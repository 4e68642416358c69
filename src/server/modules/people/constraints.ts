import type { ConstraintFields } from '../../platform/errors.ts';

// The constraints of people and the field each protects (platform/errors.ts).
export const CONSTRAINTS: ConstraintFields = {
  people_email_key: 'email',
  people_visibility_check: 'visibility',
  people_unit_fk: 'unitId',
  people_institution_id_fkey: 'institutionId',
  // The target of users_person_fk (an account's person is of the account's institution).
  people_institution_id_key: 'id',
  // 0023: the words of names (written by the database only).
  people_name_words_person_fk: 'id',
};
