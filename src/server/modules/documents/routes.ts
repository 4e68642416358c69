import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DocumentKind } from '../../../contracts/agreements.ts';
import { IdParams, TrimmedText, Uuid } from '../../../contracts/common.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import * as ex from './api-examples.ts';
import { bodyErrorResponses, binaryResponse, errorResponses, formFields } from '../http.ts';
import * as service from './service.ts';

const AgreementDocument = z.object({
  id: z.uuid(),
  documentKey: z.string(),
  revision: z.int(),
  kind: DocumentKind,
  title: z.string(),
  fileId: z.uuid(),
  sha256: z.string(),
  sizeBytes: z.int(),
  mimeType: z.string(),
  fileName: z.string(),
  uploadedBy: z.string(),
  createdAt: z.string(),
});

/** The form of an upload, for the OpenAPI document; the service checks the fields (they come from a stream). */
const UploadForm = z.object({
  kind: DocumentKind,
  title: TrimmedText(300).optional().describe('Defaults to the file name'),
  documentKey: Uuid.optional().describe('The documentKey of an earlier revision, to add a new revision of it'),
  activityId: Uuid.optional().describe('With `kind: evidence` (and only then): the activity the file shows'),
  file: z.string().meta({ format: 'binary' }).describe('The file, last (after the other fields)'),
});
const { $schema: _, ...uploadFormJson } = z.toJSONSchema(UploadForm, { io: 'input' });

/** A multipart stream the client broke (no boundary, cut short, bad part headers): the request's fault. */
const brokenForm = () => new AppError('validation_failed', { fields: [{ field: 'body', code: 'invalid_format' }] });

export function documentRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/agreements/:id/documents', {
    schema: {
      operationId: 'listAgreementDocuments',
      tags: ['documents'],
      summary: 'Documents of an agreement',
      description:
        "The signed copy and working documents (annexes, minutes, other), every revision with its SHA-256. Readers of " +
        "the documents (the negotiators; a party's members once the agreement is signed); 403 for other readers, 404 " +
        "when the caller may not see the agreement.",
      params: IdParams,
      response: { 200: z.object({ items: z.array(AgreementDocument) }).meta({ examples: [ex.documentList] }), ...errorResponses },
    },
    handler: (req) => service.listDocuments(deps, req.ctx, req.params.id),
  });
  r.post('/api/v1/agreements/:id/documents', {
    schema: {
      operationId: 'uploadAgreementDocument',
      tags: ['documents'],
      summary: 'Attach a document',
      description:
        "Uploads a file as `multipart/form-data`: `kind`, `title`, `documentKey` (to add a revision of an earlier " +
        "document), then `file` (at most 20 MiB; PDF, DOCX, XLSX, PNG or JPEG, recognised from its bytes). The signed " +
        "copy (`kind: signed`) by a party's officers and admins — it can bring the agreement into force; working " +
        "documents also by coordinators; the evidence of an activity (`kind: evidence` with `activityId`) by whoever may " +
        "edit that activity (a party's recorders, the area's point of contact). 413 for a larger file, 415 for another " +
        "type or a request that is not multipart.",
      consumes: ['multipart/form-data'],
      params: IdParams,
      // Documents the form only: the multipart parser leaves the body empty and the service checks the fields.
      body: z.unknown().optional().meta(uploadFormJson),
      response: { 201: AgreementDocument.meta({ examples: [ex.agreementDocument] }), ...errorResponses, ...bodyErrorResponses },
    },
    handler: async (req, reply) => {
      const doc = await service.uploadDocument(deps, req.ctx, req.params.id, async () => {
        if (!req.isMultipart()) throw new AppError('unsupported_media_type');
        let part: Awaited<ReturnType<typeof req.file>>;
        try {
          part = await req.file({ limits: { fileSize: service.MAX_DOCUMENT_BYTES + 1, files: 1 } });
        } catch (err) {
          // Errors with a status (too large, too many parts) keep it; the parser's own are a broken form.
          throw typeof (err as { statusCode?: unknown }).statusCode === 'number' ? err : brokenForm();
        }
        if (!part) return undefined;
        let fields: Record<string, string>;
        try {
          fields = formFields(part.fields, part.fieldname);
        } catch (err) {
          part.file.resume();
          throw err;
        }
        return { kind: fields.kind, title: fields.title, documentKey: fields.documentKey, activityId: fields.activityId, fileName: part.filename || 'file', stream: part.file };
      }).catch((err) => {
        // Refused part-way through the form (a file too large, the disk full), the rest of the body is never read:
        // the connection closes after the answer, instead of waiting for it and hanging the client's next request.
        if (!req.raw.complete) reply.header('connection', 'close');
        throw err;
      });
      return reply.status(201).send(doc);
    },
  });
  r.get('/api/v1/files/:id/content', {
    schema: {
      operationId: 'downloadFile',
      tags: ['documents'],
      summary: 'Download a file',
      description:
        'The bytes of a stored file, with its type, size and `X-Content-SHA256`; PDFs and images open inline, other ' +
        'files download. Whoever may read the document it belongs to; 404 otherwise.',
      params: IdParams,
      response: { 200: binaryResponse("The file's bytes, as its type", ['application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'image/png', 'image/jpeg']), ...errorResponses },
    },
    handler: async (req, reply) => {
      const file = await service.openFile(deps, req.ctx, req.params.id);
      const inline = file.mime === 'application/pdf' || file.mime.startsWith('image/');
      reply
        .header('content-type', file.mime)
        .header('content-length', file.size)
        .header('x-content-sha256', file.sha256)
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.name)}`);
      return reply.send(file.stream);
    },
  });
}
