import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenScope } from '../../contracts/accounts.ts';
import { diffSnapshots, formatChanges, type Row, type RowChange, snapshotDatabase } from '../testing/db-snapshot.ts';
import { buildConsortium, buildPerson, buildTenant, buildUnit } from '../testing/factories.ts';
import { multipartUpload, tinyPdf } from '../testing/multipart.ts';
import { collectWalkFixtures, type WalkWorld } from '../testing/walk-fixture.ts';
import { type ApiClient, startTestApp, type TestApp } from '../testing/test-app.ts';

// Walks every route of the OpenAPI document as another institution (B) — its admin, its all-scopes API
// token, its member and its student — and anonymously, filling every uuid path parameter with each of
// institution A's record ids in turn. It fails on any leak of A's private records, on any answer but 404
// (reads) or 403/404 (writes) for A's ids, on any private route answering an anonymous caller with anything
// but 401, and on any change to the database beyond the small allow-list of B's own activity below
// (a snapshot of every table is compared before and after each pass). A last pass has B's admin edit B's
// own records with A's ids in every uuid of the body (a user's personId, a unit's parentId…): no row may
// come to point at A's records.
// New routes are covered automatically; a route whose body this file cannot build fails the test, so
// nobody can add a route that escapes the walk.
type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minimum?: number;
  minLength?: number;
  minItems?: number;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
};

/** Builds a minimal valid value for a JSON schema (only required properties). */
function sample(schema: JsonSchema, key = ''): unknown {
  const alt = schema.anyOf ?? schema.oneOf;
  if (alt) return sample(alt.find((s) => s.type !== 'null') ?? alt[0], key);
  if (schema.allOf) return sample(Object.assign({}, ...schema.allOf), key);
  if (schema.enum) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const name of schema.required ?? []) out[name] = sample(schema.properties?.[name] ?? {}, name);
      return out;
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => sample(schema.items ?? {}, key));
    case 'integer':
    case 'number':
      return key === 'version' ? 1 : Math.max(schema.minimum ?? 1, 1);
    case 'boolean':
      return false;
    default: {
      if (schema.format === 'email' || /^email$/i.test(key)) return 'walker@example.test';
      if (schema.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
      if (schema.format === 'uri') return 'https://example.test';
      if (schema.format === 'date') return '2026-01-01';
      if (schema.pattern === '^[A-Z]{2}$') return 'VN';
      if (schema.pattern) return fromPattern(schema.pattern);
      return 'walker-value-123'.slice(0, Math.max(schema.minLength ?? 1, 16));
    }
  }
}

/** A string matching a simple pattern such as `^[a-z0-9-]{1,40}$` (the first character of each range, in turn). */
function fromPattern(pattern: string): string {
  const m = /^\^\[((?:\\.|[^\]])+)\]\{(\d+)(?:,(\d*))?\}\$$/.exec(pattern);
  if (!m) return 'WALK-1';
  const [, cls, min, max] = m;
  const chars: string[] = [];
  for (let i = 0; i < cls.length; i++) {
    if (cls[i] === '\\') chars.push(cls[++i]);
    else {
      chars.push(cls[i]);
      if (cls[i + 1] === '-' && i + 2 < cls.length) i += 2; // a range: its first character stands for it
    }
  }
  const length = Math.min(Math.max(Number(min), 6), max === undefined ? Number(min) : max === '' ? Infinity : Number(max));
  return Array.from({ length }, (_, i) => chars[i % chars.length]).join('');
}

/** Whether a schema is, or holds somewhere inside it, a uuid. */
function holdsUuid(schema: JsonSchema): boolean {
  const alt = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  if (alt) return alt.some(holdsUuid);
  if (schema.format === 'uuid') return true;
  if (schema.items) return holdsUuid(schema.items);
  return Object.values(schema.properties ?? {}).some(holdsUuid);
}

/** Like `sample`, but every uuid (required or optional, at any depth) is `id`: a body that links to `id`. */
function sampleLinking(schema: JsonSchema, id: string, key = ''): unknown {
  const alt = schema.anyOf ?? schema.oneOf;
  if (alt) return sampleLinking(alt.find((x) => x.type !== 'null') ?? alt[0], id, key);
  if (schema.allOf) return sampleLinking(Object.assign({}, ...schema.allOf), id, key);
  if (schema.format === 'uuid') return id;
  const type = Array.isArray(schema.type) ? schema.type.find((x) => x !== 'null') : schema.type;
  if (type === 'object') {
    const out: Record<string, unknown> = {};
    for (const [name, prop] of Object.entries(schema.properties ?? {})) {
      if (schema.required?.includes(name) || holdsUuid(prop)) out[name] = sampleLinking(prop, id, name);
    }
    return out;
  }
  if (type === 'array' && schema.items && holdsUuid(schema.items)) {
    return Array.from({ length: Math.max(schema.minItems ?? 0, 1) }, () => sampleLinking(schema.items ?? {}, id, key));
  }
  return sample(schema, key);
}

// Routes anyone may call without signing in, and what they answer the walker's made-up input. Every other
// route of the document must answer an anonymous caller 401.
const PUBLIC_ROUTES: Record<string, number[]> = {
  'POST /api/v1/auth/login': [401, 429], // wrong e-mail/password (the walker's passes together may hit the rate limit)
  'POST /api/v1/auth/logout': [200], // nothing to end
  'POST /api/v1/auth/password-reset/request': [200, 429], // same answer for unknown e-mails; rate-limited
  'POST /api/v1/auth/password-reset': [400, 404], // unknown token
  'GET /api/v1/auth/invitations/{token}': [400, 404], // unknown token
  'POST /api/v1/auth/invitations/accept': [400, 404],
  'GET /api/v1/auth/oidc': [200], // whether single sign-on is configured
  'GET /api/v1/auth/oidc/start': [404], // not configured in tests
  'GET /api/v1/auth/oidc/callback': [404],
  'GET /api/v1/calendar/feed/{token}.ics': [404], // a calendar feed: the secret in the path is the credential; unknown
  'GET /api/v1/public/exams': [200], // published exams' titles, for candidates
  'POST /api/v1/public/exam-results': [400, 404, 429], // a candidate's lookup: the made-up number and date prove nothing; rate-limited
  'PUT /api/v1/public/exam-consents': [400, 404, 429], // the same proof, then a consent
};
// Public paths outside the OpenAPI document.
const PUBLIC_EXTRA: Record<string, number[]> = { '/healthz': [200], '/api/docs/json': [200], '/api/docs': [200, 302] };

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let t: TestApp;
let secrets: string[];
let privateIds: Record<string, string>;
let aIds: Set<string>;
let a: Awaited<ReturnType<typeof buildTenant>>;
let b: Awaited<ReturnType<typeof buildTenant>>;
let bToken: { id: string; token: string };
/** Records of B's own, which B's admin may edit: the links pass points them at A's records. */
let bOwnIds: Record<string, string>;

beforeAll(async () => {
  t = await startTestApp();
  const db = t.database.db;
  a = await buildTenant(db);
  b = await buildTenant(db);
  // A shares a consortium with a third institution, C, not with B.
  const c = await buildTenant(db);
  const consortium = await buildConsortium(db, [a.institution.id, c.institution.id]);
  // Every module builds its records of A (modules/<module>/walk.fixture.ts).
  const world: WalkWorld = { t, db, a, c, consortium, adminA: await t.login(a.admin.email), officerC: await t.login(c.officer.email), built: {} };
  const hidden: string[] = [];
  secrets = [];
  for (const { module, fixture } of await collectWalkFixtures()) {
    if ('none' in fixture) continue;
    const records = await fixture.build(world);
    for (const [type, id] of Object.entries(records.ids)) {
      if (type in world.built) throw new Error(`walk fixtures of two modules both name a record type "${type}" (the second: ${module})`);
      world.built[type] = id;
    }
    hidden.push(...(records.hiddenIds ?? []));
    secrets.push(...records.secrets);
  }
  privateIds = world.built;
  aIds = new Set([...Object.values(privateIds), ...hidden]);
  secrets.push(...aIds);
  // B's all-scopes token, made before any snapshot so that making it is not part of a pass.
  const adminB = await t.login(b.admin.email);
  const made = await adminB.post('/api/v1/admin/api-tokens', { name: 'B all scopes', scopes: TokenScope.options });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  bToken = { id: made.body.id, token: made.body.token };
  const bUnit = await buildUnit(db, b.institution.id);
  const bPerson = await buildPerson(db, b.institution.id);
  const d = await buildTenant(db);
  const bAgreement = await adminB.post('/api/v1/agreements', {
    content: { kind: 'mou', titleVi: 'Thỏa thuận của B', titleEn: 'B’s agreement', startDate: '2026-01-01', parties: [{ institutionId: b.institution.id }, { institutionId: d.institution.id }] },
  });
  expect(bAgreement.status, JSON.stringify(bAgreement.body)).toBe(201);
  bOwnIds = { institution: b.institution.id, unit: bUnit.id, person: bPerson.id, member: b.member.id, agreement: bAgreement.body.id };
});
afterAll(() => t?.close());

type Operation = {
  summary?: string;
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  parameters?: { in: string; name: string; required?: boolean; schema: JsonSchema }[];
};

async function operations() {
  const doc = (await t.client().get('/api/docs/json')).body as { paths: Record<string, Record<string, Operation>> };
  return Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op })));
}

/** Every way to fill the path: each uuid parameter takes each of A's ids (all combinations); others a plain valid value. */
function fillPath(path: string, op: Operation, ids: string[]): string[] {
  const params = (op.parameters ?? []).filter((p) => p.in === 'path');
  const uuidNames = params.filter((p) => p.schema.format === 'uuid').map((p) => p.name);
  const plain = (name: string) => {
    const schema = params.find((p) => p.name === name)?.schema ?? {};
    return name === 'token' ? 'walker-token-0123456789' : String(sample(schema, name));
  };
  let fillings: Record<string, string>[] = [{}];
  for (const name of uuidNames) fillings = fillings.flatMap((f) => ids.map((id) => ({ ...f, [name]: id })));
  return fillings.map((f) => path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(f[name] ?? plain(name))));
}

interface Pass {
  /** Makes a (new) client for the caller; null for anonymous. */
  caller: (() => Promise<ApiClient>) | null;
  /** The caller's own rows, which its legitimate activity may touch. */
  userId: string | null;
  tokenId: string | null;
  email: string | null;
}

/** Calls every route; returns the calls made and every failed check (all of them, not just the first). */
async function walk(pass: Pass) {
  const calls: string[] = [];
  const failures: string[] = [];
  const ids = Object.values(privateIds);
  const anonymous = pass.caller === null;
  const newClient = async () => (pass.caller ? pass.caller() : t.client());
  let client = await newClient();
  const ops = await operations();
  if (anonymous) {
    for (const route of Object.keys(PUBLIC_ROUTES)) {
      if (!ops.some((o) => `${o.method} ${o.path}` === route)) failures.push(`PUBLIC_ROUTES lists ${route}, which is not in the OpenAPI document`);
    }
  }
  for (const { path, method, op } of ops) {
    const route = `${method} ${path}`;
    if (route === 'POST /api/v1/auth/logout' && !anonymous) continue; // ends the walker's own session; covered elsewhere
    const hasUuid = (op.parameters ?? []).some((p) => p.in === 'path' && p.schema.format === 'uuid');
    const query = (op.parameters ?? [])
      .filter((p) => p.in === 'query' && p.required)
      .map((p) => `${p.name}=${encodeURIComponent(String(sample(p.schema, p.name)))}`)
      .join('&');
    const schema = op.requestBody?.content['application/json']?.schema;
    for (const bare of fillPath(path, op, ids)) {
      const url = query ? `${bare}?${query}` : bare;
      if (anonymous) client = await newClient(); // never carry a cookie a public route might set
      // A POST/PUT/PATCH without a JSON body gets a multipart PDF: an upload route takes it, any other ignores it.
      const upload = !schema && WRITE_METHODS.has(method) && method !== 'DELETE' ? multipartUpload({ kind: 'annex', title: 'walker upload' }, 'walker.pdf', tinyPdf('walker')) : null;
      const res = upload ? await client.request(method, url, upload.body, upload.headers) : await client.request(method, url, schema ? sample(schema) : undefined);
      calls.push(`${route} → ${res.status}`);
      const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
      const said = `${method} ${url} answered ${res.status}: ${text.slice(0, 300)}`;
      const headerText = JSON.stringify(res.headers);
      for (const s of secrets) {
        if (text.includes(s) || headerText.includes(s)) failures.push(`${method} ${url} leaked ${JSON.stringify(s)}: ${text.slice(0, 300)}`);
      }
      if (res.status >= 500) failures.push(`server error: ${said}`);
      if (text.includes('"csrf_invalid"')) failures.push(`the walker's CSRF token was refused, so the write proved nothing: ${said}`);
      if (anonymous) {
        const expected = PUBLIC_ROUTES[route] ?? [401];
        if (!expected.includes(res.status)) failures.push(`anonymous: expected ${expected.join('/')}; ${said}`);
        continue;
      }
      if (res.status === 401 && !(route in PUBLIC_ROUTES)) {
        failures.push(`the walker lost its session (401), so the call proved nothing: ${said}`);
        client = await newClient();
      }
      if (!hasUuid) continue;
      if (method === 'GET') {
        if (res.status !== 404) failures.push(`read of A's record: expected 404; ${said}`);
      } else if (![403, 404].includes(res.status)) {
        const hint = res.status === 400 && text.includes('"field":"body"') ? ' (the walker could not build a valid body)' : '';
        failures.push(`write to A's record: expected 403/404${hint}; ${said}`);
      }
    }
  }
  for (const [url, expected] of anonymous ? Object.entries(PUBLIC_EXTRA) : []) {
    const res = await t.client().get(url);
    calls.push(`GET ${url} → ${res.status}`);
    const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
    if (!expected.includes(res.status)) failures.push(`anonymous: expected ${expected.join('/')}; GET ${url} answered ${res.status}`);
    for (const s of secrets) if (text.includes(s)) failures.push(`GET ${url} leaked ${JSON.stringify(s)}`);
  }
  return { calls, failures };
}

/**
 * B's admin edits B's own records (every uuid path parameter takes each of B's ids) with bodies whose every
 * uuid — required or optional, e.g. a user's `personId`, a unit's `parentId` — is one of A's ids in turn.
 * Only write routes whose body can hold a uuid are called. No row may come to point at A's records.
 */
async function walkLinks() {
  const calls: string[] = [];
  const failures: string[] = [];
  const client = await t.login(b.admin.email);
  for (const { path, method, op } of await operations()) {
    const schema = op.requestBody?.content['application/json']?.schema;
    if (!WRITE_METHODS.has(method) || !schema || !holdsUuid(schema)) continue;
    for (const url of fillPath(path, op, Object.values(bOwnIds))) {
      for (const aId of Object.values(privateIds)) {
        const body = sampleLinking(schema, aId) as Record<string, unknown>;
        let res = await client.request(method, url, body);
        // An edit based on a stale version (an earlier call changed the record): retry on the current one.
        const current = res.body?.error?.details?.current?.version;
        if (res.status === 409 && typeof current === 'number' && 'version' in body) res = await client.request(method, url, { ...body, version: current });
        calls.push(`${method} ${path} → ${res.status}`);
        const text = JSON.stringify(res.body);
        const said = `${method} ${url} ${JSON.stringify(body).slice(0, 200)} answered ${res.status}: ${text.slice(0, 300)}`;
        if (res.status >= 500) failures.push(`server error: ${said}`);
        if (res.status === 401 || text.includes('"csrf_invalid"')) failures.push(`the walker's session or CSRF token was refused, so the call proved nothing: ${said}`);
        for (const secret of secrets) if (text.includes(secret)) failures.push(`${method} ${url} linked or leaked ${JSON.stringify(secret)}: ${said}`);
      }
    }
  }
  return { calls, failures };
}

// ---- What a pass may change in the database: only the caller's own traces, never a row of A's.
const get = (row: Row, column: string) => row[column] as string | null | undefined;
const only = (columns: string[], allowed: string[]) => columns.every((c) => allowed.includes(c));

function allowedChange(change: RowChange, pass: Pass): boolean {
  const mine = (userId: unknown) => pass.userId !== null && userId === pass.userId;
  const myToken = (tokenId: unknown) => pass.tokenId !== null && tokenId === pass.tokenId;
  const myEmail = (email: unknown) => email === 'walker@example.test' || (pass.email !== null && email === pass.email);
  const bOwned = (row: Row) => get(row, 'institution_id') === b.institution.id;
  if (change.kind === 'added') {
    const row = change.after;
    // A new row may never point at one of A's records, whatever its table.
    if ([...aIds].some((id) => JSON.stringify(row).includes(id))) return false;
    switch (change.table) {
      case 'sessions': // the caller signs in again (after a 401)
        return mine(row.user_id);
      case 'login_failures': // the walker's made-up sign-in
        return myEmail(row.email);
      case 'rate_events': // failed sign-ins, reset requests; the public exam lookup counts every attempt (a hash of exam and number)
        return myEmail(row.subject) || row.action === 'exam_lookup';
      case 'audit_log': // the caller's own legitimate actions (e.g. an invitation of B's), filed under B
        return (mine(row.actor_user_id) || myToken(row.actor_token_id)) && (!('institution_id' in row) || bOwned(row));
      case 'audit_owners':
        return bOwned(row);
      case 'invitations': // B's admin invites the walker to B
      case 'api_tokens': // B's admin makes a token for B
        return bOwned(row);
      case 'mail_outbox': // the invitation mail of B's walker invitation
        return bOwned(row) && row.to_address === 'walker@example.test';
      case 'notification_preferences': // the caller saves its own preferences
        return mine(row.user_id);
      case 'calendar_feeds': // the caller makes its own calendar feed
        return mine(row.user_id);
      case 'admission_seasons': // B's admin opens an admission season of B's
      case 'admission_season_members': // … of which B is the first member
        return bOwned(row);
      default:
        return false;
    }
  }
  if (change.kind === 'removed') {
    const row = change.before;
    if (change.table === 'sessions') return mine(row.user_id);
    if (change.table === 'login_failures') return myEmail(row.email); // a successful sign-in clears them
    if (change.table === 'rate_events') return myEmail(row.subject);
    if (change.table === 'calendar_feeds') return mine(row.user_id); // the caller revokes its own calendar feed
    return false;
  }
  const { before, columns } = change;
  switch (change.table) {
    case 'users': // the caller's own account: sign-in time, and PATCH /me with the walker's (empty) change
      return mine(before.id) && only(columns, ['last_login_at', 'display_name', 'language', 'version', 'updated_at']);
    case 'sessions':
      return mine(before.user_id) && only(columns, ['last_seen_at', 'expires_at']);
    case 'api_tokens':
      return myToken(before.id) && only(columns, ['last_used_at']);
    case 'notifications': // read-all of the caller's own notifications
      return mine(before.user_id) && only(columns, ['read_at']);
    case 'calendar_feeds': // the caller replaces its own calendar feed
      return mine(before.user_id) && only(columns, ['token_hash', 'created_at', 'last_used_at']);
    default:
      return false;
  }
}

/**
 * Runs a pass between two snapshots of the whole database and fails with every failed check and every
 * change the pass may not make (table, key, column: before → after).
 */
async function checkPass(run: () => Promise<{ calls: string[]; failures: string[] }>, allowed: (change: RowChange) => boolean, minCalls: number) {
  const before = await snapshotDatabase(t.database.pool);
  const { calls, failures } = await run();
  const after = await snapshotDatabase(t.database.pool);
  const changes = diffSnapshots(before, after).filter((c) => !allowed(c));
  if (changes.length > 0) failures.push(`the database changed beyond the caller's own traces:\n${formatChanges(changes)}`);
  expect(failures.length, `${failures.length} failed checks:\n${failures.join('\n')}`).toBe(0);
  expect(calls.length).toBeGreaterThan(minCalls);
  const statuses = Object.entries(Object.groupBy(calls, (c) => c.slice(c.lastIndexOf(' ') + 1))).map(([status, l]) => `${status}×${l?.length}`);
  console.info(`${calls.length} calls (${statuses.join(', ')})`);
}

const walkAndCompare = (pass: Pass, minCalls: number) => checkPass(() => walk(pass), (c) => allowedChange(c, pass), minCalls);

/** In the links pass, B's own rows may change (B's admin edits them) as long as no row points at A's records. */
function allowedLinkChange(change: RowChange, pass: Pass): boolean {
  if (allowedChange(change, pass)) return true;
  if (change.kind === 'removed') return false;
  const after = JSON.stringify(change.after);
  if ([...aIds].some((id) => after.includes(id))) return false;
  const before = JSON.stringify(change.kind === 'added' ? change.after : change.before);
  return [...Object.values(bOwnIds), b.admin.id].some((id) => before.includes(id));
}

const user = (u: { id: string; email: string }): Pass => ({ caller: () => t.login(u.email), userId: u.id, tokenId: null, email: u.email });

describe('tenancy across every route', () => {
  it('gives another institution’s admin no access to A’s private records, and changes nothing of A’s', async () => {
    await walkAndCompare(user(b.admin), 500);
  });

  it('gives another institution’s API token (all scopes) no access either', async () => {
    await walkAndCompare({ caller: async () => t.client().withToken(bToken.token), userId: null, tokenId: bToken.id, email: null }, 500);
  });

  it('gives another institution’s member no access either', async () => {
    await walkAndCompare(user(b.member), 500);
  });

  it('gives another institution’s student no access either', async () => {
    await walkAndCompare(user(b.student), 500);
  });

  it('answers anonymous callers 401 everywhere but the public routes, and leaks nothing', async () => {
    await walkAndCompare({ caller: null, userId: null, tokenId: null, email: null }, 500);
  });

  it('lets another institution’s admin link none of its own records to A’s', async () => {
    const pass = user(b.admin);
    await checkPass(walkLinks, (c) => allowedLinkChange(c, pass), 500);
  });

  it('left A’s records unchanged', async () => {
    const adminA = await t.login(a.admin.email);
    const person = await adminA.get(`/api/v1/people/${privateIds.person}`);
    expect(person.body.version).toBe(1);
    expect(person.body.fullName).toBe('Người Riêng Tư Của A');
    const tokens = await adminA.get('/api/v1/admin/api-tokens');
    expect(tokens.body.items.every((x: { revoked: boolean }) => !x.revoked)).toBe(true);
    const invitations = await adminA.get('/api/v1/admin/invitations');
    expect(invitations.body.items[0].status).toBe('pending');
    const users = await adminA.get('/api/v1/admin/users');
    expect(users.body.items.find((u: { id: string }) => u.id === a.member.id).version).toBe(1);
  });
});
