import type { ConstraintFields } from '../../platform/errors.ts';

// The constraints of accounts, invitations and API tokens and the field each protects (platform/errors.ts).
export const CONSTRAINTS: ConstraintFields = {
  users_email_key: 'email',
  users_language_check: 'language',
  users_roles_check: 'roles',
  users_status_check: 'status',
  users_person_fk: 'personId',
  users_institution_id_fkey: 'institutionId',
  invitations_language_check: 'language',
  invitations_roles_check: 'roles',
  invitations_roles_not_empty: 'roles',
  invitations_institution_id_fkey: 'institutionId',
  invitations_invited_by_fkey: 'request',
  invitations_token_key: 'token',
  api_tokens_scopes_check: 'scopes',
  api_tokens_institution_id_fkey: 'institutionId',
  api_tokens_created_by_fkey: 'request',
  api_tokens_token_key: 'token',
};
