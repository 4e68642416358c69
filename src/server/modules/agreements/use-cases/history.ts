import { AgreementContent } from '../../../../contracts/agreements.ts';
import { diffContent } from '../../../../engines/agreements/content-diff.ts';
import type { RequestContext } from '../../../platform/context.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { notFound } from '../../../platform/errors.ts';
import { readerOf, readingOf, requireVisibleAgreement } from '../access.ts';
import type { AgreementReading } from '../policy.ts';
import * as repo from '../repository.ts';
import { actorNamer } from './name-actors.ts';

// An agreement's history. The versions of its content and their differences are the negotiation (its parties'
// officers, admins and coordinators: policy.ts); the timeline is for whoever sees the agreement, each reader
// seeing only the entries of what they read (docs/agreement-visibility.md).

export async function listVersions(deps: AppDeps, ctx: RequestContext, id: string) {
  await requireVisibleAgreement(deps.db, ctx, id, { part: 'negotiation' });
  const rows = await repo.listVersions(deps.db, id);
  const nameOf = await actorNamer(deps.db, ctx, 'full', rows.map((v) => ({ userId: v.created_by, label: v.created_by_label })));
  return {
    items: rows.map((v) => {
      const by = nameOf({ userId: v.created_by, label: v.created_by_label });
      return {
        versionNo: v.version_no,
        contentHash: v.content_hash,
        createdBy: by.name,
        createdByName: by.name,
        createdByEmail: by.email,
        createdAt: new Date(v.created_at).toISOString(),
        changeNote: v.change_note,
      };
    }),
  };
}

async function versionOf(deps: AppDeps, ctx: RequestContext, id: string, versionNo: number) {
  const v = await repo.versionRow(deps.db, id, versionNo);
  if (!v) throw notFound('version');
  const by = (await actorNamer(deps.db, ctx, 'full', [{ userId: v.created_by, label: v.created_by_label }]))({ userId: v.created_by, label: v.created_by_label });
  return {
    versionNo: v.version_no,
    contentHash: v.content_hash,
    createdBy: by.name,
    createdByName: by.name,
    createdByEmail: by.email,
    createdAt: new Date(v.created_at).toISOString(),
    changeNote: v.change_note,
    content: AgreementContent.parse(v.content),
  };
}

export async function getVersion(deps: AppDeps, ctx: RequestContext, id: string, versionNo: number) {
  await requireVisibleAgreement(deps.db, ctx, id, { part: 'negotiation' });
  return versionOf(deps, ctx, id, versionNo);
}

export async function diffVersions(deps: AppDeps, ctx: RequestContext, id: string, from: number, to: number) {
  await requireVisibleAgreement(deps.db, ctx, id, { part: 'negotiation' });
  const [a, b] = await Promise.all([versionOf(deps, ctx, id, from), versionOf(deps, ctx, id, to)]);
  return { from, to, entries: diffContent(a.content as unknown as Record<string, unknown>, b.content as unknown as Record<string, unknown>) };
}

type AuditRow = Awaited<ReturnType<typeof repo.auditTrail>>[number];

/**
 * The entry as this reader may see it, or null when it is about what they do not read: the negotiation
 * (comments, proposals, edits, approvals voided or in progress) for the negotiators, documents and approvals
 * for who reads them. Status changes are for everyone who sees the agreement (its status is announced too;
 * the reason only with the whole file); creation keeps the action and loses the details, and so does renewal, to
 * who may see the successor it started (`seen`: the agreements among the successors the reader may see) — a
 * renewal draft kept for the parties is the negotiation's.
 */
function entryFor(reading: AgreementReading, currentVersion: number, row: AuditRow, seen: ReadonlySet<string>): { detail: unknown } | null {
  if (reading.negotiation) return { detail: row.after };
  const after = (row.after ?? {}) as Record<string, unknown>;
  switch (row.action) {
    case 'create':
      return { detail: null };
    case 'renew': {
      const successor = successorIn(row);
      return successor && seen.has(successor) ? { detail: null } : null;
    }
    case 'status':
      return { detail: reading.view === 'full' ? after : { status: after.status } };
    case 'approve':
      // The approvals that brought the signed agreement into force (of its current, last version).
      return reading.approvals && after.versionNo === currentVersion ? { detail: after } : null;
    case 'attach':
      return reading.documents ? { detail: after } : null;
    default:
      // comment, propose, update (versions, visibility), and whatever is added later: the negotiation.
      return null;
  }
}

/** The successor a renewal entry started: by decision (a draft) or automatically (in force). */
function successorIn(row: AuditRow): string | null {
  const after = (row.after ?? {}) as Record<string, unknown>;
  const id = after.successorDraftId ?? after.successorId;
  return typeof id === 'string' ? id : null;
}

/** What happened to the agreement that this reader may see, oldest first (private notes are never part of it). */
export async function getTimeline(deps: AppDeps, ctx: RequestContext, id: string) {
  const row = await requireVisibleAgreement(deps.db, ctx, id);
  const reading = readingOf(ctx.actor!, row);
  const trail = await repo.auditTrail(deps.db, id);
  const successors = reading.negotiation ? [] : trail.filter((r) => r.action === 'renew').flatMap((r) => successorIn(r) ?? []);
  const seen = new Set(await repo.agreementIdsIn(deps.db, readerOf(ctx), successors));
  const shown = trail.flatMap((r) => {
    const entry = entryFor(reading, row.current_version, r, seen);
    return entry ? [{ row: r, detail: entry.detail }] : [];
  });
  const refs = shown.map(({ row: r }) => ({ userId: r.actor_user_id, tokenId: r.actor_token_id, label: r.actor_label }));
  const nameOf = await actorNamer(deps.db, ctx, reading.view, refs);
  return {
    items: shown.map(({ row: r, detail }, i) => {
      const by = nameOf(refs[i]);
      return { at: new Date(r.created_at).toISOString(), action: r.action, actor: by.name, actorName: by.name, actorEmail: by.email, detail: detail ?? null };
    }),
  };
}
