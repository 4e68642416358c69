import type { ConstraintFields } from '../../platform/errors.ts';

// The constraints of the institutions table and the field each protects (platform/errors.ts).
export const CONSTRAINTS: ConstraintFields = {
  institutions_code_key: 'code',
  institutions_code_format: 'code',
  institutions_country_check: 'country',
  institutions_kind_check: 'kind',
};
