import type { ConstraintFields } from '../../platform/errors.ts';

// The constraints of the personal calendar feeds (0013) and the field each protects (platform/errors.ts).
export const CONSTRAINTS: ConstraintFields = {
  calendar_feeds_user_fk: 'request',
  calendar_feeds_user_key: 'request',
  calendar_feeds_token_hash_key: 'token',
  calendar_feeds_token_hash_check: 'token',
};
