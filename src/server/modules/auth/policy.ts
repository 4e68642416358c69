import type { MePermissions } from '../../../contracts/accounts.ts';
import { can } from '../../platform/capabilities.ts';
import type { Actor } from '../../platform/context.ts';
import { grantableRoles, mayManageAccounts } from '../accounts/policy.ts';
import { mayReadAudit } from '../audit/policy.ts';
import { mayManageConsortia } from '../consortia/policy.ts';
import { mayCreateInstitution } from '../institutions/policy.ts';
import { mayCreateExams, mayReadExams } from '../exams/policy.ts';
import { mayReadOutbox } from '../outbox/policy.ts';

// What a signed-in user may do before any record is open (`GET /me`'s `permissions`), answered by each
// module's policy; what they may do with a record comes with the record.
export const mePermissions = (actor: Actor): MePermissions => ({
  createInstitution: mayCreateInstitution(actor),
  manageConsortia: mayManageConsortia(actor),
  draftAgreement: can(actor, 'agreements.act'),
  manageAccounts: mayManageAccounts(actor),
  readAudit: mayReadAudit(actor),
  readOutbox: mayReadOutbox(actor),
  runExams: mayCreateExams(actor),
  readExams: mayReadExams(actor),
  runAdmissions: can(actor, 'admissions.manage'),
  grantableRoles: grantableRoles(actor),
});
