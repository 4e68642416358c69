import { sql } from 'kysely';
import type { Db, Tx } from '../../../platform/db.ts';
import type { AgreementRow } from './visible-agreements.ts';

// An agreement's status over its life: transitions, the signed copy, renewal, and what the daily job
// (lifecycle-job.ts) reads and records as the system.

/** The agreement's row, locked, by id: for the system (the daily job), which has no scope. */
export function lockAgreementById(tx: Tx, id: string) {
  return tx.selectFrom('agreements').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
}

/** A new status; `touch` also bumps `updated_at` (lists sorted by last change). */
export async function setStatus(
  tx: Tx,
  id: string,
  change: { status: AgreementRow['status']; at: Date; reason?: string | null; noticeDate?: string | null; touch?: boolean },
) {
  await tx
    .updateTable('agreements')
    .set({
      status: change.status,
      status_changed_at: change.at,
      ...(change.reason !== undefined ? { status_reason: change.reason } : {}),
      ...(change.noticeDate !== undefined ? { notice_date: change.noticeDate } : {}),
      ...(change.touch ? { updated_at: sql`now()` } : {}),
    })
    .where('id', '=', id)
    .execute();
}

export async function setSignedDocument(tx: Tx, id: string, documentId: string) {
  await tx.updateTable('agreements').set({ signed_document_id: documentId, updated_at: sql`now()` }).where('id', '=', id).execute();
}

/** The predecessor is renewed: it names its successor. */
export async function markRenewed(tx: Tx, predecessorId: string, successorId: string, at: Date) {
  await tx
    .updateTable('agreements')
    .set({ status: 'renewed', successor_id: successorId, status_changed_at: at, updated_at: sql`now()` })
    .where('id', '=', predecessorId)
    .execute();
}

/** A successor that is in force at once (automatic renewal): active, approved, signed by the predecessor's copy. */
export async function activateRenewal(tx: Tx, id: string, at: Date, signedDocumentId: string | null) {
  await tx
    .updateTable('agreements')
    .set({ status: 'active', fully_approved_at: at, signed_document_id: signedDocumentId, status_changed_at: at })
    .where('id', '=', id)
    .execute();
}

/** The agreement started as this one's successor, if any (at most one: agreements_one_successor). */
export async function successorOf(db: Db | Tx, predecessorId: string): Promise<string | undefined> {
  const row = await db.selectFrom('agreements').select('id').where('predecessor_id', '=', predecessorId).executeTakeFirst();
  return row?.id;
}

/** Agreements whose status may follow from the date (awaiting approval, active, expiring). */
export function agreementsWithDatedStatus(db: Db) {
  return db.selectFrom('agreements').select(['id', 'status', 'end_date']).where('status', 'in', ['awaiting_approval', 'active', 'expiring']).execute();
}

export function statusAndEnd(tx: Tx, id: string) {
  return tx.selectFrom('agreements').select(['status', 'end_date']).where('id', '=', id).executeTakeFirstOrThrow();
}

/** Records these reminders as sent; the kinds that were not recorded before. */
export async function recordReminders(tx: Tx, agreementId: string, kinds: string[]): Promise<string[]> {
  if (kinds.length === 0) return [];
  const rows = await tx
    .insertInto('agreement_reminders')
    .values(kinds.map((kind) => ({ agreement_id: agreementId, kind })))
    .onConflict((oc) => oc.columns(['agreement_id', 'kind']).doNothing())
    .returning('kind')
    .execute();
  return rows.map((r) => r.kind);
}
