import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { sql } from 'kysely';
import { tenantScope } from '../../platform/access.ts';
import { requireActor, requireScope, type RequestContext } from '../../platform/context.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { AppError, type FieldIssue, notFound } from '../../platform/errors.ts';
import { FileTooLargeError, sniffMime } from '../../platform/files.ts';
import { applyDueStatus, auditAgreement } from '../agreements/service.ts';
import { dispatchMail } from '../notifications/service.ts';

// Documents attached to an agreement (signed PDF, annexes, minutes): each upload of the same document
// is a new revision; the file itself is content-addressed and its SHA-256 is the recorded checksum.
export const DOCUMENT_KINDS = ['signed', 'annex', 'minutes', 'other'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const ZIP_TYPES: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

async function partyAgreement(deps: AppDeps, ctx: RequestContext, agreementId: string) {
  const row = await deps.db
    .selectFrom('agreements as a')
    .select(['a.id', 'a.owner_institution_id'])
    .where('a.id', '=', agreementId)
    .where(tenantScope(ctx).agreementVisible('a'))
    .executeTakeFirst();
  if (!row) throw notFound('agreement');
  return row;
}

export async function listDocuments(deps: AppDeps, ctx: RequestContext, agreementId: string) {
  requireScope(ctx, 'agreements:read');
  await partyAgreement(deps, ctx, agreementId);
  const rows = await deps.db
    .selectFrom('agreement_documents as d')
    .innerJoin('files as f', 'f.id', 'd.file_id')
    .select(['d.id', 'd.document_key', 'd.revision', 'd.kind', 'd.title', 'd.file_id', 'd.uploaded_by_label', 'd.created_at', 'f.sha256', 'f.size_bytes', 'f.mime_type', 'f.original_name'])
    .where('d.agreement_id', '=', agreementId)
    .orderBy('d.created_at', 'desc')
    .execute();
  return {
    items: rows.map((d) => ({
      id: d.id,
      documentKey: d.document_key,
      revision: d.revision,
      kind: d.kind as DocumentKind,
      title: d.title,
      fileId: d.file_id,
      sha256: d.sha256,
      sizeBytes: Number(d.size_bytes),
      mimeType: d.mime_type,
      fileName: d.original_name,
      uploadedBy: d.uploaded_by_label,
      createdAt: new Date(d.created_at).toISOString(),
    })),
  };
}

export interface UploadInput {
  kind: string | undefined;
  title: string | undefined;
  documentKey: string | undefined;
  fileName: string;
  stream: Readable;
}

export async function uploadDocument(deps: AppDeps, ctx: RequestContext, agreementId: string, input: () => Promise<UploadInput | undefined>) {
  const actor = requireScope(ctx, 'agreements:write');
  await partyAgreement(deps, ctx, agreementId);
  const parties = await deps.db.selectFrom('agreement_parties').select('institution_id').where('agreement_id', '=', agreementId).execute();
  if (!parties.some((p) => p.institution_id === actor.institutionId) || !actor.roles.some((r) => r === 'cooperation_officer' || r === 'institution_admin' || r === 'coordinator')) {
    throw new AppError('forbidden', { messageKey: 'errors.not_party_officer' });
  }
  const upload = await input();
  if (!upload) throw new AppError('validation_failed', { fields: [{ field: 'file', code: 'required' }] });
  // The form's fields and the file name come from the multipart stream, not through a zod contract, so
  // the same rules are applied here: no NUL (PostgreSQL cannot store it), lengths, formats.
  const issues: FieldIssue[] = [];
  const hasNul = (value: string | undefined) => value?.includes('\u0000') ?? false;
  if (hasNul(upload.kind)) issues.push({ field: 'kind', code: 'no_nul' });
  else if (!upload.kind || !(DOCUMENT_KINDS as readonly string[]).includes(upload.kind)) issues.push({ field: 'kind', code: 'invalid_value' });
  if (hasNul(upload.fileName)) issues.push({ field: 'file', code: 'no_nul' });
  const title = (upload.title ?? '').trim() || upload.fileName;
  if (hasNul(upload.title)) issues.push({ field: 'title', labelKey: 'fields.documentTitle', code: 'no_nul' });
  else if (title.length > 300) issues.push({ field: 'title', labelKey: 'fields.documentTitle', code: 'too_big', params: { maximum: 300 } });
  if (hasNul(upload.documentKey)) issues.push({ field: 'documentKey', code: 'no_nul' });
  else if (upload.documentKey && !UUID.test(upload.documentKey)) issues.push({ field: 'documentKey', code: 'invalid_format' });
  if (issues.length > 0) {
    upload.stream.resume();
    throw new AppError('validation_failed', { fields: issues });
  }
  let stored: Awaited<ReturnType<AppDeps['files']['put']>>;
  try {
    stored = await deps.files.put(upload.stream, MAX_DOCUMENT_BYTES);
  } catch (err) {
    if (err instanceof FileTooLargeError) throw new AppError('payload_too_large', { params: { limit: '20 MiB' }, fields: [{ field: 'file', code: 'too_big', params: { maximum: '20 MiB' } }] });
    // The client's stream broke (cut short, malformed part): the request's fault, not ours.
    if (upload.stream.errored) throw new AppError('validation_failed', { fields: [{ field: 'file', code: 'invalid_format' }] });
    throw err;
  }
  const sniffed = sniffMime(stored.head);
  const ext = upload.fileName.toLowerCase().split('.').pop() ?? '';
  const mime = sniffed === 'application/zip' ? ZIP_TYPES[ext] : sniffed;
  if (!mime) throw new AppError('unsupported_media_type', { messageKey: 'errors.file_type', fields: [{ field: 'file', code: 'file_type' }] });
  if (upload.kind === 'signed' && mime !== 'application/pdf') {
    throw new AppError('validation_failed', { fields: [{ field: 'file', code: 'pdf_required' }] });
  }
  const mailIds = await deps.db.transaction().execute(async (tx) => {
    await tx.selectFrom('agreements').select('id').where('id', '=', agreementId).forUpdate().execute();
    let documentKey = upload.documentKey ?? randomUUID();
    let revision = 1;
    if (upload.documentKey) {
      const last = await tx
        .selectFrom('agreement_documents')
        .select(sql<number>`max(revision)::int`.as('r'))
        .where('agreement_id', '=', agreementId)
        .where('document_key', '=', upload.documentKey)
        .executeTakeFirst();
      if (!last?.r) throw new AppError('validation_failed', { fields: [{ field: 'documentKey', code: 'unknown_reference' }] });
      revision = last.r + 1;
    } else documentKey = documentKey.toLowerCase();
    const file = await tx
      .insertInto('files')
      .values({ institution_id: actor.institutionId, sha256: stored.sha256, size_bytes: stored.size, mime_type: mime, original_name: upload.fileName.slice(0, 300), uploaded_by: actor.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    const doc = await tx
      .insertInto('agreement_documents')
      .values({ agreement_id: agreementId, document_key: documentKey, revision, kind: upload.kind!, title, file_id: file.id, institution_id: actor.institutionId, uploaded_by_label: actor.label })
      .returning('id')
      .executeTakeFirstOrThrow();
    await auditAgreement(tx, ctx, agreementId, { action: 'attach', after: { documentId: doc.id, kind: upload.kind, title, revision, sha256: stored.sha256, size: stored.size } });
    if (upload.kind === 'signed') {
      await tx.updateTable('agreements').set({ signed_document_id: doc.id, updated_at: sql`now()` }).where('id', '=', agreementId).execute();
      return applyDueStatus(tx, deps, ctx, agreementId, deps.clock.now());
    }
    return [];
  });
  await dispatchMail(deps, mailIds);
  return (await listDocuments(deps, ctx, agreementId)).items[0];
}

/** A stored file, if the caller may see an agreement it is attached to (or their institution uploaded it). */
export async function openFile(deps: AppDeps, ctx: RequestContext, fileId: string) {
  const actor = requireActor(ctx);
  const file = await deps.db
    .selectFrom('files as f')
    .selectAll('f')
    .where('f.id', '=', fileId)
    .where((eb) =>
      eb.or([
        eb('f.institution_id', '=', actor.institutionId),
        eb.exists(
          eb
            .selectFrom('agreement_documents as d')
            .innerJoin('agreements as a', 'a.id', 'd.agreement_id')
            .select('d.id')
            .whereRef('d.file_id', '=', 'f.id')
            .where(tenantScope(ctx).agreementVisible('a')),
        ),
      ]),
    )
    .executeTakeFirst();
  if (!file || !deps.files.has(file.sha256)) throw notFound('file');
  return { stream: deps.files.open(file.sha256), mime: file.mime_type, name: file.original_name, size: Number(file.size_bytes), sha256: file.sha256 };
}
