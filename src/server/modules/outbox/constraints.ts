import type { ConstraintFields } from '../../platform/errors.ts';

// The constraints of the mail outbox (written by platform/mail.ts only; platform/errors.ts).
export const CONSTRAINTS: ConstraintFields = {
  mail_outbox_status_check: 'status',
  mail_outbox_institution_id_fkey: 'request',
  mail_outbox_recipient_user_id_fkey: 'request',
};
