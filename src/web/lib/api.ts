import { i18n } from './i18n.ts';

// The one way the web app talks to the server: JSON over /api/v1, the UI language in Accept-Language,
// the session's CSRF token on every write, and the server's error shape turned into an ApiError.

export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> | undefined,
    readonly requestId: string | undefined,
  ) {
    super(message);
  }

  get fieldProblems(): FieldProblem[] {
    const fields = this.details?.fields;
    return Array.isArray(fields) ? (fields as FieldProblem[]) : [];
  }

  /** The record as it is now on the server, sent with a 409 version_conflict. */
  get currentRecord(): Record<string, unknown> | undefined {
    const current = this.details?.current;
    return this.code === 'version_conflict' && current && typeof current === 'object' ? (current as Record<string, unknown>) : undefined;
  }
}

/** The record as it is now on the server when `error` is a 409 version_conflict; undefined otherwise. */
export function currentRecordOf(error: unknown): Record<string, unknown> | undefined {
  return error instanceof ApiError ? error.currentRecord : undefined;
}

let csrfToken: string | null = null;
export function rememberCsrfToken(token: string | null) {
  csrfToken = token;
}

export type QueryValue = string | number | boolean | null | undefined;

export function apiPath(path: string, query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `/api/v1${path}${search ? `?${search}` : ''}`;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export async function apiRequest<T>(
  method: Method,
  path: string,
  options: { query?: Record<string, QueryValue>; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': i18n.language };
  // A FormData body (file upload) is sent as multipart/form-data; the browser writes its Content-Type.
  const multipart = options.body instanceof FormData;
  if (options.body !== undefined && !multipart) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(apiPath(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : multipart ? (options.body as FormData) : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', i18n.t('common.networkError'), undefined, undefined);
  }
  const text = await response.text();
  const payload = text ? safeJson(text) : undefined;
  if (!response.ok) throw toApiError(response.status, payload);
  return payload as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toApiError(status: number, payload: unknown): ApiError {
  const body = payload as { error?: { code?: string; message?: string; details?: unknown }; requestId?: string };
  if (body?.error?.code) {
    return new ApiError(
      status,
      body.error.code,
      body.error.message ?? body.error.code,
      (body.error.details as Record<string, unknown>) ?? undefined,
      body.requestId,
    );
  }
  return new ApiError(status, 'http_error', i18n.t('common.httpError', { status }), undefined, undefined);
}

export const api = {
  get: <T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal) => apiRequest<T>('GET', path, { query, signal }),
  post: <T>(path: string, body: unknown = {}) => apiRequest<T>('POST', path, { body }),
  patch: <T>(path: string, body: unknown) => apiRequest<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => apiRequest<T>('PUT', path, { body }),
  /** multipart/form-data: text fields first, then the file (the server reads them in that order). */
  upload: <T>(path: string, form: FormData) => apiRequest<T>('POST', path, { body: form }),
  delete: <T>(path: string) => apiRequest<T>('DELETE', path),
};
