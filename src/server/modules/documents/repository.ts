import { type Insertable, sql } from 'kysely';
import type { TenantScope } from '../../platform/access.ts';
import type { Database } from '../../platform/db-schema.ts';
import type { Db, Tx } from '../../platform/db.ts';

// Every query of the documents module. The lookups for a caller take the caller's TenantScope: a document is
// seen through its agreement (TenantScope.agreementVisible), a file through an agreement it is attached to or
// because the caller's institution uploaded it.

/** Every revision of every document of the agreement, newest first, when the scope may see the agreement. */
export function listDocuments(db: Db | Tx, scope: TenantScope, agreementId: string) {
  return db
    .selectFrom('agreement_documents as d')
    .innerJoin('agreements as a', 'a.id', 'd.agreement_id')
    .innerJoin('files as f', 'f.id', 'd.file_id')
    .select(['d.id', 'd.document_key', 'd.revision', 'd.kind', 'd.title', 'd.file_id', 'd.uploaded_by_label', 'd.created_at', 'f.sha256', 'f.size_bytes', 'f.mime_type', 'f.original_name'])
    .where('d.agreement_id', '=', agreementId)
    .where(scope.agreementVisible('a'))
    .orderBy('d.created_at', 'desc')
    .execute();
}

/** The latest revision of the agreement's document `documentKey`; undefined when there is no such document. */
export async function lastRevision(tx: Tx, agreementId: string, documentKey: string): Promise<number | undefined> {
  const row = await tx
    .selectFrom('agreement_documents')
    .select(sql<number | null>`max(revision)::int`.as('r'))
    .where('agreement_id', '=', agreementId)
    .where('document_key', '=', documentKey)
    .executeTakeFirst();
  return row?.r ?? undefined;
}

export async function insertFile(tx: Tx, values: Insertable<Database['files']>): Promise<string> {
  const { id } = await tx.insertInto('files').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function insertDocument(tx: Tx, values: Insertable<Database['agreement_documents']>): Promise<string> {
  const { id } = await tx.insertInto('agreement_documents').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** The agreements the file is attached to (the service asks the agreements module which of them the caller reads). */
export async function agreementIdsOfFile(db: Db | Tx, fileId: string): Promise<string[]> {
  const rows = await db.selectFrom('agreement_documents').select('agreement_id').distinct().where('file_id', '=', fileId).execute();
  return rows.map((r) => r.agreement_id);
}

/** A stored file, if the scope's institution uploaded it or it is attached to an agreement the scope may see. */
export function findReadableFile(db: Db | Tx, scope: TenantScope, fileId: string) {
  return db
    .selectFrom('files as f')
    .selectAll('f')
    .where('f.id', '=', fileId)
    .where((eb) =>
      eb.or([
        eb('f.institution_id', '=', scope.institutionId),
        eb.exists(
          eb
            .selectFrom('agreement_documents as d')
            .innerJoin('agreements as a', 'a.id', 'd.agreement_id')
            .select('d.id')
            .whereRef('d.file_id', '=', 'f.id')
            .where(scope.agreementVisible('a')),
        ),
      ]),
    )
    .executeTakeFirst();
}
