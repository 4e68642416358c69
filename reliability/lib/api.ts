import { performance } from 'node:perf_hooks';

// The API as the harness calls it: signed in as the demo officer (session cookie + X-CSRF-Token, as the web
// app and the benchmarks do), every answer classified — acknowledged (2xx), refused in our error shape
// (`{ error: { code, message }, requestId }`), refused otherwise, or no answer at all (connection refused or
// reset, timeout).

export const OFFICER = { email: 'officer@hust.demo.hoptac.vn', password: 'hoptac-demo' };

export interface Outcome {
  /** What was attempted (e.g. `create`, `comment`). */
  op: string;
  /** HTTP status; 0 when no answer came (network error or timeout). */
  status: number;
  /** The error code of a refusal in our shape. */
  code?: string;
  /** A refusal (status ≥ 400) whose body is not in our error shape. */
  badShape: boolean;
  /** The network error or the start of a bad body. */
  error?: string;
  /** performance.now() when the request was sent and when its answer was read. */
  sentAt: number;
  at: number;
  /** The parsed JSON of the answer, when it was JSON. */
  body?: unknown;
}

export interface Session {
  base: string;
  cookie: string;
  csrf: string;
  institutionId: string;
}

export function hasErrorShape(body: unknown): body is { error: { code: string; message: string }; requestId: string } {
  const b = body as { error?: { code?: unknown; message?: unknown }; requestId?: unknown } | null;
  return (
    typeof b === 'object' &&
    b !== null &&
    typeof b.error?.code === 'string' &&
    typeof b.error.message === 'string' &&
    b.error.message.length > 0 &&
    typeof b.requestId === 'string'
  );
}

export async function login(base: string): Promise<Session> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(OFFICER),
    signal: AbortSignal.timeout(15_000),
  });
  const me = (await res.json()) as { csrfToken: string; institution: { id: string; code: string } };
  if (res.status !== 200) throw new Error(`sign-in failed: HTTP ${res.status} ${JSON.stringify(me)}`);
  return { base, cookie: String(res.headers.get('set-cookie')).split(';')[0], csrf: me.csrfToken, institutionId: me.institution.id };
}

/** One call as the signed-in officer; never throws. */
export async function call(
  s: Session,
  op: string,
  method: string,
  path: string,
  body?: unknown,
  options: { timeoutMs?: number; lang?: string; form?: FormData } = {},
): Promise<Outcome> {
  const sentAt = performance.now();
  const headers: Record<string, string> = { cookie: s.cookie, 'accept-language': options.lang ?? 'en' };
  if (method !== 'GET') headers['x-csrf-token'] = s.csrf;
  if (body !== undefined) headers['content-type'] = 'application/json';
  try {
    const res = await fetch(`${s.base}${path}`, {
      method,
      headers,
      body: options.form ?? (body === undefined ? undefined : JSON.stringify(body)),
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    const refused = res.status >= 400;
    const shaped = refused && hasErrorShape(parsed);
    return {
      op,
      status: res.status,
      code: shaped ? (parsed as { error: { code: string } }).error.code : undefined,
      badShape: refused && !shaped,
      error: refused && !shaped ? text.slice(0, 200) : undefined,
      sentAt,
      at: performance.now(),
      body: parsed,
    };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    return { op, status: 0, badShape: false, error: `${e.name}: ${e.cause?.code ?? e.cause?.message ?? e.message}`, sentAt, at: performance.now() };
  }
}

/** GET /healthz without a session: status and body (or the network error). */
export async function health(base: string): Promise<{ status: number; body: unknown; at: number }> {
  try {
    const res = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(5000) });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: res.status, body, at: performance.now() };
  } catch (err) {
    return { status: 0, body: String((err as Error).message), at: performance.now() };
  }
}
