import type { ConstraintFields } from '../../platform/errors.ts';

// The constraints of notifications and preferences and the field each protects (platform/errors.ts).
export const CONSTRAINTS: ConstraintFields = {
  notifications_kind_check: 'kind',
  notifications_user_id_fkey: 'request',
  notification_preferences_kind_check: 'items',
  notification_preferences_user_id_fkey: 'request',
};
