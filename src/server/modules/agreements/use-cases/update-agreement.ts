import type { z } from 'zod';
import type { UpdateAgreement } from '../../../../contracts/agreements.ts';
import { contentHash } from '../../../../engines/agreements/canonical-hash.ts';
import { diffContent } from '../../../../engines/agreements/content-diff.ts';
import { EDITABLE, type Status } from '../../../../engines/agreements/lifecycle.ts';
import { tenantScope } from '../../../platform/access.ts';
import type { RequestContext } from '../../../platform/context.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { AppError } from '../../../platform/errors.ts';
import { checkContent } from '../content-rules.ts';
import { dateRulesOf } from '../dates.ts';
import { notifyParticipants } from '../notifications.ts';
import * as repo from '../repository.ts';
import { auditAgreement } from './audit-agreement.ts';
import { changeAsPartyOfficer } from './change-as-party-officer.ts';
import { checkParent, insertVersion } from './write-agreement.ts';

/**
 * Edits the visibility and/or the content. New content is a new version: every standing approval is voided
 * (it was given to other content). An edit based on an older version is refused with what changed since.
 */
export function updateAgreement(deps: AppDeps, ctx: RequestContext, id: string, input: z.infer<typeof UpdateAgreement>) {
  return changeAsPartyOfficer(deps, ctx, id, async (tx, row, partiesBefore, actor) => {
    if (input.baseVersion !== row.current_version) {
      const base = await repo.versionRow(tx, id, input.baseVersion);
      const current = await repo.versionRow(tx, id, row.current_version);
      throw new AppError('version_conflict', {
        params: { current: row.current_version },
        details: {
          current: { versionNo: row.current_version, contentHash: row.content_hash, content: current?.content },
          changesSinceYourVersion: base && current ? diffContent(base.content as Record<string, unknown>, current.content as Record<string, unknown>) : [],
        },
      });
    }
    const changes: Record<string, unknown> = {};
    if (input.visibility && input.visibility !== row.visibility) {
      await repo.setVisibility(tx, id, input.visibility);
      changes.visibility = { before: row.visibility, after: input.visibility };
    }
    let mails: string[] = [];
    if (input.content && contentHash(input.content) !== row.content_hash) {
      if (!EDITABLE.has(row.status as Status)) {
        throw new AppError('conflict', { messageKey: 'errors.agreement_not_editable', params: { status: `statuses.${row.status}` } });
      }
      const content = input.content;
      await checkContent(tx, content, { requiredParty: null, author: { scope: tenantScope(ctx), agreementId: id }, dates: dateRulesOf(deps) });
      await checkParent(tx, ctx, content.parentId, id);
      const versionNo = row.current_version + 1;
      const hash = await insertVersion(tx, ctx, id, versionNo, content, input.changeNote ?? null);
      await repo.setCurrentVersion(tx, id, content, versionNo, hash);
      const voided = await repo.voidApprovals(tx, id, versionNo);
      const previous = await repo.versionRow(tx, id, row.current_version);
      const diff = diffContent(previous!.content as Record<string, unknown>, content as unknown as Record<string, unknown>);
      changes.content = { fromVersion: row.current_version, toVersion: versionNo, contentHash: hash, changes: diff.length, voidedApprovals: voided };
      mails = await notifyParticipants(tx, deps, 'changed', id, { actor: actor.label, version: versionNo }, actor.userId);
    }
    if (Object.keys(changes).length > 0) {
      await auditAgreement(tx, ctx, id, { action: 'update', after: changes }, partiesBefore);
    }
    return mails;
  });
}
