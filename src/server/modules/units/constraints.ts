import type { ConstraintFields } from '../../platform/errors.ts';

// The constraints of units and the field each protects (platform/errors.ts).
export const CONSTRAINTS: ConstraintFields = {
  units_kind_check: 'kind',
  units_not_own_parent: 'parentId',
  units_parent_fk: 'parentId',
  units_institution_id_fkey: 'institutionId',
  // The target of the composite keys that keep a parent or a person's unit in the same institution.
  units_institution_id_key: 'id',
};
