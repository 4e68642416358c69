import { tenantScope } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit.ts';
import type { RequestContext } from '../../../platform/context.ts';
import { inTransaction } from '../../../platform/db.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { AppError } from '../../../platform/errors.ts';
import { requireAgreementParty, requireVisibleAgreement } from '../access.ts';
import * as repo from '../repository.ts';

// A party's private note: one per party, never shown to the other parties (nor in the agreement's
// timeline: its audit entries belong to that party only). The party's officers, admins and coordinators read
// and write it (policy.ts: agreements.negotiate.read, canDiscuss); its members and students are refused (403).

export async function getPrivateNote(deps: AppDeps, ctx: RequestContext, id: string) {
  await requireVisibleAgreement(deps.db, ctx, id, { part: 'note' });
  const note = await repo.findNote(deps.db, tenantScope(ctx), id);
  return { body: note?.body ?? '', version: note?.version ?? 0, updatedAt: note ? new Date(note.updated_at).toISOString() : null };
}

export async function savePrivateNote(deps: AppDeps, ctx: RequestContext, id: string, input: { body: string; version: number }) {
  await inTransaction(deps.db, async (tx) => {
    await requireAgreementParty(tx, ctx, id, { capability: 'agreements.discuss' });
    const actor = ctx.actor!;
    const scope = tenantScope(ctx);
    const current = await repo.findNote(tx, scope, id, { lock: true });
    const currentVersion = current?.version ?? 0;
    if (currentVersion !== input.version) {
      throw new AppError('version_conflict', { params: { current: currentVersion }, details: { current: { body: current?.body ?? '', version: currentVersion } } });
    }
    await repo.writeNote(tx, scope, id, { body: input.body, version: currentVersion + 1, userId: actor.userId });
    await recordAudit(tx, ctx, { entity: 'agreement_note', entityId: id, action: 'update', owners: [actor.institutionId], before: { body: current?.body ?? '' }, after: { body: input.body } });
  });
  return getPrivateNote(deps, ctx, id);
}
