import type { ConstraintFields } from '../../platform/errors.ts';

// The constraints of sessions, reset links and rate-limit events (written by the platform; platform/errors.ts).
export const CONSTRAINTS: ConstraintFields = {
  sessions_user_id_fkey: 'request',
  password_resets_user_id_fkey: 'request',
  password_resets_token_key: 'token',
  rate_events_action_check: 'request',
};
