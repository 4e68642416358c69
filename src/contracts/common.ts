import { z } from 'zod';

// Building blocks shared by every contract. Messages are not set here: the server turns each zod
// issue into a localized message naming the field (see platform/validation.ts).
export const Uuid = z.uuid();
export const Language = z.enum(['vi', 'en']);
export const Version = z.int().min(1).describe('The version the edit is based on; a stale one answers 409');

export const nonEmpty = (max = 300) => z.string().trim().min(1).max(max);
export const optionalText = (max = 300) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();

export const Email = z.string().trim().toLowerCase().pipe(z.email()).pipe(z.string().max(254));

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional().describe('Opaque cursor from the previous page'),
});

export const page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: z.string().nullable(),
  });

export const IdParams = z.object({ id: Uuid });

export const ErrorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
  requestId: z.string(),
});

export const Ok = z.object({ ok: z.literal(true) });
