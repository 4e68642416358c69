import { type Insertable, sql } from 'kysely';
import type { TenantScope } from '../../../platform/access.ts';
import type { Db, Tx } from '../../../platform/db.ts';
import type { Database } from '../../../platform/db-schema.ts';
import type { ActivityLinks } from './write-activities.ts';

// Imports (import.ts): the import of a file, its activities in bulk, and the codes and e-mails a file names.

/** The import of this file (by its SHA-256) under the agreement, if one was made. */
export function findImport(db: Db | Tx, agreementId: string, sha256: string) {
  return db
    .selectFrom('activity_imports')
    .select(['id', 'rows_created', 'created_at'])
    .where('agreement_id', '=', agreementId)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
}

export async function insertImport(tx: Tx, values: Insertable<Database['activity_imports']>): Promise<{ id: string; created_at: Date }> {
  return tx.insertInto('activity_imports').values(values).returning(['id', 'created_at']).executeTakeFirstOrThrow();
}

export async function setImportRows(tx: Tx, id: string, rowsCreated: number) {
  await tx.updateTable('activity_imports').set({ rows_created: rowsCreated }).where('id', '=', id).execute();
}

/** Many activities at once (an import), in chunks; their ids in the order given. */
export async function insertActivities(tx: Tx, values: Insertable<Database['activities']>[]): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < values.length; i += 1000) {
    const rows = await tx.insertInto('activities').values(values.slice(i, i + 1000)).returning('id').execute();
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

/** Links of many activities, each its own (an import): organisers, participants, counts in chunks. */
export async function insertLinksEach(tx: Tx, items: { activityId: string; links: ActivityLinks }[]) {
  const organisers = items.flatMap(({ activityId, links }) => links.organiserIds.map((institution_id) => ({ activity_id: activityId, institution_id })));
  const participants = items.flatMap(({ activityId, links }) =>
    links.participants.map((p) => ({ activity_id: activityId, person_id: p.personId, institution_id: p.institutionId, role: p.role })),
  );
  const counts = items.flatMap(({ activityId, links }) =>
    links.counts.filter((c) => c.count > 0).map((c) => ({ activity_id: activityId, institution_id: c.institutionId, role: c.role, count: c.count })),
  );
  for (let i = 0; i < organisers.length; i += 5000) await tx.insertInto('activity_organisers').values(organisers.slice(i, i + 5000)).execute();
  for (let i = 0; i < participants.length; i += 5000) await tx.insertInto('activity_participants').values(participants.slice(i, i + 5000)).execute();
  for (let i = 0; i < counts.length; i += 5000) await tx.insertInto('activity_counts').values(counts.slice(i, i + 5000)).execute();
}

/** The agreement's parties: id, code and names, in the agreement's order. */
export function partiesOf(db: Db | Tx, agreementId: string) {
  return db
    .selectFrom('agreement_parties as p')
    .innerJoin('institutions as i', 'i.id', 'p.institution_id')
    .select(['i.id', 'i.code', 'i.name_vi', 'i.name_en'])
    .where('p.agreement_id', '=', agreementId)
    .orderBy('p.position')
    .execute();
}

/** Institutions the caller may see, by their short codes (case-insensitive): code (upper case) → id. */
export async function institutionsByCode(db: Db | Tx, scope: TenantScope, codes: string[]) {
  if (codes.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom('institutions as i')
    .select(['i.id', 'i.code'])
    .where(sql<boolean>`upper(i.code) = ANY(${codes.map((c) => c.toUpperCase())}::text[])`)
    .where(scope.visible('i.id'))
    .execute();
  return new Map(rows.map((r) => [r.code.toUpperCase(), r.id]));
}

/**
 * People the caller may see (own institution's, or shared with the consortium), not archived, by e-mail, among the
 * institutions given (an agreement's parties): e-mail (lower case) → the ids of the people with it.
 */
export async function peopleByEmail(db: Db | Tx, scope: TenantScope, emails: string[], institutionIds: readonly string[]) {
  const found = new Map<string, string[]>();
  if (emails.length === 0 || institutionIds.length === 0) return found;
  const rows = await db
    .selectFrom('people as p')
    .select(['p.id', sql<string>`lower(p.email::text)`.as('email')])
    .where(sql<boolean>`lower(p.email::text) = ANY(${emails.map((e) => e.toLowerCase())}::text[])`)
    .where('p.institution_id', '=', sql<string>`ANY(${[...institutionIds]}::uuid[])`)
    .where('p.archived_at', 'is', null)
    .where(scope.ownOrShared('p.institution_id', sql`p.visibility = 'consortium'`))
    .execute();
  for (const r of rows) found.set(r.email, [...(found.get(r.email) ?? []), r.id]);
  return found;
}
