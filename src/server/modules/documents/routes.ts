import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DocumentKind } from '../../../contracts/agreements.ts';
import { IdParams, TrimmedText, Uuid } from '../../../contracts/common.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { errorResponses } from '../http.ts';
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
  file: z.string().meta({ format: 'binary' }).describe('The file, last (after the other fields)'),
});
const { $schema: _, ...uploadFormJson } = z.toJSONSchema(UploadForm, { io: 'input' });

/** A multipart stream the client broke (no boundary, cut short, bad part headers): the request's fault. */
const brokenForm = () => new AppError('validation_failed', { fields: [{ field: 'body', code: 'invalid_format' }] });

export function documentRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/agreements/:id/documents', {
    schema: { tags: ['agreements'], summary: 'Documents of an agreement, every revision', params: IdParams, response: { 200: z.object({ items: z.array(AgreementDocument) }), ...errorResponses } },
    handler: (req) => service.listDocuments(deps, req.ctx, req.params.id),
  });
  r.post('/api/v1/agreements/:id/documents', {
    schema: {
      tags: ['agreements'],
      summary: 'Attach a document (multipart/form-data: kind, title, documentKey for a new revision, then file; at most 20 MiB; PDF, DOCX, XLSX, PNG, JPEG)',
      consumes: ['multipart/form-data'],
      params: IdParams,
      // Documents the form only: the multipart parser leaves the body empty and the service checks the fields.
      body: z.unknown().optional().meta(uploadFormJson),
      response: { 201: AgreementDocument, ...errorResponses },
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
        const field = (name: string) => {
          const f = part.fields[name];
          const one = Array.isArray(f) ? f[0] : f;
          return one && 'value' in one ? String(one.value) : undefined;
        };
        return { kind: field('kind'), title: field('title'), documentKey: field('documentKey'), fileName: part.filename || 'file', stream: part.file };
      });
      return reply.status(201).send(doc);
    },
  });
  r.get('/api/v1/files/:id/content', {
    schema: { tags: ['agreements'], summary: 'Download or preview a file (PDFs open inline)', params: IdParams },
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
