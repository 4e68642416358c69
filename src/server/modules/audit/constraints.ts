import type { ConstraintFields } from '../../platform/errors.ts';

// The constraints of the audit log (written by platform/audit.ts only; platform/errors.ts).
export const CONSTRAINTS: ConstraintFields = {
  audit_log_actor_user_id_fkey: 'request',
  audit_log_actor_token_id_fkey: 'request',
  audit_owners_audit_id_fkey: 'request',
  audit_owners_institution_id_fkey: 'request',
};
