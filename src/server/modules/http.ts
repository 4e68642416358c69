import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ErrorResponse } from '../../contracts/common.ts';
import { AppError } from '../platform/errors.ts';

// The error responses of the API, for the OpenAPI document: one shape (`{ error: { code, message, details? },
// requestId }`), the message in the caller's language, described and exemplified per status.
const REQUEST_ID = '5f0c7a1e-3b2d-4c8e-9a61-2d7e4b9c0f13';
const errorOf = (description: string, code: string, message: string, details?: Record<string, unknown>) =>
  ErrorResponse.describe(description).meta({ examples: [{ error: { code, message, ...(details ? { details } : {}) }, requestId: REQUEST_ID }] });

/** The error responses every API route may give. */
export const errorResponses = {
  400: errorOf('Invalid input: `error.details.fields` names each field and the reason', 'validation_failed', 'The data is not valid. Name (English) is required.', {
    fields: [{ field: 'nameEn', code: 'required', message: 'Name (English) is required.' }],
  }),
  401: errorOf('Not signed in (no valid session or API token)', 'unauthenticated', 'Please sign in to continue.'),
  403: errorOf(
    'Signed in, but not allowed to do this (or a cookie session sent a write without its `X-CSRF-Token`)',
    'forbidden',
    'You are not allowed to do this.',
  ),
  404: errorOf('Not found, or not visible to the caller (records of other institutions are never confirmed)', 'not_found', 'Agreement not found.'),
  409: errorOf('Conflict: a stale `version`, a duplicate, or a state that does not allow this', 'version_conflict', 'Someone else changed this record (current version: 3). Reload and make your change again.', {
    current: { id: '0b6f1c2e-8d4a-4f3b-9e21-7c5d3a9b1e40', version: 3 },
    yourVersion: 2,
  }),
} as const;

/** For routes that take a request body: too large (`BODY_LIMIT_BYTES`, 20 MiB for documents) or not JSON. */
export const bodyErrorResponses = {
  413: errorOf('The request body is too large', 'payload_too_large', 'The request is too large (at most 1 MiB).'),
  415: errorOf('Unsupported content type (send `application/json`, or `multipart/form-data` for uploads)', 'unsupported_media_type', 'This content type is not supported.'),
} as const;

/** For routes that count attempts (failed sign-ins, password reset requests). */
export const rateLimitedResponses = {
  429: errorOf('Too many attempts from this address or for this e-mail; try again later', 'rate_limited', 'Too many failed sign-ins. Try again in 15 minutes.'),
} as const;

/**
 * A 200 answer of file bytes (not JSON), in one of these content types. Typed `any` for the handler, which sends
 * a Buffer or a stream (Fastify never serializes those); documented as a binary string.
 */
export const binaryResponse = (description: string, contentTypes: string[]) => ({
  description,
  content: Object.fromEntries(contentTypes.map((type) => [type, { schema: z.any().meta({ type: 'string', format: 'binary' }) }])),
});

/**
 * Sends a generated file to download: its content type, `attachment` under its name, no type sniffing;
 * `cacheControl` for a file no cache may keep (reports, guests' personal data).
 */
export function sendFile(reply: FastifyReply, contentType: string, file: { body: Buffer; fileName: string }, cacheControl?: string) {
  reply
    .header('content-type', contentType)
    .header('content-disposition', `attachment; filename="${file.fileName}"`)
    .header('x-content-type-options', 'nosniff');
  if (cacheControl) reply.header('cache-control', cacheControl);
  return reply.send(file.body);
}

/**
 * A request body's example, for the OpenAPI document. zod leaves `examples` out of a request schema that
 * transforms its input (trimmed text that becomes null, …), so the example travels as @fastify/swagger's
 * `x-examples`, which becomes the media type's `examples`.
 */
export const requestExample = (value: unknown) => ({ 'x-examples': { example: { summary: 'From the demo data', value } } });

/**
 * The text fields of a multipart form, read before its file (`fields` of the file part; `fileField` left out). A
 * field cut at the parser's size limit (app.ts: 64 KiB) is refused (413 naming it), never read truncated.
 */
export function formFields(fields: Record<string, unknown>, fileField: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, f] of Object.entries(fields)) {
    const one = (Array.isArray(f) ? f[0] : f) as { value?: unknown; valueTruncated?: boolean } | undefined;
    if (!one || name === fileField || !('value' in one)) continue;
    if (one.valueTruncated) {
      throw new AppError('payload_too_large', { params: { limit: '64 KiB' }, fields: [{ field: name, code: 'too_big', params: { maximum: '64 KiB' } }] });
    }
    out[name] = String(one.value);
  }
  return out;
}

/** An import form's upload (activities, exams): its text fields (`mode`), the file's name and its bytes as a stream. */
export interface ImportUpload {
  fields: Record<string, string>;
  fileName: string;
  stream: Readable;
}

/**
 * Reads an import form (`mode`, then `file`) up to the file, which stays a stream for the service; undefined without a
 * file. 415 for a request that is not multipart; a form the client broke is a 400 naming `body`; a file over `maxBytes`
 * keeps the parser's 413.
 */
export async function readImportUpload(req: FastifyRequest, maxBytes: number): Promise<ImportUpload | undefined> {
  if (!req.isMultipart()) throw new AppError('unsupported_media_type');
  let part: Awaited<ReturnType<typeof req.file>>;
  try {
    part = await req.file({ limits: { fileSize: maxBytes + 1, files: 1 } });
  } catch (err) {
    // Errors with a status (too large, too many parts) keep it; the parser's own are a broken form.
    if (typeof (err as { statusCode?: unknown }).statusCode === 'number') throw err;
    throw new AppError('validation_failed', { fields: [{ field: 'body', code: 'invalid_format' }] });
  }
  if (!part) return undefined;
  let fields: Record<string, string>;
  try {
    fields = formFields(part.fields, part.fieldname);
  } catch (err) {
    part.file.resume();
    throw err;
  }
  return { fields, fileName: part.filename || 'file', stream: part.file };
}

/** The import form (`mode`, then `file`), for the OpenAPI document: the service checks the fields (they come from a stream). */
export function importFormSchema(mode: z.ZodType, limits: string) {
  const form = z.object({
    mode: mode.optional().describe('`preview` (the default) saves nothing; `all` saves every row or none; `valid-only` the valid rows'),
    file: z.string().meta({ format: 'binary' }).describe(`The XLSX or CSV file (${limits}), last (after \`mode\`)`),
  });
  const { $schema: _, ...json } = z.toJSONSchema(form, { io: 'input' });
  return json;
}
