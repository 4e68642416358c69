import { sql } from 'kysely';
import type { Db, Tx } from '../../../platform/db.ts';

// Evidence (documents of kind `evidence`, 0016).

export async function linkEvidence(tx: Tx, activityId: string, documentId: string) {
  await tx.insertInto('activity_evidence').values({ activity_id: activityId, document_id: documentId }).execute();
}

/** The evidence of these activities: each document's latest revision for the link, with its file. */
export function evidenceOf(db: Db | Tx, activityIds: string[]) {
  if (activityIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('activity_evidence as e')
    .innerJoin('agreement_documents as d', 'd.id', 'e.document_id')
    .innerJoin('files as f', 'f.id', 'd.file_id')
    .select(['e.activity_id', 'd.id as document_id', 'd.title', 'd.file_id', 'f.original_name', 'f.mime_type', 'f.size_bytes', 'd.created_at'])
    .where('e.activity_id', '=', sql<string>`ANY(${activityIds}::uuid[])`)
    .orderBy('d.created_at')
    .execute();
}
