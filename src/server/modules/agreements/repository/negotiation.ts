import { type Insertable, sql } from 'kysely';
import type { TenantScope } from '../../../platform/access.ts';
import type { Db, Tx } from '../../../platform/db.ts';
import type { Database } from '../../../platform/db-schema.ts';

// The parties' negotiation: comments and proposals, and each party's private note.

/** The agreement's comments and proposals, when the scope's institution is a party (else none). */
export function listComments(db: Db | Tx, scope: TenantScope, agreementId: string) {
  return db
    .selectFrom('agreement_comments as c')
    .innerJoin('agreements as a', 'a.id', 'c.agreement_id')
    .innerJoin('institutions as i', 'i.id', 'c.institution_id')
    .select(['c.id', 'c.kind', 'c.area_key', 'c.clause', 'c.body', 'c.author_user_id', 'c.author_label', 'i.code', 'c.version_no', 'c.created_at'])
    .where('c.agreement_id', '=', agreementId)
    .where(scope.agreementParty('a'))
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute();
}

export async function insertComment(tx: Tx, values: Insertable<Database['agreement_comments']>): Promise<string> {
  const { id } = await tx.insertInto('agreement_comments').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** The scope's institution's own note on the agreement (`lock`: FOR UPDATE, to save it). */
export function findNote(db: Db | Tx, scope: TenantScope, agreementId: string, options: { lock?: boolean } = {}) {
  let q = db.selectFrom('agreement_notes').selectAll().where('agreement_id', '=', agreementId).where('institution_id', '=', scope.institutionId);
  if (options.lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Writes the scope's institution's note: the first version, or the next one. */
export async function writeNote(tx: Tx, scope: TenantScope, agreementId: string, note: { body: string; version: number; userId: string | null }) {
  if (note.version === 1) {
    await tx.insertInto('agreement_notes').values({ agreement_id: agreementId, institution_id: scope.institutionId, body: note.body, updated_by: note.userId }).execute();
    return;
  }
  await tx
    .updateTable('agreement_notes')
    .set({ body: note.body, version: note.version, updated_by: note.userId, updated_at: sql`now()` })
    .where('agreement_id', '=', agreementId)
    .where('institution_id', '=', scope.institutionId)
    .execute();
}
