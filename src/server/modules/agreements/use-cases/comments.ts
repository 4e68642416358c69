import type { z } from 'zod';
import type { CreateComment } from '../../../../contracts/agreements.ts';
import { tenantScope } from '../../../platform/access.ts';
import type { RequestContext } from '../../../platform/context.ts';
import { inTransaction } from '../../../platform/db.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { dispatchMail } from '../../notifications/service.ts';
import { requireAgreementParty, requireVisibleAgreement } from '../access.ts';
import { notifyParticipants } from '../notifications.ts';
import * as repo from '../repository.ts';
import { auditAgreement } from './audit-agreement.ts';
import { actorNamer } from './name-actors.ts';

// Comments and proposals: the parties' negotiation. A party's officers, admins and coordinators read and write
// them (policy.ts: agreements.negotiate.read, canDiscuss); its members and students are refused (403); to
// anybody else they do not exist (404).

export async function listComments(deps: AppDeps, ctx: RequestContext, id: string) {
  await requireVisibleAgreement(deps.db, ctx, id, { part: 'negotiation' });
  const rows = await repo.listComments(deps.db, tenantScope(ctx), id);
  const nameOf = await actorNamer(deps.db, ctx, 'full', rows.map((c) => ({ userId: c.author_user_id, label: c.author_label })));
  return {
    items: rows.map((c) => {
      const author = nameOf({ userId: c.author_user_id, label: c.author_label });
      return {
        id: c.id,
        kind: c.kind as 'comment' | 'proposal',
        areaKey: c.area_key,
        clause: c.clause,
        body: c.body,
        authorName: author.name,
        authorEmail: author.email,
        institutionCode: c.code,
        versionNo: c.version_no,
        createdAt: new Date(c.created_at).toISOString(),
      };
    }),
  };
}

export async function addComment(deps: AppDeps, ctx: RequestContext, id: string, input: z.infer<typeof CreateComment>) {
  const { commentId, mailIds } = await inTransaction(deps.db, async (tx) => {
    const row = await requireAgreementParty(tx, ctx, id, { capability: 'agreements.discuss' });
    const actor = ctx.actor!;
    const commentId = await repo.insertComment(tx, {
      agreement_id: id,
      institution_id: actor.institutionId,
      author_user_id: actor.userId,
      author_label: actor.label,
      kind: input.kind,
      area_key: input.areaKey,
      clause: input.clause,
      body: input.body,
      version_no: row.current_version,
    });
    await auditAgreement(tx, ctx, id, { action: input.kind === 'proposal' ? 'propose' : 'comment', after: { commentId, areaKey: input.areaKey } });
    return { commentId, mailIds: await notifyParticipants(tx, deps, 'commented', id, { actor: actor.label }, actor.userId) };
  });
  await dispatchMail(deps, mailIds);
  return (await listComments(deps, ctx, id)).items.find((c) => c.id === commentId)!;
}
