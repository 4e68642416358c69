import { z } from 'zod';

// Building blocks shared by every contract. Messages are not set here: the server turns each zod
// issue into a localized message naming the field (see platform/validation.ts).
//
// Every request field is built from these blocks, so that what PostgreSQL cannot store or compare is
// refused here, as a 400 naming the field, and never reaches the database as a 500:
// - text never contains NUL (`\u0000`; PostgreSQL text cannot hold it) nor half of a UTF-16 surrogate
//   pair (it cannot be encoded; it would be stored as U+FFFD) → code `no_nul`;
// - integers fit the int4 columns they are stored in or compared with;
// - calendar dates are real dates with a year between STORABLE_MIN_YEAR and STORABLE_MAX_YEAR → code
//   `date_range`. The server narrows dates users enter to the configured DATE_MIN_YEAR–DATE_MAX_YEAR (by
//   default 1990–2100; platform/config.ts, engines/agreements/date-rules.ts), which the web reads from /me.
// A refinement's own code travels in `params.code` (validation.ts reads it).

/** The smallest and largest PostgreSQL `integer` (int4). */
export const INT4_MIN = -2_147_483_648;
export const INT4_MAX = 2_147_483_647;
/** Calendar dates (agreement dates, targets, filters) must fall within these years to be accepted at all. */
export const STORABLE_MIN_YEAR = 1900;
export const STORABLE_MAX_YEAR = 2200;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const noNul = (value: string) => !value.includes('\u0000') && !LONE_SURROGATE.test(value);
const NO_NUL = { params: { code: 'no_nul' }, abort: true } as const;

/** Text as sent (not trimmed): no NUL, at most `max` characters. */
export const Text = (max = 300) => z.string().refine(noNul, NO_NUL).max(max);
/** Text trimmed of surrounding white space: no NUL, at most `max` characters. */
export const TrimmedText = (max = 300) => z.string().refine(noNul, NO_NUL).trim().max(max);
/** Text that must match a pattern (codes, keys, phone numbers); trimmed, no NUL. */
export const Pattern = (pattern: RegExp, max = 300) => TrimmedText(max).regex(pattern);
/** A search query (`?q=`): trimmed, no NUL, at most `max` characters. */
export const SearchQuery = (max = 200) => TrimmedText(max).optional();
/** A secret the user types or a link carries (passwords, tokens): not trimmed, no NUL. */
export const Secret = (min: number, max = 200) => z.string().refine(noNul, NO_NUL).min(min).max(max);

/** Required text: trimmed, not empty, no NUL. */
export const nonEmpty = (max = 300) => z.string().refine(noNul, NO_NUL).trim().min(1).max(max);
/** Optional text: trimmed, no NUL; empty becomes null. */
export const optionalText = (max = 300) =>
  TrimmedText(max)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();

/** An integer stored in or compared with an int4 column (narrow it further with `.min()` / `.max()`). */
export const Int32 = z.int().min(INT4_MIN).max(INT4_MAX);
/** A positive int4: versions, version numbers, counts the user chooses. */
export const PositiveInt32 = Int32.min(1);
/** An int4 from a path or query string ("12"). */
export const Int32Param = z.coerce.number().int().min(INT4_MIN).max(INT4_MAX);
/** A positive int4 from a path or query string. */
export const PositiveInt32Param = Int32Param.min(1);

/** An amount (commitments, targets): positive, finite, at most 1e9; kept in JSON and `numeric`, so not int4. */
export const Quantity = z.number().positive().max(1e9);

const inDateRange = (value: string) => {
  if (!/^\d{4}-\d\d-\d\d$/.test(value)) return true; // the format check speaks for it
  const year = Number(value.slice(0, 4));
  return year >= STORABLE_MIN_YEAR && year <= STORABLE_MAX_YEAR;
};
/**
 * YYYY-MM-DD, a real calendar date (no 30 February) with a year between STORABLE_MIN_YEAR and STORABLE_MAX_YEAR;
 * dates users enter are further held to the configured DATE_MIN_YEAR–DATE_MAX_YEAR by the server.
 */
export const IsoDate = z.iso
  .date()
  .refine(inDateRange, { params: { code: 'date_range', minimum: STORABLE_MIN_YEAR, maximum: STORABLE_MAX_YEAR } })
  .describe(`A calendar date, YYYY-MM-DD, years ${STORABLE_MIN_YEAR}–${STORABLE_MAX_YEAR} (dates of agreements: the server's DATE_MIN_YEAR–DATE_MAX_YEAR, by default 1990–2100)`);

export const Uuid = z.uuid();
export const Language = z.enum(['vi', 'en']);
export const Version = PositiveInt32.describe('The version the edit is based on; a stale one answers 409');

export const Email = z.string().refine(noNul, NO_NUL).trim().toLowerCase().pipe(z.email()).pipe(z.string().max(254));
/** A web address (http or https only: never `javascript:`), at most 300 characters, no NUL. */
export const WebUrl = z.url({ protocol: /^https?$/ }).max(300).refine(noNul, NO_NUL);

/** A two-letter country code filter (`?country=vn`). */
export const CountryFilter = TrimmedText(2).toUpperCase().length(2).optional();

export const PageQuery = z.object({
  limit: Int32Param.min(1).max(200).default(50),
  cursor: Text(500).optional().describe('Opaque cursor from the previous page'),
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
