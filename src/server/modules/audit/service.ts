import type { z } from 'zod';
import type { AuditEntry, AuditQuery } from '../../../contracts/accounts.ts';
import { tenantScope } from '../../platform/access.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { decodeCursor, encodeCursor } from '../../platform/pagination.ts';
import { requireAuditReader } from './policy.ts';
import * as repo from './repository.ts';

// The audit log as people read it: who acted by name, and the record each entry is about (and the records its
// before/after name by id) by title, linked to its page, each only when the reader may see that record.

/** The kind of record an entry's `entity` is; a private note is about its agreement. */
const ENTITY_KIND: Record<string, repo.RecordKind> = {
  agreement: 'agreement',
  agreement_note: 'agreement',
  institution: 'institution',
  unit: 'unit',
  person: 'person',
  user: 'user',
  invitation: 'invitation',
  api_token: 'api_token',
  consortium: 'consortium',
};

/** Fields of a before/after that name another record by its id. */
const REF_FIELDS: Record<string, repo.RecordKind> = {
  institutionId: 'institution',
  fromInstitutionId: 'institution',
  toInstitutionId: 'institution',
  unitId: 'unit',
  parentId: 'unit',
  personId: 'person',
  successorId: 'agreement',
  successorDraftId: 'agreement',
  automaticRenewalOf: 'agreement',
};

type Json = Record<string, unknown>;
const objectOf = (value: unknown): Json => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {});

/** Every (field, value) of a before/after, one level into nested objects (an agreement's `visibility: { before, after }`). */
function fieldsOf(...values: unknown[]): [string, unknown][] {
  return values.flatMap((value) =>
    Object.entries(objectOf(value)).flatMap(([key, v]) => [[key, v] as [string, unknown], ...Object.entries(objectOf(v))]),
  );
}

type Row = Awaited<ReturnType<typeof repo.listAuditEntries>>[number];

async function present(deps: AppDeps, ctx: RequestContext, rows: Row[]): Promise<z.infer<typeof AuditEntry>[]> {
  const scope = tenantScope(ctx);
  const ids: Record<repo.RecordKind, string[]> = { agreement: [], institution: [], unit: [], person: [], user: [], invitation: [], api_token: [], consortium: [] };
  for (const row of rows) {
    const kind = ENTITY_KIND[row.entity];
    if (kind) ids[kind].push(row.entity_id);
    for (const [field, value] of fieldsOf(row.before, row.after)) {
      const refKind = REF_FIELDS[field];
      if (refKind && typeof value === 'string') ids[refKind].push(value);
    }
  }
  const [titles, actors] = await Promise.all([
    repo.recordTitles(deps.db, scope, ids),
    repo.actorNames(
      deps.db,
      scope,
      rows.map((r) => r.actor_user_id).filter((id): id is string => id !== null),
    ),
  ]);
  const actorById = new Map(actors.map((a) => [a.id, a]));
  const asRecord = (t: repo.RecordTitle) => ({ titleVi: t.titleVi, titleEn: t.titleEn, path: t.path });
  return rows.map((a) => {
    const record = ENTITY_KIND[a.entity] ? titles.get(a.entity_id) : undefined;
    const refs: Record<string, z.infer<typeof AuditEntry>['refs'][string]> = {};
    for (const [field, value] of fieldsOf(a.before, a.after)) {
      if (typeof value !== 'string') continue;
      const ref = REF_FIELDS[field] ? titles.get(value) : undefined;
      if (ref) refs[value] = asRecord(ref);
      const area = field === 'areaKey' ? record?.areas?.find((x) => x.key === value) : undefined;
      if (area && record) refs[value] = { titleVi: area.titleVi, titleEn: area.titleEn, path: record.path };
    }
    const user = a.actor_user_id ? actorById.get(a.actor_user_id) : undefined;
    const token = a.actor_token_id !== null || a.actor_label.startsWith('token:');
    return {
      id: String(a.id),
      actorLabel: a.actor_label,
      actorName: user
        ? user.full_name
          ? [user.title, user.full_name].filter(Boolean).join(' ')
          : user.display_name
        : token
          ? a.actor_label.replace(/^token:/, '')
          : a.actor_label,
      actorKind: user ? 'user' : token ? 'token' : a.actor_user_id === null && a.actor_label === 'system' ? 'system' : 'user',
      entity: a.entity,
      entityId: a.entity_id,
      action: a.action,
      before: a.before,
      after: a.after,
      record: record ? asRecord(record) : null,
      refs,
      requestId: a.request_id,
      createdAt: new Date(a.created_at).toISOString(),
    };
  });
}

/** The audit trail of my institution, newest first (institution admins; tokens with audit:read). */
export async function listAuditEntries(deps: AppDeps, ctx: RequestContext, query: z.infer<typeof AuditQuery>) {
  requireAuditReader(ctx);
  const rows = await repo.listAuditEntries(deps.db, tenantScope(ctx), {
    entity: query.entity,
    action: query.action,
    actor: query.actor,
    from: query.from,
    to: query.to,
    limit: query.limit,
    cursor: decodeCursor(query.cursor, repo.AUDIT_CURSOR),
  });
  const hasMore = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  const items = await present(deps, ctx, page);
  const last = page.at(-1);
  return { items, nextCursor: hasMore && last ? encodeCursor(last.created_at_key, String(last.id)) : null };
}
