import { type Insertable, sql } from 'kysely';
import type { Db, Tx } from '../../../platform/db.ts';
import type { Database } from '../../../platform/db-schema.ts';

// The parties' approvals of a version's content hash: recorded once per party and hash, voided by an edit.

export function approvalsWithVersions(db: Db | Tx, agreementId: string) {
  return db
    .selectFrom('agreement_approvals as ap')
    .innerJoin('institutions as i', 'i.id', 'ap.institution_id')
    .innerJoin('agreement_versions as v', (j) => j.onRef('v.agreement_id', '=', 'ap.agreement_id').onRef('v.version_no', '=', 'ap.version_no'))
    .select([
      'ap.id',
      'ap.institution_id',
      'i.code as institution_code',
      'ap.version_no',
      'ap.content_hash',
      'ap.approved_by',
      'ap.approved_by_label',
      'ap.approved_at',
      'ap.voided_at',
      'ap.voided_by_version',
      'ap.void_reason',
      'v.content as version_content',
      'v.content_hash as version_hash',
    ])
    .where('ap.agreement_id', '=', agreementId)
    .orderBy('ap.approved_at')
    .execute();
}

/** Records a party's approval; undefined when the party already approves this hash. */
export async function insertApproval(tx: Tx, values: Insertable<Database['agreement_approvals']>): Promise<string | undefined> {
  const row = await tx
    .insertInto('agreement_approvals')
    .values(values)
    .onConflict((oc) => oc.columns(['agreement_id', 'institution_id', 'content_hash']).where('voided_at', 'is', null).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export async function insertApprovals(tx: Tx, values: Insertable<Database['agreement_approvals']>[]) {
  if (values.length > 0) await tx.insertInto('agreement_approvals').values(values).execute();
}

/** The institutions whose approval of this hash stands. */
export async function approvingInstitutions(tx: Tx, agreementId: string, hash: string): Promise<Set<string>> {
  const rows = await tx
    .selectFrom('agreement_approvals')
    .select('institution_id')
    .where('agreement_id', '=', agreementId)
    .where('content_hash', '=', hash)
    .where('voided_at', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.institution_id));
}

/** Voids every standing approval (an edit made them about other content); how many. */
export async function voidApprovals(tx: Tx, agreementId: string, byVersion: number): Promise<number> {
  const rows = await tx
    .updateTable('agreement_approvals')
    .set({ voided_at: sql`now()`, voided_by_version: byVersion })
    .where('agreement_id', '=', agreementId)
    .where('voided_at', 'is', null)
    .returning('id')
    .execute();
  return rows.length;
}

export async function markFullyApproved(tx: Tx, id: string) {
  await tx.updateTable('agreements').set({ fully_approved_at: sql`now()`, updated_at: sql`now()` }).where('id', '=', id).execute();
}
