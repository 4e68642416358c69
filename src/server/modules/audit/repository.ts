import { sql, type SqlBool } from 'kysely';
import type { TenantScope } from '../../platform/access.ts';
import type { Db } from '../../platform/db.ts';
import type { Cursor, CursorKind } from '../../platform/pagination.ts';
import { exactTimestamp } from '../../platform/pagination.ts';

/** Newest first by the exact time of the change; the id is the log's bigint. */
export const AUDIT_CURSOR: CursorKind = { key: 'timestamp', id: 'bigint' };

export interface AuditFilter {
  entity?: string;
  action?: string;
  /** Part of the actor's label (e-mail or token name), any case. */
  actor?: string;
  /** Calendar days in Vietnam's time (UTC+7), inclusive. */
  from?: string;
  to?: string;
  limit: number;
  cursor?: Cursor;
}

/**
 * One page (limit + 1 rows) of the entries the caller may read. An entry is read by the admins of the
 * institutions that own its record (audit_owners, written by platform/audit.ts); platform admins read all.
 * Joining on the time as well lets the owners' index deliver the newest first.
 */
export function listAuditEntries(db: Db, scope: TenantScope, f: AuditFilter) {
  let q = db
    .selectFrom('audit_log as a')
    .$if(!scope.allInstitutions, (qb) =>
      qb
        .innerJoin('audit_owners as o', (join) => join.onRef('o.audit_id', '=', 'a.id').onRef('o.created_at', '=', 'a.created_at'))
        .where(scope.own('o.institution_id')),
    )
    .selectAll('a')
    .select(exactTimestamp('a.created_at').as('created_at_key'));
  if (f.entity) q = q.where('a.entity', '=', f.entity);
  if (f.action) q = q.where('a.action', '=', f.action);
  if (f.actor) q = q.where(sql<SqlBool>`a.actor_label ILIKE '%' || ${f.actor} || '%'`);
  if (f.from) q = q.where('a.created_at', '>=', new Date(`${f.from}T00:00:00+07:00`));
  if (f.to) q = q.where('a.created_at', '<', sql<Date>`${`${f.to}T00:00:00+07:00`}::timestamptz + interval '1 day'`);
  // Newest first by the time of the change (imports and demo data may insert history out of order).
  if (f.cursor) q = q.where(sql<SqlBool>`(a.created_at, a.id) < (${f.cursor.k}::timestamptz, ${f.cursor.id}::bigint)`);
  return q.orderBy('a.created_at', 'desc').orderBy('a.id', 'desc').limit(f.limit + 1).execute();
}

/** A record an audit entry is about, or names in its before/after, as the reader may see it. */
export interface RecordTitle {
  id: string;
  titleVi: string;
  titleEn: string;
  /** The record's page in the web app, when it has one. */
  path: string | null;
  /** An agreement's areas (key → titles), to name an `areaKey`. */
  areas?: { key: string; titleVi: string; titleEn: string }[];
}

export type RecordKind = 'agreement' | 'institution' | 'unit' | 'person' | 'user' | 'invitation' | 'api_token' | 'consortium';

const uniq = (ids: readonly string[]) => [...new Set(ids)];
const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

/**
 * The titles of these records, each only when the reader may see it where it lives (an agreement they may
 * read, an institution, unit or person of the directory they see, an account, invitation or token of their
 * institution, a consortium theirs is a member of); records out of reach or gone are simply absent.
 */
export async function recordTitles(db: Db, scope: TenantScope, ids: Record<RecordKind, readonly string[]>): Promise<Map<string, RecordTitle>> {
  const want = (kind: RecordKind) => uniq(ids[kind].filter(isUuid));
  const none = Promise.resolve([] as RecordTitle[]);
  const agreements = want('agreement');
  const institutions = want('institution');
  const units = want('unit');
  const people = want('person');
  const users = want('user');
  const invitations = want('invitation');
  const tokens = want('api_token');
  const consortia = want('consortium');
  const found = await Promise.all([
    agreements.length === 0
      ? none
      : db
          .selectFrom('agreements as a')
          .select(['a.id', 'a.title_vi', 'a.title_en'])
          .select(sql<unknown>`(SELECT v.content->'areas' FROM agreement_versions v WHERE v.agreement_id = a.id AND v.version_no = a.current_version)`.as('areas'))
          .where('a.id', 'in', agreements)
          .where(scope.agreementVisible('a'))
          .execute()
          .then((rows) =>
            rows.map((r) => ({
              id: r.id,
              titleVi: r.title_vi,
              titleEn: r.title_en,
              path: `/agreements/${r.id}`,
              areas: (Array.isArray(r.areas) ? (r.areas as { key: string; titleVi: string; titleEn: string }[]) : []).map((a) => ({ key: a.key, titleVi: a.titleVi, titleEn: a.titleEn })),
            })),
          ),
    institutions.length === 0
      ? none
      : db
          .selectFrom('institutions as i')
          .select(['i.id', 'i.name_vi', 'i.name_en'])
          .where('i.id', 'in', institutions)
          .where(scope.visible('i.id'))
          .execute()
          .then((rows) => rows.map((r) => ({ id: r.id, titleVi: r.name_vi, titleEn: r.name_en, path: `/institutions/${r.id}` }))),
    units.length === 0
      ? none
      : db
          .selectFrom('units as u')
          .select(['u.id', 'u.name_vi', 'u.name_en', 'u.institution_id'])
          .where('u.id', 'in', units)
          .where(scope.visible('u.institution_id'))
          .execute()
          .then((rows) => rows.map((r) => ({ id: r.id, titleVi: r.name_vi, titleEn: r.name_en, path: `/institutions/${r.institution_id}` }))),
    people.length === 0
      ? none
      : db
          .selectFrom('people as p')
          .select(['p.id', 'p.title', 'p.full_name'])
          .where('p.id', 'in', people)
          .where(scope.ownOrShared('p.institution_id', sql<SqlBool>`p.visibility = 'consortium'`))
          .execute()
          .then((rows) =>
            rows.map((r) => {
              const name = [r.title, r.full_name].filter(Boolean).join(' ');
              return { id: r.id, titleVi: name, titleEn: name, path: `/people/${r.id}` };
            }),
          ),
    users.length === 0
      ? none
      : db
          .selectFrom('users as u')
          .select(['u.id', 'u.display_name', 'u.email'])
          .where('u.id', 'in', users)
          .where(scope.own('u.institution_id'))
          .execute()
          .then((rows) => rows.map((r) => ({ id: r.id, titleVi: r.display_name, titleEn: r.display_name, path: `/admin/users?q=${encodeURIComponent(r.email)}` }))),
    invitations.length === 0
      ? none
      : db
          .selectFrom('invitations as v')
          .select(['v.id', 'v.display_name'])
          .where('v.id', 'in', invitations)
          .where(scope.own('v.institution_id'))
          .execute()
          .then((rows) => rows.map((r) => ({ id: r.id, titleVi: r.display_name, titleEn: r.display_name, path: '/admin/invitations' }))),
    tokens.length === 0
      ? none
      : db
          .selectFrom('api_tokens as t')
          .select(['t.id', 't.name'])
          .where('t.id', 'in', tokens)
          .where(scope.own('t.institution_id'))
          .execute()
          .then((rows) => rows.map((r) => ({ id: r.id, titleVi: r.name, titleEn: r.name, path: '/admin/api-tokens' }))),
    consortia.length === 0
      ? none
      : db
          .selectFrom('consortia as c')
          .select(['c.id', 'c.name_vi', 'c.name_en'])
          .where('c.id', 'in', consortia)
          .where((eb) =>
            scope.allInstitutions
              ? sql<SqlBool>`true`
              : eb.exists(eb.selectFrom('consortium_members as m').select('m.consortium_id').whereRef('m.consortium_id', '=', 'c.id').where(scope.own('m.institution_id'))),
          )
          .execute()
          .then((rows) => rows.map((r) => ({ id: r.id, titleVi: r.name_vi, titleEn: r.name_en, path: null }))),
  ]);
  return new Map(found.flat().map((r) => [r.id, r]));
}

/**
 * Who acted, by name: the title and full name of the person the account speaks for when the reader may see
 * that person, else the account's display name.
 */
export function actorNames(db: Db, scope: TenantScope, userIds: readonly string[]) {
  const ids = uniq(userIds);
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('users as u')
    .leftJoin('people as p', (j) => j.onRef('p.id', '=', 'u.person_id').on(scope.ownOrShared('p.institution_id', sql<SqlBool>`p.visibility = 'consortium'`)))
    .select(['u.id', 'u.display_name', 'p.title', 'p.full_name'])
    .where('u.id', 'in', ids)
    .execute();
}
