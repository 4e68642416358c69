import type { AgreementContent, AgreementVisibility } from '../../../../contracts/agreements.ts';
import { contentHash } from '../../../../engines/agreements/canonical-hash.ts';
import type { RequestContext } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { readerOf } from '../access.ts';
import * as repo from '../repository.ts';

// The writes every path that makes an agreement or a version shares (create, update, both renewals).

/** The parent named in the content is an agreement the actor may see, and not the agreement itself. */
export async function checkParent(tx: Tx, ctx: RequestContext, parentId: string | null, selfId?: string) {
  if (!parentId) return;
  const parent = await repo.findAgreement(tx, readerOf(ctx), parentId);
  if (!parent || parent.id === selfId) {
    throw new AppError('validation_failed', { fields: [{ field: 'content.parentId', code: 'unknown_reference' }] });
  }
}

/** Stores a version of the content, named by its hash, and makes the projections follow it; the hash. */
export async function insertVersion(tx: Tx, ctx: RequestContext, agreementId: string, versionNo: number, content: AgreementContent, note: string | null) {
  const hash = contentHash(content);
  await repo.insertVersionRow(tx, {
    agreement_id: agreementId,
    version_no: versionNo,
    content: JSON.stringify(content),
    content_hash: hash,
    change_note: note,
    created_by: ctx.actor?.userId ?? null,
    created_by_label: ctx.actor?.label ?? 'system',
  });
  await repo.writeProjections(tx, agreementId, content);
  return hash;
}

/** Inserts an agreement and its first version (the caller checked the content and may write). */
export async function insertAgreement(
  tx: Tx,
  ctx: RequestContext,
  row: { owner: string; content: AgreementContent; visibility: AgreementVisibility; predecessorId?: string | null; changeNote?: string | null },
) {
  const { content } = row;
  const id = await repo.insertAgreementRow(tx, {
    owner_institution_id: row.owner,
    kind: content.kind,
    parent_id: content.parentId,
    predecessor_id: row.predecessorId ?? null,
    visibility: row.visibility,
    title_vi: content.titleVi,
    title_en: content.titleEn,
    start_date: content.startDate,
    end_date: content.endDate,
    signing_date: content.signingDate,
    content_hash: contentHash(content),
    created_by: ctx.actor?.userId ?? null,
  });
  const hash = await insertVersion(tx, ctx, id, 1, content, row.changeNote ?? null);
  return { id, hash };
}
