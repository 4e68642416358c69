import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { performance } from 'node:perf_hooks';

// A small HTTP client for the reliability parts: keep-alive connections per app process, any method, JSON or
// multipart bodies, the answer's status, body and time. Cookie sessions as the web app holds them: the
// `hoptac_session` cookie from POST /auth/login and the CSRF token it answers, sent as X-CSRF-Token on writes.

export interface Answer {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
  ms: number;
  /** Set when the request failed before an answer (connection refused, reset, timeout). */
  error?: string;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  timeoutMs?: number;
}

const agents = new Map<string, http.Agent>();
function agentFor(base: string): http.Agent {
  let a = agents.get(base);
  if (!a) {
    a = new http.Agent({ keepAlive: true, maxSockets: 64, maxFreeSockets: 64 });
    agents.set(base, a);
  }
  return a;
}
/** Closes the keep-alive connections (at the end of a run, so the process can exit). */
export function closeAgents(): void {
  for (const a of agents.values()) a.destroy();
  agents.clear();
}

export function request(base: string, path: string, o: RequestOptions = {}): Promise<Answer> {
  const url = new URL(path, base);
  const timeoutMs = o.timeoutMs ?? 30_000;
  return new Promise<Answer>((resolve) => {
    const t0 = performance.now();
    const headers: Record<string, string | number> = { connection: 'keep-alive', ...o.headers };
    if (o.body !== undefined) headers['content-length'] = Buffer.byteLength(o.body);
    const req = http.request(url, { agent: agentFor(base), method: o.method ?? 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers, ms: performance.now() - t0 }),
      );
      res.on('error', (e) => resolve({ status: 0, body: '', headers: {}, ms: performance.now() - t0, error: String(e) }));
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
    req.on('error', (e) => resolve({ status: 0, body: '', headers: {}, ms: performance.now() - t0, error: `${e.message} ${o.method ?? 'GET'} ${url.pathname}` }));
    if (o.body !== undefined) req.write(o.body);
    req.end();
  });
}

/** The bytes of a binary answer (file downloads), with status and headers. */
export function download(base: string, path: string, headers: Record<string, string>): Promise<{ status: number; bytes: Buffer; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(path, base), { agent: agentFor(base), headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes: Buffer.concat(chunks), headers: res.headers }));
      res.on('error', reject);
    });
    req.setTimeout(60_000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

export interface Session {
  email: string;
  cookie: string;
  csrf: string;
  userId: string;
  institutionId: string;
  institutionCode: string;
  personId: string | null;
  roles: string[];
}

export const DEMO_PASSWORD = 'hoptac-demo';

/** POST /api/v1/auth/login; the answer with the session it started (undefined session when not 200). */
export async function login(base: string, email: string, password = DEMO_PASSWORD): Promise<{ answer: Answer; session?: Session }> {
  const answer = await request(base, '/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (answer.status !== 200) return { answer };
  const me = JSON.parse(answer.body);
  const setCookie = answer.headers['set-cookie'] ?? [];
  const cookie = setCookie.map((c) => c.split(';')[0]).find((c) => c.startsWith('hoptac_session=')) ?? '';
  return {
    answer,
    session: {
      email,
      cookie,
      csrf: me.csrfToken,
      userId: me.user.id,
      institutionId: me.institution.id,
      institutionCode: me.institution.code,
      personId: me.user.personId,
      roles: me.roles,
    },
  };
}

/** Signs in or throws, naming the account. */
export async function mustLogin(base: string, email: string): Promise<Session> {
  const { answer, session } = await login(base, email);
  if (!session) throw new Error(`login ${email} on ${base}: HTTP ${answer.status} ${answer.error ?? answer.body.slice(0, 300)}`);
  return session;
}

export const readHeaders = (s: Session): Record<string, string> => ({ cookie: s.cookie, 'accept-language': 'en' });
export const writeHeaders = (s: Session): Record<string, string> => ({
  cookie: s.cookie,
  'x-csrf-token': s.csrf,
  'content-type': 'application/json',
  'accept-language': 'en',
});

/** GET as the session; throws unless 200; the parsed JSON. */
export async function getJson<T = unknown>(base: string, path: string, s: Session): Promise<T> {
  const a = await request(base, path, { headers: readHeaders(s) });
  if (a.status !== 200) throw new Error(`GET ${path} as ${s.email}: HTTP ${a.status} ${a.error ?? a.body.slice(0, 300)}`);
  return JSON.parse(a.body) as T;
}

/** A multipart/form-data body: text fields, then one file part (as a browser sends the upload form). */
export function multipart(fields: Record<string, string>, file: { name: string; type: string; bytes: Buffer }): { body: Buffer; contentType: string } {
  const boundary = `----hoptacReliability${randomBytes(12).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  parts.push(
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
