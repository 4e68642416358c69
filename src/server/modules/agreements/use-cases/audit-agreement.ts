import { type AuditEntryInput, recordAudit } from '../../../platform/audit.ts';
import type { RequestContext } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import * as repo from '../repository.ts';

/**
 * An agreement's audit entries belong to its parties (also to those a change removed), so each party's
 * admins read them and nobody else does.
 */
export async function auditAgreement(
  tx: Tx,
  ctx: RequestContext,
  id: string,
  entry: Omit<AuditEntryInput, 'entity' | 'entityId' | 'owners'>,
  alsoOwners: readonly string[] = [],
) {
  const parties = await repo.partyInstitutionIds(tx, id);
  await recordAudit(tx, ctx, { entity: 'agreement', entityId: id, owners: [...parties, ...alsoOwners], ...entry });
}
