import { type Selectable, sql } from 'kysely';
import type { ActivityKind, ActivityStatus } from '../../../../contracts/activities.ts';
import type { TenantScope } from '../../../platform/access.ts';
import type { Db, Tx } from '../../../platform/db.ts';
import type { Database } from '../../../platform/db-schema.ts';
import { afterCursor, type Cursor } from '../../../platform/pagination.ts';
import { matchesAllWords } from '../../../platform/search.ts';
import { type CommitmentFilter, receivedBy } from './commitment-progress.ts';

// Reading activities and what their rules look at: the agreement's areas and contacts, the people named.

export type ActivityRow = Selectable<Database['activities']>;


/** The activity's row (with `lock`, its row lock for an edit). The caller checks the agreement's access. */
export function findActivity(db: Db | Tx, id: string, options: { lock?: boolean } = {}) {
  let q = db.selectFrom('activities').selectAll().where('id', '=', id);
  if (options.lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export interface ActivityFilter {
  agreementIds: string[];
  status?: ActivityStatus;
  kind?: ActivityKind;
  areaKey?: string;
  year?: number;
  q?: string;
  /** The records a target counts: done, of these kinds, starting within [from, to], with a participant or count of `role`. */
  counted?: { kinds: readonly string[]; from: string; to: string; role?: string };
  /** The records a quantified commitment counts. */
  delivered?: CommitmentFilter;
  limit: number;
  cursor?: Cursor;
}

/** A page of the agreements' activities, newest first (start date, then id), and how many match in all. */
export async function listActivities(db: Db | Tx, f: ActivityFilter) {
  let q = db.selectFrom('activities as a').where('a.agreement_id', '=', sql<string>`ANY(${f.agreementIds}::uuid[])`);
  if (f.status) q = q.where('a.status', '=', f.status);
  if (f.kind) q = q.where('a.kind', '=', f.kind);
  if (f.areaKey) q = q.where('a.area_key', '=', f.areaKey);
  if (f.year !== undefined) q = q.where('a.start_date', '>=', `${f.year}-01-01`).where('a.start_date', '<=', `${f.year}-12-31`);
  const words = matchesAllWords(sql<string>`hoptac_search_doc(a.title_vi || ' ' || a.title_en || ' ' || a.place)`, f.q);
  if (words) q = q.where(words);
  if (f.counted) {
    const c = f.counted;
    q = q
      .where('a.status', '=', 'done')
      .where(sql<boolean>`a.kind = ANY(${c.kinds as string[]}::text[])`)
      .where('a.start_date', '>=', c.from)
      .where('a.start_date', '<=', c.to);
    if (c.role) {
      const role = c.role;
      q = q.where(sql<boolean>`(EXISTS (SELECT 1 FROM activity_participants p WHERE p.activity_id = a.id AND p.role = ${role})
        OR EXISTS (SELECT 1 FROM activity_counts k WHERE k.activity_id = a.id AND k.role = ${role} AND k.count > 0))`);
    }
  }
  if (f.delivered) {
    const c = f.delivered;
    const receiver = receivedBy(c);
    q = q
      .where('a.status', '=', 'done')
      .where('a.start_date', '>=', c.from)
      .where('a.start_date', '<=', c.to)
      .where(sql<boolean>`EXISTS (SELECT 1 FROM activity_organisers o WHERE o.activity_id = a.id AND o.institution_id = ${c.fromInstitutionId}::uuid)`)
      .where(sql<boolean>`(EXISTS (SELECT 1 FROM activity_participants p WHERE p.activity_id = a.id AND p.institution_id ${receiver})
        OR EXISTS (SELECT 1 FROM activity_counts k WHERE k.activity_id = a.id AND k.institution_id ${receiver} AND k.count > 0))`);
  }
  const total = await q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  let page = q.selectAll('a');
  if (f.cursor) page = page.where(afterCursor('a.start_date', 'a.id', f.cursor, 'desc'));
  const rows = await page.orderBy('a.start_date', 'desc').orderBy('a.id', 'desc').limit(f.limit + 1).execute();
  return { rows, total: total.n };
}

export function activitiesByIds(db: Db | Tx, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([] as ActivityRow[]);
  return db.selectFrom('activities').selectAll().where('id', 'in', ids).orderBy('start_date').orderBy('id').execute();
}

/** Organisers, participants (named) and counts of the activities, with institution codes and names. */
export async function linksOf(db: Db | Tx, activityIds: string[]) {
  if (activityIds.length === 0) return { organisers: [], participants: [], counts: [] };
  const [organisers, participants, counts] = await Promise.all([
    db
      .selectFrom('activity_organisers as o')
      .innerJoin('institutions as i', 'i.id', 'o.institution_id')
      .select(['o.activity_id', 'o.institution_id', 'i.code', 'i.name_vi', 'i.name_en'])
      .where('o.activity_id', 'in', activityIds)
      .orderBy('i.code')
      .execute(),
    db
      .selectFrom('activity_participants as p')
      .innerJoin('people as pe', 'pe.id', 'p.person_id')
      .innerJoin('institutions as i', 'i.id', 'p.institution_id')
      .select(['p.activity_id', 'p.person_id', 'p.institution_id', 'p.role', 'pe.full_name', 'pe.title', 'i.code'])
      .where('p.activity_id', 'in', activityIds)
      .orderBy('pe.full_name')
      .execute(),
    db
      .selectFrom('activity_counts as c')
      .innerJoin('institutions as i', 'i.id', 'c.institution_id')
      .select(['c.activity_id', 'c.institution_id', 'c.role', 'c.count', 'i.code'])
      .where('c.activity_id', 'in', activityIds)
      .orderBy('i.code')
      .orderBy('c.role')
      .execute(),
  ]);
  return { organisers, participants, counts };
}

/**
 * The people of these ids that exist and are not archived, with their institution, and whether the caller may see
 * them in the directory (own institution's, or shared with the consortium); `kept`: already participants of this
 * activity (an edit keeps them even when the caller could no longer pick them).
 */
export async function peopleForParticipation(db: Db | Tx, scope: TenantScope, ids: string[], activityId: string | null) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('people as p')
    .select([
      'p.id',
      'p.institution_id',
      sql<boolean>`${scope.ownOrShared('p.institution_id', sql`p.visibility = 'consortium'`)}`.as('visible'),
      activityId
        ? sql<boolean>`EXISTS (SELECT 1 FROM activity_participants ap WHERE ap.activity_id = ${activityId}::uuid AND ap.person_id = p.id)`.as('kept')
        : sql<boolean>`false`.as('kept'),
    ])
    .where('p.id', '=', sql<string>`ANY(${ids}::uuid[])`) // one parameter, however many ids (an import names thousands)
    .where('p.archived_at', 'is', null)
    .execute();
}

/** The agreement's areas in its current content: key, kind and titles (removed areas keep their last titles). */
export async function areasOf(db: Db | Tx, agreementIds: string[]) {
  if (agreementIds.length === 0) return [];
  return db
    .selectFrom('agreements as ag')
    .innerJoin('agreement_versions as v', (j) => j.onRef('v.agreement_id', '=', 'ag.id').onRef('v.version_no', '=', 'ag.current_version'))
    .innerJoin(sql<{ key: string; kind: string; title_vi: string; title_en: string }>`LATERAL (
        SELECT x->>'key' AS key, x->>'kind' AS kind, x->>'titleVi' AS title_vi, x->>'titleEn' AS title_en
        FROM jsonb_array_elements(v.content->'areas') x)`.as('ar'), (j) => j.onTrue())
    .select(['ag.id as agreement_id', 'ar.key', 'ar.kind', 'ar.title_vi', 'ar.title_en'])
    .where('ag.id', '=', sql<string>`ANY(${agreementIds}::uuid[])`)
    .execute();
}

/** The area keys of the agreement where the user's person is a point of contact. */
export async function contactAreas(db: Db | Tx, userId: string | null, agreementId: string): Promise<string[]> {
  if (!userId) return [];
  const rows = await db
    .selectFrom('agreement_contacts as c')
    .innerJoin('users as u', 'u.person_id', 'c.person_id')
    .select('c.area_key')
    .where('u.id', '=', userId)
    .where('c.agreement_id', '=', agreementId)
    .execute();
  return rows.map((r) => r.area_key);
}
