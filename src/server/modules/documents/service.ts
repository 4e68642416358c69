import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DocumentKind } from '../../../contracts/agreements.ts';
import { tenantScope } from '../../platform/access.ts';
import { requireActor, type RequestContext } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { AppError, type FieldIssue, notFound } from '../../platform/errors.ts';
import { FileTooLargeError, StorageFullError, sniffMime } from '../../platform/files.ts';
import {
  attachCapability,
  auditAgreement,
  canAttach,
  canRead,
  documentAgreementIds,
  notAllowedFor,
  readsNegotiationByRole,
  recordSignedCopy,
  requireAgreementParty,
  requireVisibleAgreement,
} from '../agreements/service.ts';
import { evidenceActivity, linkEvidence } from '../activities/service.ts';
import { dispatchMail } from '../notifications/service.ts';
import * as repo from './repository.ts';

// Documents attached to an agreement (signed PDF, annexes, minutes): each upload of the same document
// is a new revision; the file itself is content-addressed and its SHA-256 is the recorded checksum.
// Who may attach what is the agreements policy's (canAttach): working documents for a party's officers,
// admins and coordinators; the signed copy, which can bring the agreement into force, for its officers and
// admins only. The agreements module records the signed copy (recordSignedCopy). Evidence of an activity (kind
// `evidence`, with `activityId`) is for whoever may edit that activity (the activities module decides: a party's
// recorders and the area's point of contact) and is linked to it in the same transaction.
export const DOCUMENT_KINDS = DocumentKind.options;
export type { DocumentKind };
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const ZIP_TYPES: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export async function listDocuments(deps: AppDeps, ctx: RequestContext, agreementId: string) {
  // The parties' files (docs/agreement-visibility.md): 404 for other institutions, 403 for a party's members
  // before the agreement is signed.
  await requireVisibleAgreement(deps.db, ctx, agreementId, { part: 'documents' });
  const rows = await repo.listDocuments(deps.db, tenantScope(ctx), agreementId);
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
  activityId?: string | undefined;
  fileName: string;
  stream: Readable;
}

export async function uploadDocument(deps: AppDeps, ctx: RequestContext, agreementId: string, input: () => Promise<UploadInput | undefined>) {
  // Before reading the form: the agreement exists for the actor (404 otherwise). Who may attach what depends on the
  // kind the form names (checked below, before anything is stored).
  const agreement = await requireVisibleAgreement(deps.db, ctx, agreementId);
  const actor = requireActor(ctx);
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
  if (hasNul(upload.activityId)) issues.push({ field: 'activityId', code: 'no_nul' });
  else if (upload.activityId && !UUID.test(upload.activityId)) issues.push({ field: 'activityId', code: 'invalid_format' });
  else if (upload.kind === 'evidence' && !upload.activityId) issues.push({ field: 'activityId', code: 'required' });
  else if (upload.kind !== 'evidence' && upload.activityId) issues.push({ field: 'activityId', code: 'invalid_value' });
  if (issues.length > 0) {
    upload.stream.resume();
    throw new AppError('validation_failed', { fields: issues });
  }
  const kind = upload.kind as DocumentKind;
  const activityId = kind === 'evidence' ? (upload.activityId as string) : null;
  try {
    if (activityId) await evidenceActivity(deps.db, ctx, activityId, agreementId);
    // The signed copy is for those who act for a party (a coordinator attaches working documents only).
    else if (!canAttach(actor, agreement.party_ids, kind)) throw notAllowedFor(attachCapability(kind));
  } catch (err) {
    upload.stream.resume();
    throw err;
  }
  let stored: Awaited<ReturnType<AppDeps['files']['put']>>;
  try {
    stored = await deps.files.put(upload.stream, MAX_DOCUMENT_BYTES);
  } catch (err) {
    if (err instanceof FileTooLargeError) throw new AppError('payload_too_large', { params: { limit: '20 MiB' }, fields: [{ field: 'file', code: 'too_big', params: { maximum: '20 MiB' } }] });
    // The disk is full: ours, not the request's fault (pipeline destroyed the upload stream with the same error).
    if (err instanceof StorageFullError) throw new AppError('storage_full');
    // The client's stream broke (cut short, malformed part): the request's fault, not ours.
    if (upload.stream.errored) throw new AppError('validation_failed', { fields: [{ field: 'file', code: 'invalid_format' }] });
    throw err;
  }
  const sniffed = sniffMime(stored.head);
  const ext = upload.fileName.toLowerCase().split('.').pop() ?? '';
  const mime = sniffed === 'application/zip' ? ZIP_TYPES[ext] : sniffed;
  if (!mime) throw new AppError('unsupported_media_type', { messageKey: 'errors.file_type', fields: [{ field: 'file', code: 'file_type' }] });
  if (kind === 'signed' && mime !== 'application/pdf') {
    throw new AppError('validation_failed', { fields: [{ field: 'file', code: 'pdf_required' }] });
  }
  const { documentId, mailIds } = await inTransaction(deps.db, async (tx) => {
    // Again under the agreement's row lock: revisions are numbered one at a time, and the parties are current.
    if (activityId) {
      await requireVisibleAgreement(tx, ctx, agreementId, { lock: true });
      await evidenceActivity(tx, ctx, activityId, agreementId);
    } else await requireAgreementParty(tx, ctx, agreementId, { capability: attachCapability(kind), lock: true });
    let documentKey: string = randomUUID();
    let revision = 1;
    if (upload.documentKey) {
      const last = await repo.lastRevision(tx, agreementId, upload.documentKey);
      if (!last) throw new AppError('validation_failed', { fields: [{ field: 'documentKey', code: 'unknown_reference' }] });
      documentKey = upload.documentKey;
      revision = last + 1;
    }
    const fileId = await repo.insertFile(tx, {
      institution_id: actor.institutionId,
      sha256: stored.sha256,
      size_bytes: stored.size,
      mime_type: mime,
      original_name: upload.fileName.slice(0, 300),
      uploaded_by: actor.userId,
    });
    const documentId = await repo.insertDocument(tx, {
      agreement_id: agreementId,
      document_key: documentKey,
      revision,
      kind,
      title,
      file_id: fileId,
      institution_id: actor.institutionId,
      uploaded_by_label: actor.label,
    });
    if (activityId) await linkEvidence(tx, activityId, documentId);
    await auditAgreement(tx, ctx, agreementId, { action: 'attach', after: { documentId, kind, title, revision, sha256: stored.sha256, size: stored.size, activityId: activityId ?? undefined } });
    const mailIds = kind === 'signed' ? await recordSignedCopy(tx, deps, ctx, agreementId, documentId) : [];
    return { documentId, mailIds };
  });
  await dispatchMail(deps, mailIds);
  return (await listDocuments(deps, ctx, agreementId)).items.find((d) => d.id === documentId)!;
}

/**
 * A stored file, if the caller reads the documents of an agreement it is attached to, or their institution
 * uploaded it and they read its negotiation (docs/agreement-visibility.md); 404 otherwise.
 */
export async function openFile(deps: AppDeps, ctx: RequestContext, fileId: string) {
  const actor = requireActor(ctx);
  const file = await repo.findReadableFile(deps.db, tenantScope(ctx), fileId);
  if (!file || !canRead(actor)) throw notFound('file');
  const ownUpload = file.institution_id === actor.institutionId && readsNegotiationByRole(actor);
  if (!ownUpload && (await documentAgreementIds(deps.db, ctx, await repo.agreementIdsOfFile(deps.db, fileId))).length === 0) throw notFound('file');
  if (!deps.files.has(file.sha256)) throw notFound('file');
  return { stream: deps.files.open(file.sha256), mime: file.mime_type, name: file.original_name, size: Number(file.size_bytes), sha256: file.sha256 };
}
