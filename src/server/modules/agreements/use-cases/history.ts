import { AgreementContent } from '../../../../contracts/agreements.ts';
import { diffContent } from '../../../../engines/agreements/content-diff.ts';
import type { RequestContext } from '../../../platform/context.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { notFound } from '../../../platform/errors.ts';
import { requireVisibleAgreement } from '../access.ts';
import * as repo from '../repository.ts';

// An agreement's history, for whoever may see it: the versions of its content, their differences, the timeline.

export async function listVersions(deps: AppDeps, ctx: RequestContext, id: string) {
  await requireVisibleAgreement(deps.db, ctx, id);
  const rows = await repo.listVersions(deps.db, id);
  return {
    items: rows.map((v) => ({ versionNo: v.version_no, contentHash: v.content_hash, createdBy: v.created_by_label, createdAt: new Date(v.created_at).toISOString(), changeNote: v.change_note })),
  };
}

export async function getVersion(deps: AppDeps, ctx: RequestContext, id: string, versionNo: number) {
  await requireVisibleAgreement(deps.db, ctx, id);
  const v = await repo.versionRow(deps.db, id, versionNo);
  if (!v) throw notFound('version');
  return {
    versionNo: v.version_no,
    contentHash: v.content_hash,
    createdBy: v.created_by_label,
    createdAt: new Date(v.created_at).toISOString(),
    changeNote: v.change_note,
    content: AgreementContent.parse(v.content),
  };
}

export async function diffVersions(deps: AppDeps, ctx: RequestContext, id: string, from: number, to: number) {
  const [a, b] = await Promise.all([getVersion(deps, ctx, id, from), getVersion(deps, ctx, id, to)]);
  return { from, to, entries: diffContent(a.content as unknown as Record<string, unknown>, b.content as unknown as Record<string, unknown>) };
}

/** What happened to the agreement, from the audit log (private notes are not part of it). */
export async function getTimeline(deps: AppDeps, ctx: RequestContext, id: string) {
  await requireVisibleAgreement(deps.db, ctx, id);
  const rows = await repo.auditTrail(deps.db, id);
  return { items: rows.map((r) => ({ at: new Date(r.created_at).toISOString(), action: r.action, actor: r.actor_label, detail: r.after })) };
}
