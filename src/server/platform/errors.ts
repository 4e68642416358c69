import { hasKey, translate, type Language } from '../../locales/index.ts';
import { fieldLabel as sharedFieldLabel } from '../../locales/field-label.ts';
import { validationKeys } from '../../locales/validation-keys.ts';

// One error type for everything the API refuses on purpose. The code picks the HTTP status and the
// localized message (`errors.<code>` in the locale files); details carry field-level reasons.
export const ERROR_STATUS = {
  validation_failed: 400,
  invalid_reference: 400,
  invalid_url: 400,
  bad_request: 400,
  invalid_credentials: 401,
  unauthenticated: 401,
  token_invalid: 400,
  forbidden: 403,
  csrf_invalid: 403,
  not_found: 404,
  method_not_allowed: 405,
  not_acceptable: 406,
  duplicate: 409,
  version_conflict: 409,
  conflict: 409,
  payload_too_large: 413,
  uri_too_long: 414,
  unsupported_media_type: 415,
  range_not_satisfiable: 416,
  rate_limited: 429,
  internal: 500,
  storage_full: 507,
  database_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldIssue {
  field: string;
  code: string;
  /** Locale key of the field's name when the default (by path) would be wrong, e.g. a document's title. */
  labelKey?: string;
  message?: string;
  params?: Record<string, unknown>;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly options: {
      params?: Record<string, unknown>;
      fields?: FieldIssue[];
      details?: Record<string, unknown>;
      /** Locale key to use instead of `errors.<code>`. */
      messageKey?: string;
    } = {},
  ) {
    super(code);
    this.status = ERROR_STATUS[code];
  }
}

export const notFound = (entity: string) => new AppError('not_found', { params: { entity: `entities.${entity}` } });
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
  requestId: string;
}

/** `content.areas.0.titleVi` → "Vietnamese title (Areas #1)" (locales/field-label.ts, shared with the web). */
const fieldLabel = (lang: Language, path: string) => sharedFieldLabel((key) => (hasKey(lang, key) ? translate(lang, key) : undefined), path);

export function localizeFieldIssue(lang: Language, issue: FieldIssue) {
  const { origin, inclusive, format } = (issue.params ?? {}) as { origin?: string; inclusive?: boolean; format?: string };
  const keys = validationKeys(issue.field, issue.code, { origin, inclusive, format });
  return {
    field: issue.field,
    code: issue.code,
    message:
      issue.message ??
      translate(lang, keys.find((key) => hasKey(lang, key)) ?? keys.at(-1)!, {
        ...issue.params,
        field: issue.labelKey ? translate(lang, issue.labelKey) : fieldLabel(lang, issue.field),
      }),
  };
}

export function errorBody(lang: Language, err: AppError, requestId: string): ErrorBody {
  const key = err.options.messageKey ?? `errors.${err.code}`;
  const fields = err.options.fields?.map((f) => localizeFieldIssue(lang, f));
  const message =
    fields && fields.length > 0 && err.code === 'validation_failed'
      ? `${translate(lang, key, err.options.params)} ${fields.map((f) => f.message).join(' ')}`
      : translate(lang, key, err.options.params);
  const details = fields ? { fields, ...err.options.details } : err.options.details;
  return { error: { code: err.code, message, ...(details ? { details } : {}) }, requestId };
}

// Every named constraint maps to the field a violation is about. Each module declares the constraints of
// its own tables (`CONSTRAINTS` in its repository.ts, listed in MODULES); `registerModules` hands them here.
// A constraint users cannot reach through the API (the service checks first, or only the platform writes
// the table) still names the field it protects. modules/constraints.test.ts fails on any constraint of the
// database that no module maps.
export type ConstraintFields = Record<string, string>;
const constraintFields = new Map<string, string>();

export function registerConstraintFields(fields: ConstraintFields) {
  for (const [constraint, field] of Object.entries(fields)) {
    const known = constraintFields.get(constraint);
    if (known !== undefined && known !== field) throw new Error(`constraint ${constraint} is mapped twice (${known}, ${field})`);
    constraintFields.set(constraint, field);
  }
}

const fieldOf = (constraint: string) => constraintFields.get(constraint) ?? 'request';

/** Turns a PostgreSQL constraint violation into the AppError a user can act on, or undefined. */
export function fromDatabaseError(err: unknown): AppError | undefined {
  const e = err as { code?: string; constraint?: string };
  if (e?.code === '23505' && e.constraint) {
    return new AppError('duplicate', { fields: [{ field: fieldOf(e.constraint), code: 'duplicate' }] });
  }
  if (e?.code === '23503' && e.constraint) {
    return new AppError('invalid_reference', { fields: [{ field: fieldOf(e.constraint), code: 'unknown_reference' }] });
  }
  if (e?.code === '23514' && e.constraint) {
    return new AppError('validation_failed', { fields: [{ field: fieldOf(e.constraint), code: 'check_failed' }] });
  }
  // Class 22 (data exception): a value the database cannot store or compare. The contracts' building
  // blocks (contracts/common.ts) refuse these first, naming the field; this is the last line of defence.
  const dataCode = isDataException(err) ? (DATA_EXCEPTION_CODES[e.code!] ?? 'invalid') : undefined;
  if (dataCode) return new AppError('validation_failed', { fields: [{ field: 'request', code: dataCode }] });
  return undefined;
}

/** Whether fromDatabaseError turned a data exception into a 400 (worth a warning: a contract let it through). */
export const isDataException = (err: unknown) => typeof (err as { code?: unknown })?.code === 'string' && /^22[0-9A-Z]{3}$/.test((err as { code: string }).code);

const DATA_EXCEPTION_CODES: Record<string, string> = {
  '22001': 'too_big', // string data right truncation
  '22003': 'too_big', // numeric value out of range
  '22007': 'invalid_format', // invalid datetime format
  '22008': 'invalid_format', // datetime field overflow
  '22021': 'no_nul', // character not in repertoire (NUL)
  '22P02': 'invalid_format', // invalid text representation
};

// ---- the database away
// A request the database could not serve because it is unreachable, shutting down or starting up, or because
// the connection broke under it, is not the request's fault nor a bug: it answers 503 `database_unavailable`
// with `Retry-After` (app.ts), and the next request gets a fresh connection — pg.Pool drops a client whose
// connection failed, so the app recovers by itself when the database is back.

/** Seconds a client should wait before trying again when the database is away (`Retry-After`). */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Errors of the socket under a connection: refused, reset, unreachable, timed out, unresolvable host. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'EHOSTDOWN', 'ENETUNREACH', 'ENETDOWN', 'ENOTFOUND', 'EAI_AGAIN', 'EADDRNOTAVAIL']);
/**
 * PostgreSQL's codes for a server going or not there yet: class 08 (connection exception), 57P01–57P05
 * (admin_shutdown, crash_shutdown, cannot_connect_now, database_dropped, idle_session_timeout), 53300
 * (too_many_connections).
 */
const SERVER_GONE = /^(?:08[0-9A-Z]{3}|57P0[1-5]|53300)$/;
/** What `pg` and `pg-pool` say when a connection ends, times out or is used after it broke. */
const CONNECTION_MESSAGES = [
  /^Connection terminated/, // "… unexpectedly", "… due to connection timeout"
  /^timeout exceeded when trying to connect/,
  /^Client has encountered a connection error and is not queryable/,
  /^Client was closed and is not queryable/,
  /^Cannot use a pool after calling end on the pool/,
];

/**
 * Whether `err` says the database cannot be reached, rather than that it refused the request. `pg` and Kysely
 * hand the socket's or the server's error on as it is; a network error wrapped in another (`fetch failed` of
 * the single sign-on's provider, whose `cause` is ECONNREFUSED) is not the database's and stays a 500.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const { code, message, errors } = err as { code?: unknown; message?: unknown; errors?: unknown };
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || SERVER_GONE.test(code))) return true;
  if (typeof message === 'string' && CONNECTION_MESSAGES.some((m) => m.test(message))) return true;
  // Node reports a failed connection to a name with several addresses as an AggregateError of each attempt.
  return Array.isArray(errors) && errors.length > 0 && errors.every((e) => isDatabaseUnavailable(e));
}
