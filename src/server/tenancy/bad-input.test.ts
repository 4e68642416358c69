import { createHash, randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import http from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate } from '../../locales/index.ts';
import { buildConsortium, buildPerson, buildTenant, buildUnit, buildUser } from '../testing/factories.ts';
import {
  fieldsOf,
  fillPath,
  type JsonSchema,
  nonNull,
  type OpenApiDocument,
  operationsOf,
  type RouteOperation,
  sample,
  typeOf,
  withValueAt,
} from '../testing/openapi-walk.ts';
import { type ApiClient, type ApiResponse, startTestApp, type TestApp } from '../testing/test-app.ts';

// Bad input, generated from the OpenAPI document for every route and method, never answers 5xx: every
// 4xx has our error shape, and input the schema must refuse (NUL in text, integers beyond int4, dates
// outside 1900–2200, wrong types) answers 400 `validation_failed` naming the field that was changed.
// One field of an otherwise valid request is changed at a time. New routes are covered automatically.
// FUZZ_RUNS raises the number of random cases per route and caller; FUZZ_SEED picks other cases;
// FUZZ_REPORT=<file> appends every bad answer and the count of answers by status to that file.
// The int4 bounds are written out here on purpose: the test checks the contracts, it does not reuse them.
const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 20);
const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20260507);
const INT4_MAX = 2_147_483_647;
const INT4_MIN = -2_147_483_648;

let t: TestApp;
let doc: OpenApiDocument;
let routes: RouteOperation[];
let admin: ApiClient;
let adminEmail: string;
let ids: Record<string, string>;
let agreementId: string;
let partyIds: [string, string];

const b64 = (text: string) => Buffer.from(text).toString('base64url');

beforeAll(async () => {
  t = await startTestApp({ listen: true, env: { LOGIN_MAX_FAILURES: '100000' } });
  const db = t.database.db;
  const a = await buildTenant(db);
  const b = await buildTenant(db);
  const platformAdmin = await buildUser(db, a.institution.id, ['platform_admin', 'institution_admin', 'cooperation_officer']);
  adminEmail = platformAdmin.email;
  admin = await t.login(adminEmail);
  const consortium = await buildConsortium(db, [a.institution.id, b.institution.id]);
  const unit = await buildUnit(db, a.institution.id);
  const person = await buildPerson(db, a.institution.id);
  partyIds = [a.institution.id, b.institution.id];
  const created = await admin.post('/api/v1/agreements', { content: agreementContent() });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  agreementId = created.body.id;
  const upload = await admin.request('POST', `/api/v1/agreements/${agreementId}/documents`, ...multipart({ kind: 'annex', title: 'Phụ lục' }, { name: 'phu-luc.pdf', bytes: pdf }));
  expect(upload.status, JSON.stringify(upload.body)).toBe(201);
  const invitation = await admin.post('/api/v1/admin/invitations', { email: 'fuzz.invitee@a.test', displayName: 'Khách', roles: ['member'] });
  const token = await admin.post('/api/v1/admin/api-tokens', { name: 'fuzz', scopes: ['directory:read'] });
  ids = {
    institutions: a.institution.id,
    units: unit.id,
    people: person.id,
    agreements: agreementId,
    users: a.member.id,
    invitations: invitation.body.id,
    'api-tokens': token.body.id,
    consortia: consortium.id,
    files: upload.body.fileId,
  };
  doc = (await t.client().get('/api/docs/json')).body;
  routes = operationsOf(doc);
}, 120_000);
afterAll(() => t.close());

const pdf = Buffer.from('%PDF-1.4\n% fuzz\n%%EOF\n');

function agreementContent(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'mou',
    titleVi: 'Thỏa thuận thử',
    titleEn: 'Fuzz agreement',
    startDate: '2026-01-01',
    parties: [{ institutionId: partyIds[0] }, { institutionId: partyIds[1] }],
    ...overrides,
  };
}

function multipart(
  fields: Record<string, string>,
  file: { name: string; bytes: Buffer } | null,
  boundary = '----hoptac-fuzz',
): [Buffer, Record<string, string>] {
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/pdf\r\n\r\n`), file.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return [Buffer.concat(parts), { 'content-type': `multipart/form-data; boundary=${boundary}` }];
}

/** A raw HTTP request (no URL normalisation, unlike `inject`), for paths with dot segments. */
function rawGet(path: string, headers: Record<string, string> = {}): Promise<ApiResponse> {
  const url = new URL(t.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path, method: 'GET', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => {
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // not JSON
        }
        resolve({ status: res.statusCode ?? 0, body, headers: res.headers as ApiResponse['headers'] });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

// ---- what a request is, and what a bad one must answer

interface Case {
  /** What was changed, for the failure message. */
  label: string;
  method: string;
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
  /** The field whose bad value must be refused with a 400 naming it (dotted path), if any. */
  mustName?: string;
  /** Refused before the handler (schema), so a 400 is the only right answer; otherwise any 4xx is fine. */
  schemaStage?: boolean;
  /** The status and code this answer must have (e.g. 414 uri_too_long). */
  expect?: { status: number; code: string };
}

function checkAnswer(c: Case, res: ApiResponse): string[] {
  const problems: string[] = [];
  const where = `${c.method} ${c.url.slice(0, 160)} [${c.label}]`;
  const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
  const say = (what: string) => problems.push(`${where} → ${res.status}: ${what} ${text.slice(0, 240)}`);
  if (res.status >= 500 || res.status < 200) {
    say('never 5xx');
    return problems;
  }
  if (res.status >= 400) {
    const body = res.body as { error?: { code?: unknown; message?: unknown; details?: { fields?: { field: string; message: string }[] } }; requestId?: unknown };
    if (typeof body?.error?.code !== 'string') say('no error.code');
    if (typeof body?.error?.message !== 'string' || body.error.message === '') say('no error.message');
    else if (/\{\{|^(errors|validation|fields)\.[a-z_]+/.test(body.error.message)) say('message not from the locale files');
    if (typeof body?.requestId !== 'string') say('no requestId');
    if (c.expect && (res.status !== c.expect.status || body?.error?.code !== c.expect.code)) say(`expected ${c.expect.status} ${c.expect.code}`);
    if (c.mustName && res.status === 400 && body?.error?.code === 'validation_failed') {
      const fields = body.error.details?.fields ?? [];
      if (!fields.some((f) => f.field === c.mustName)) say(`validation_failed must name ${c.mustName}`);
    }
    if (c.mustName && c.schemaStage && !(res.status === 400 && body?.error?.code === 'validation_failed')) say(`must refuse ${c.mustName} with 400 validation_failed`);
  } else if (c.mustName && c.schemaStage) say(`accepted a bad ${c.mustName}`);
  else if (c.expect) say(`expected ${c.expect.status} ${c.expect.code}`);
  return problems;
}

// ---- bad values, and whether the schema must refuse them

const NUL_STRINGS = ['a\u0000b', '\u0000', 'walker\u0000'];
const ODD_STRINGS = [
  '\ud800',
  'x\udfffy',
  '\u202eevil\u202c',
  '\u200f\u200e',
  '👩‍💻🇻🇳',
  'Nguyễn Thị Ánh',
  'e\u0301\u0301\u0301',
  '\ufeffbom',
  'x'.repeat(10_000),
  '%_\\',
  "'; drop table users; --",
  '\u00a0',
];
const BAD_DATES = ['0000-01-01', '2026-02-30', '99999-01-01', '1899-12-31', '2201-01-01', '2026-1-1', '2026-01-01T00:00:00Z'];
const BAD_INTEGERS = [INT4_MAX + 1, INT4_MIN - 1, 99_999_999_999, 1e15, 1.5, -1, 0, Number.MAX_SAFE_INTEGER + 2, 1e300];
const WRONG_TYPES: unknown[] = [{}, [], { a: 1 }, ['x'], 12, true, null, 'text'];

interface Bad {
  value: unknown;
  /** The schema must refuse this value. */
  refuse: boolean;
}

function mustRefuse(schema: JsonSchema, value: unknown): boolean {
  const { schema: s, nullable } = nonNull(schema);
  const type = typeOf(s);
  if (value === null) return !nullable;
  if (type === 'enum') return !s.enum!.includes(value);
  if (type === 'string') {
    if (typeof value !== 'string') return true;
    if (value.includes('\u0000')) return true;
    if (s.maxLength !== undefined && value.trim().length > s.maxLength) return true;
    if (s.pattern && !new RegExp(s.pattern).test(value.trim())) return true;
    if (s.format === 'date') return BAD_DATES.includes(value);
    return false;
  }
  if (type === 'integer' || type === 'number') {
    if (typeof value !== 'number') return true;
    if (type === 'integer' && (!Number.isInteger(value) || value > INT4_MAX || value < INT4_MIN)) return true;
    if (typeof s.maximum === 'number' && value > s.maximum) return true;
    if (typeof s.minimum === 'number' && value < s.minimum) return true;
    if (typeof s.exclusiveMinimum === 'number' && value <= s.exclusiveMinimum) return true;
    return false;
  }
  if (type === 'boolean') return typeof value !== 'boolean';
  if (type === 'object') return typeof value !== 'object' || Array.isArray(value);
  if (type === 'array') return !Array.isArray(value);
  return false;
}

/** Bad JSON values for a field of this schema. */
function badValues(schema: JsonSchema): fc.Arbitrary<Bad> {
  const { schema: s } = nonNull(schema);
  const type = typeOf(s);
  const pool: unknown[] = [...WRONG_TYPES];
  if (type === 'string' || type === 'enum') {
    pool.push(...NUL_STRINGS, ...ODD_STRINGS, `${String(sample(s))}\u0000`);
    if (s.format === 'date') pool.push(...BAD_DATES);
  }
  if (type === 'integer' || type === 'number') pool.push(...BAD_INTEGERS, -0.5, 1e9 + 1, '12');
  return fc.constantFrom(...pool).map((value) => ({ value, refuse: mustRefuse(schema, value) }));
}

/** Bad query or path text for a parameter of this schema (always strings in a URL). */
function badParamTexts(schema: JsonSchema, name: string): string[] {
  const type = typeOf(schema);
  const out = [...NUL_STRINGS, ...ODD_STRINGS.filter((s) => s.length < 1000), 'x'.repeat(5000), ''];
  if (type === 'integer' || type === 'number') out.push(...BAD_INTEGERS.map(String), 'abc', '1e400', '0x10', ' 7 ');
  if (nonNull(schema).schema.format === 'date') out.push(...BAD_DATES);
  if (name === 'cursor') out.push(...FORGED_CURSORS);
  return out;
}

function paramMustRefuse(schema: JsonSchema, text: string): boolean {
  const type = typeOf(schema);
  if (type === 'integer' || type === 'number') {
    if (text.includes('\u0000')) return true;
    const n = Number(text);
    if (!Number.isFinite(n)) return true;
    return mustRefuse(schema, n);
  }
  return mustRefuse(schema, text);
}

const UUID = '3f1c2a4e-1111-4222-8333-444455556666';
const FORGED_CURSORS = [
  b64('{"k":{},"id":"x"}'),
  b64('[1,2,3]'),
  b64('{"k":[],"id":[]}'),
  b64(`{"k":"2026-13-45 99:99:99+00","id":"${UUID}"}`),
  b64(`{"k":"0000-01-01 00:00:00+00","id":"${UUID}"}`),
  b64('{"k":"a","id":"not-a-uuid"}'),
  b64(`{"k":"a\\u0000","id":"${UUID}"}`),
  b64(`{"k":1e400,"id":"${UUID}"}`),
  b64('{"k":"2026-01-01 00:00:00+00","id":"99999999999999999999999"}'),
  b64('null'),
  b64('"just text"'),
  'not base64 at all !!!',
  '%%%',
  b64(`{"k":"a","id":"${UUID}","extra":1}`),
];

// ---- the cases of one route

const ID_BY_SEGMENT = (path: string): string | undefined => {
  const m = /\/(?:admin\/)?([a-z-]+)\/\{id\}/.exec(path);
  return m ? ids[m[1]] : undefined;
};

/** An otherwise valid request of this route: path values, query and body. */
function baseRequest(route: RouteOperation, idChoice: 'real' | 'random') {
  const real = ID_BY_SEGMENT(route.path);
  const pathValues: Record<string, string> = {};
  for (const p of route.pathParams) {
    if (p.name === 'id') pathValues.id = idChoice === 'real' && real ? real : randomUUID();
    else if (p.name === 'versionNo') pathValues.versionNo = '1';
    else pathValues[p.name] = String(sample(p.schema, p.name)).padEnd(12, '0');
  }
  const query: Record<string, string> = {};
  for (const p of route.queryParams) if (p.required) query[p.name] = String(sample(p.schema, p.name));
  let body: unknown;
  if (route.jsonBody) {
    body = sample(route.jsonBody);
    if (route.path === '/api/v1/agreements' && route.method === 'POST') body = { content: agreementContent() };
    if (route.path === '/api/v1/agreements/{id}' && route.method === 'PATCH') body = { baseVersion: 1, content: agreementContent() };
    if (route.path.endsWith('/renewal')) body = { startDate: '2031-01-01', endDate: null };
  }
  return { pathValues, query, body };
}

const hasLoneSurrogate = (text: string) => /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);

/** encodeURIComponent, except that a lone surrogate becomes its (invalid) three UTF-8-like bytes. */
function enc(text: string): string {
  let out = '';
  for (const ch of text) {
    if (!hasLoneSurrogate(ch)) out += encodeURIComponent(ch);
    else {
      const cp = ch.charCodeAt(0);
      out += [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    }
  }
  return out;
}

function urlOf(route: RouteOperation, pathValues: Record<string, string>, query: Record<string, string | string[]>) {
  const path = fillPath(route.path, Object.fromEntries(Object.entries(pathValues).map(([k, v]) => [k, enc(v)])));
  const qs = Object.entries(query)
    .flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((one) => `${enc(k)}=${enc(one)}`))
    .join('&');
  return qs ? `${path}?${qs}` : path;
}

const MALFORMED_JSON = ['{', '{"a":', 'nul', '[1,2', '{"a":1}}', '\u0000', '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"x":1}}}', '[]', '"text"', '1e400', '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]'];
const WRONG_CONTENT_TYPES = ['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16', 'multipart/form-data', 'application/octet-stream', 'image/png'];

function multipartCases(url: string): Case[] {
  const bytes = pdf;
  const good = multipart({ kind: 'annex', title: 'Tệp' }, { name: 'tep.pdf', bytes });
  const make = (label: string, payload: Buffer, headers: Record<string, string>, mustName?: string): Case => ({ label, method: 'POST', url, payload, headers, mustName });
  return [
    make('multipart without boundary', good[0], { 'content-type': 'multipart/form-data' }),
    make('multipart cut short', good[0].subarray(0, 60), good[1]),
    make('multipart cut inside the file', good[0].subarray(0, good[0].length - 30), good[1]),
    make('multipart with another boundary', good[0], { 'content-type': 'multipart/form-data; boundary=nope' }),
    make('multipart empty', Buffer.alloc(0), good[1]),
    make('multipart garbage headers', Buffer.from('--x\r\nnot a header\r\n\r\nx\r\n--x--\r\n'), { 'content-type': 'multipart/form-data; boundary=x' }),
    make('NUL in the file name', ...multipart({ kind: 'annex', title: 'Tệp' }, { name: 'a\u0000b.pdf', bytes }), 'file'),
    make('NUL in the title', ...multipart({ kind: 'annex', title: 'T\u0000x' }, { name: 'tep.pdf', bytes }), 'title'),
    make('NUL in the kind', ...multipart({ kind: 'annex\u0000', title: 'Tệp' }, { name: 'tep.pdf', bytes }), 'kind'),
    make('NUL in the document key', ...multipart({ kind: 'annex', title: 'Tệp', documentKey: `${UUID}\u0000` }, { name: 'tep.pdf', bytes }), 'documentKey'),
    make('odd Unicode in title and file name', ...multipart({ kind: 'annex', title: '\u202e👩‍💻' }, { name: '\ud800.pdf', bytes })),
    make('no file part', ...multipart({ kind: 'annex', title: 'Tệp' }, null)),
    make('JSON instead of multipart', Buffer.from('{"kind":"annex"}'), { 'content-type': 'application/json' }),
  ];
}

/** Cases of one route: every field once with its canonical bad value, then FUZZ_RUNS random ones. */
function casesOf(route: RouteOperation, seed: number): Case[] {
  const cases: Case[] = [];
  const make = (idChoice: 'real' | 'random') => baseRequest(route, idChoice);

  // One arbitrary per kind of change; each yields a Case.
  const kinds: fc.Arbitrary<Case>[] = [];
  const idChoice = fc.constantFrom<'real' | 'random'>('real', 'random');

  if (route.jsonBody) {
    const fields = fieldsOf(route.jsonBody);
    if (fields.length > 0) {
      kinds.push(
        fc.tuple(idChoice, fc.constantFrom(...fields)).chain(([choice, field]) =>
          badValues(field.schema).map((bad): Case => {
            const base = make(choice);
            const payload = withValueAt(route.jsonBody!, base.body, field.path, bad.value);
            const name = field.path.join('.');
            return { label: `body ${name} = ${JSON.stringify(bad.value)?.slice(0, 40)}`, method: route.method, url: urlOf(route, base.pathValues, base.query), payload, mustName: bad.refuse ? name : undefined, schemaStage: bad.refuse };
          }),
        ),
      );
    }
    kinds.push(
      fc.tuple(idChoice, fc.constantFrom(...MALFORMED_JSON)).map(([choice, text]): Case => {
        const base = make(choice);
        return { label: `malformed JSON ${text.slice(0, 20)}`, method: route.method, url: urlOf(route, base.pathValues, base.query), payload: text, headers: { 'content-type': 'application/json' } };
      }),
      fc.tuple(idChoice, fc.constantFrom(...WRONG_CONTENT_TYPES)).map(([choice, type]): Case => {
        const base = make(choice);
        return { label: `content-type ${type}`, method: route.method, url: urlOf(route, base.pathValues, base.query), payload: JSON.stringify(base.body), headers: { 'content-type': type } };
      }),
    );
  }
  if (route.multipartBody) {
    kinds.push(fc.tuple(idChoice, fc.nat()).map(([choice, n]) => {
      const base = make(choice);
      const all = multipartCases(urlOf(route, base.pathValues, base.query));
      return all[n % all.length];
    }));
  }
  for (const param of route.queryParams) {
    kinds.push(
      fc.tuple(idChoice, fc.constantFrom(...badParamTexts(param.schema, param.name), ['1', '2'] as unknown as string)).map(([choice, text]): Case => {
        const base = make(choice);
        const repeated = Array.isArray(text);
        // A lone surrogate cannot be sent as UTF-8; what the query parser makes of its bytes is its business.
        const refuse = repeated || (!hasLoneSurrogate(text) && paramMustRefuse(param.schema, text));
        return {
          label: `query ${param.name} = ${JSON.stringify(text).slice(0, 40)}`,
          method: route.method,
          url: urlOf(route, base.pathValues, { ...base.query, [param.name]: text }),
          payload: route.jsonBody ? base.body : undefined,
          mustName: refuse || param.name === 'cursor' ? param.name : undefined,
          schemaStage: refuse && param.name !== 'cursor',
        };
      }),
    );
  }
  for (const param of route.pathParams) {
    kinds.push(
      fc.tuple(idChoice, fc.constantFrom(...badParamTexts(param.schema, param.name), 'a'.repeat(250), '..', '.')).map(([choice, text]): Case => {
        const base = make(choice);
        const url = urlOf(route, { ...base.pathValues, [param.name]: text }, base.query);
        const tooLong = enc(text).length > 200;
        const badUrl = !tooLong && hasLoneSurrogate(text);
        const structural = text === '' || text === '.' || text === '..' || text.includes('/');
        const refuse = !tooLong && !badUrl && !structural && paramMustRefuse(param.schema, text);
        return {
          label: `path ${param.name} = ${JSON.stringify(text).slice(0, 40)}`,
          method: route.method,
          url,
          payload: route.jsonBody ? base.body : undefined,
          mustName: refuse ? param.name : undefined,
          schemaStage: refuse,
          expect: tooLong ? { status: 414, code: 'uri_too_long' } : badUrl ? { status: 400, code: 'invalid_url' } : undefined,
        };
      }),
    );
  }
  if (kinds.length === 0) {
    // No input at all: the route still must cope with a stray body and odd headers.
    kinds.push(
      fc.constantFrom(...MALFORMED_JSON).map((text): Case => ({ label: `stray body ${text.slice(0, 20)}`, method: route.method, url: fillPath(route.path, {}), payload: text, headers: { 'content-type': 'application/json' } })),
    );
  }
  cases.push(...fc.sample(fc.oneof(...kinds), { seed, numRuns: FUZZ_RUNS }));

  // Every field once with a value the schema must refuse: NUL in text, beyond int4, year 0000, wrong type.
  const base = make('real');
  const url = urlOf(route, base.pathValues, base.query);
  if (route.jsonBody) {
    for (const field of fieldsOf(route.jsonBody)) {
      const type = typeOf(field.schema);
      if (type === undefined) continue;
      const value =
        nonNull(field.schema).schema.format === 'date' ? '0000-01-01' : type === 'string' || type === 'enum' ? 'a\u0000b' : type === 'integer' ? INT4_MAX + 1 : type === 'number' ? 'NaN' : type === 'boolean' ? 'yes' : 'text';
      const name = field.path.join('.');
      cases.push({ label: `sweep body ${name}`, method: route.method, url, payload: withValueAt(route.jsonBody, base.body, field.path, value), mustName: name, schemaStage: true });
    }
  }
  for (const param of route.queryParams) {
    const type = typeOf(param.schema);
    const text = nonNull(param.schema).schema.format === 'date' ? '0000-01-01' : type === 'integer' ? String(INT4_MAX + 1) : 'a\u0000b';
    cases.push({ label: `sweep query ${param.name}`, method: route.method, url: urlOf(route, base.pathValues, { ...base.query, [param.name]: text }), payload: route.jsonBody ? base.body : undefined, mustName: param.name, schemaStage: true });
  }
  for (const param of route.pathParams) {
    const text = typeOf(param.schema) === 'integer' ? String(INT4_MAX + 1) : 'a\u0000b';
    cases.push({ label: `sweep path ${param.name}`, method: route.method, url: urlOf(route, { ...base.pathValues, [param.name]: text }, base.query), payload: route.jsonBody ? base.body : undefined, mustName: param.name, schemaStage: true });
  }
  if (route.multipartBody) cases.push(...multipartCases(url));
  return cases;
}

const seedOf = (route: RouteOperation) => FUZZ_SEED ^ createHash('sha256').update(`${route.method} ${route.path}`).digest().readInt32LE(0);

async function send(client: ApiClient, c: Case) {
  return client.request(c.method, c.url, c.payload, c.headers ?? {});
}

async function fuzzEveryRoute(caller: 'admin' | 'anonymous') {
  const problems: string[] = [];
  const statuses: Record<string, number> = {};
  let calls = 0;
  let client = caller === 'admin' ? admin : t.client();
  for (const route of routes) {
    if (route.path.endsWith('/auth/logout')) continue; // ends the session; nothing to validate
    for (const c of casesOf(route, seedOf(route))) {
      const res = await send(client, c);
      calls++;
      const code = (res.body as { error?: { code?: string } })?.error?.code;
      statuses[`${res.status}${code ? ` ${code}` : ''}`] = (statuses[`${res.status}${code ? ` ${code}` : ''}`] ?? 0) + 1;
      problems.push(...checkAnswer(c, res));
      if (caller === 'admin' && res.status === 401 && (await client.get('/api/v1/me')).status === 401) {
        admin = client = await t.login(adminEmail);
      }
    }
  }
  if (process.env.FUZZ_REPORT) appendFileSync(process.env.FUZZ_REPORT, `${caller}: ${calls} calls ${JSON.stringify(statuses)}\n`);
  return { problems, calls };
}

function report(problems: string[]) {
  if (process.env.FUZZ_REPORT) appendFileSync(process.env.FUZZ_REPORT, `${problems.join('\n')}\n`);
  return `${problems.length} bad answers:\n${problems.slice(0, 60).join('\n')}`;
}

describe('bad input never answers 5xx, and every refusal has our shape', () => {
  it('the walk finds the routes, including one that takes multipart', () => {
    expect(routes.length).toBeGreaterThan(50);
    expect(routes.filter((r) => r.multipartBody).map((r) => `${r.method} ${r.path}`)).toContain('POST /api/v1/agreements/{id}/documents');
  });

  it('every route and method, signed in as a platform admin', { timeout: 120_000 }, async () => {
    const { problems, calls } = await fuzzEveryRoute('admin');
    expect(calls).toBeGreaterThan(routes.length * FUZZ_RUNS);
    expect(problems, report(problems)).toEqual([]);
  });

  it('every route and method, anonymously', { timeout: 120_000 }, async () => {
    const { problems } = await fuzzEveryRoute('anonymous');
    expect(problems, report(problems)).toEqual([]);
  });
});

describe('regressions from the review (issue 7, findings 5 and 6)', () => {
  const check = async (c: Case, client: ApiClient = admin) => {
    const res = await send(client, c);
    expect(checkAnswer(c, res), JSON.stringify(res.body)).toEqual([]);
    return res;
  };
  const refused = async (method: string, url: string, payload: unknown, field: string, code?: string) => {
    const res = await check({ label: 'regression', method, url, payload, mustName: field, schemaStage: true });
    if (code) expect(res.body.error.details.fields.find((f: { field: string }) => f.field === field).code).toBe(code);
    return res;
  };

  it('refuses NUL in text fields and query parameters with the field named', async () => {
    await refused('GET', '/api/v1/people?q=a%00b', undefined, 'q', 'no_nul');
    await refused('GET', '/api/v1/institutions?q=%00', undefined, 'q', 'no_nul');
    await refused('GET', '/api/v1/agreements?q=x%00', undefined, 'q', 'no_nul');
    await refused('GET', '/api/v1/admin/users?q=%00', undefined, 'q', 'no_nul');
    await refused('GET', '/api/v1/admin/audit?actor=%00', undefined, 'actor', 'no_nul');
    await refused('POST', '/api/v1/institutions', { code: 'NUL-1', kind: 'university', country: 'VN', nameVi: 'A\u0000', nameEn: 'A' }, 'nameVi', 'no_nul');
    await refused('POST', `/api/v1/institutions/${ids.institutions}/people`, { fullName: 'Ng\u0000' }, 'fullName', 'no_nul');
    await refused('POST', '/api/v1/consortia', { code: 'NUL-C', nameVi: 'a', nameEn: 'b', descriptionVi: '\u0000' }, 'descriptionVi', 'no_nul');
    await refused('POST', '/api/v1/agreements', { content: agreementContent({ summaryVi: 'x\u0000' }) }, 'content.summaryVi', 'no_nul');
    await refused('POST', `/api/v1/agreements/${agreementId}/comments`, { body: 'x\u0000y' }, 'body', 'no_nul');
    await refused('PUT', `/api/v1/agreements/${agreementId}/note`, { body: '\u0000', version: 0 }, 'body', 'no_nul');
    await refused('POST', '/api/v1/auth/login', { email: 'a@b.test', password: 'x\u0000' }, 'password', 'no_nul');
  });

  it('refuses forged cursors on every list with the field `cursor`', async () => {
    const lists = ['/api/v1/institutions', '/api/v1/institutions?sort=updated', '/api/v1/people', '/api/v1/people?sort=updated', '/api/v1/admin/users', '/api/v1/admin/audit', '/api/v1/admin/outbox', '/api/v1/agreements', '/api/v1/agreements?sort=start', '/api/v1/agreements?sort=title'];
    const forged = [b64('{"k":{},"id":"x"}'), b64('[1]'), b64('{"k":"a","id":"x"}'), 'not base64!', b64(`{"k":"a\\u0000","id":"${UUID}"}`), b64(`{"k":"a","id":"${UUID}","x":1}`)];
    const badTime = b64(`{"k":"2026-02-30 00:00:00+00","id":"${UUID}"}`);
    for (const list of lists) {
      const byTime = /sort=(updated|start)|audit|outbox/.test(list);
      for (const cursor of byTime ? [...forged, badTime] : forged) {
        const url = `${list}${list.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}`;
        await refused('GET', url, undefined, 'cursor', 'invalid_format');
      }
    }
    // A timestamp where the list sorts by date, and a uuid where the audit log expects a number.
    await refused('GET', `/api/v1/agreements?sort=start&cursor=${b64(`{"k":"2026-01-01 00:00:00+00","id":"${UUID}"}`)}`, undefined, 'cursor');
    await refused('GET', `/api/v1/admin/audit?cursor=${b64(`{"k":"2026-01-01 00:00:00+00","id":"${UUID}"}`)}`, undefined, 'cursor');
    await refused('GET', `/api/v1/admin/outbox?cursor=${b64(`{"k":"0000-01-01 00:00:00+00","id":"${UUID}"}`)}`, undefined, 'cursor');
    // Cursors the server made still work.
    const page = await admin.get('/api/v1/admin/audit?limit=1');
    expect(page.body.nextCursor).toBeTruthy();
    expect((await admin.get(`/api/v1/admin/audit?limit=1&cursor=${page.body.nextCursor}`)).status).toBe(200);
    const people = await admin.get('/api/v1/institutions?limit=1&sort=updated');
    expect((await admin.get(`/api/v1/institutions?limit=1&sort=updated&cursor=${people.body.nextCursor}`)).status).toBe(200);
  });

  it('refuses integers beyond int4 in paths, queries and bodies', async () => {
    await refused('GET', `/api/v1/agreements/${agreementId}/versions/2147483648`, undefined, 'versionNo', 'too_big');
    await refused('GET', `/api/v1/agreements/${agreementId}/diff?from=1&to=99999999999`, undefined, 'to', 'too_big');
    await refused('PATCH', `/api/v1/agreements/${agreementId}`, { baseVersion: 2147483648 }, 'baseVersion', 'too_big');
    await refused('PUT', `/api/v1/agreements/${agreementId}/note`, { body: 'x', version: 2147483648 }, 'version', 'too_big');
    await refused('PATCH', `/api/v1/people/${ids.people}`, { version: 2147483648 }, 'version', 'too_big');
  });

  it('refuses dates in year 0000 and outside 1900–2200 on create, edit and renewal', async () => {
    await refused('POST', '/api/v1/agreements', { content: agreementContent({ startDate: '0000-01-01' }) }, 'content.startDate', 'date_range');
    await refused('PATCH', `/api/v1/agreements/${agreementId}`, { baseVersion: 1, content: agreementContent({ endDate: '0000-01-01' }) }, 'content.endDate', 'date_range');
    await refused('POST', `/api/v1/agreements/${agreementId}/renewal`, { startDate: '0000-01-01', endDate: null }, 'startDate', 'date_range');
    await refused('POST', `/api/v1/agreements/${agreementId}/renewal`, { startDate: '2030-01-01', endDate: '2201-01-01' }, 'endDate', 'date_range');
    await refused('POST', '/api/v1/agreements', { content: agreementContent({ signingDate: '2026-02-30' }) }, 'content.signingDate');
    await refused('GET', '/api/v1/admin/audit?from=0000-01-01', undefined, 'from', 'date_range');
  });

  it('refuses malformed multipart and NUL in file names and fields', async () => {
    const url = `/api/v1/agreements/${agreementId}/documents`;
    for (const c of multipartCases(url)) await check(c);
    const res = await check({ label: 'title', method: 'POST', url, payload: multipart({ kind: 'annex', title: 'T\u0000' }, { name: 'x.pdf', bytes: pdf })[0], headers: multipart({}, null)[1], mustName: 'title', schemaStage: true });
    expect(res.body.error.details.fields[0].code).toBe('no_nul');
    await check({ label: 'file name', method: 'POST', url, payload: multipart({ kind: 'annex' }, { name: 'x\u0000.pdf', bytes: pdf })[0], headers: multipart({}, null)[1], mustName: 'file', schemaStage: true });
    await check({ label: 'no boundary', method: 'POST', url, payload: Buffer.from('abc'), headers: { 'content-type': 'multipart/form-data' }, expect: { status: 400, code: 'validation_failed' } });
  });

  it('answers paths outside the docs with 404, and every framework error in our shape', async () => {
    for (const path of ['/api/docs/static/../../package.json', '/api/docs/static/..%2f..%2fpackage.json', '/api/docs/static/%2e%2e/%2e%2e/package.json', '/api/v1/../../package.json']) {
      const res = await rawGet(path);
      expect(checkAnswer({ label: 'dot segments', method: 'GET', url: path }, res)).toEqual([]);
      expect([400, 404], `${path} → ${res.status}`).toContain(res.status);
    }
    // Outside /api/ an unknown path is the web app's page (when built), never a file of the project.
    expect(JSON.stringify((await rawGet('/../package.json')).body)).not.toContain('devDependencies');
    await check({ label: 'long param', method: 'GET', url: `/api/v1/people/${'a'.repeat(201)}`, expect: { status: 414, code: 'uri_too_long' } });
    await check({ label: 'bad encoding', method: 'GET', url: '/api/v1/people/%E0%A4%A', expect: { status: 400, code: 'invalid_url' } });
    await check({ label: 'json parse', method: 'POST', url: '/api/v1/institutions', payload: '{', headers: { 'content-type': 'application/json' }, expect: { status: 400, code: 'validation_failed' } });
    await check({ label: 'media type', method: 'POST', url: '/api/v1/institutions', payload: 'x', headers: { 'content-type': 'application/xml' }, expect: { status: 415, code: 'unsupported_media_type' } });
    await check({ label: 'range', method: 'GET', url: '/api/docs/static/index.css', headers: { range: 'bytes=99999999-' }, expect: { status: 416, code: 'range_not_satisfiable' } });
    const res = await rawGet(`/api/v1/people/${'a'.repeat(300)}`);
    expect(res.status).toBe(414);
    expect(res.body.error.code).toBe('uri_too_long');
    expect(res.headers['x-request-id']).toBe(res.body.requestId);
  });

  it('speaks Vietnamese by default and English when asked', async () => {
    const anonymous = t.client();
    const english = t.client();
    english.language = 'en';
    const probes: [string, string, unknown, string][] = [
      ['GET', '/api/v1/people?q=%00', undefined, 'errors.validation_failed'],
      ['GET', `/api/v1/people/${'a'.repeat(201)}`, undefined, 'errors.uri_too_long'],
      ['GET', '/api/v1/people/%E0%A4%A', undefined, 'errors.invalid_url'],
      ['GET', '/api/v1/nothing-here', undefined, 'errors.not_found'],
    ];
    for (const [method, url, payload, key] of probes) {
      const vi = await anonymous.request(method, url, payload);
      const en = await english.request(method, url, payload);
      expect(vi.body.error.message, url).toContain(translate('vi', key, { entity: 'entities.route', limit: 200 }));
      expect(en.body.error.message, url).toContain(translate('en', key, { entity: 'entities.route', limit: 200 }));
      expect(vi.body.error.message).not.toBe(en.body.error.message);
    }
    const nul = await english.request('GET', '/api/v1/people?q=%00');
    expect(nul.body.error.details.fields[0].message).toBe(translate('en', 'validation.no_nul', { field: translate('en', 'fields.q') }));
    const nulVi = await anonymous.request('GET', '/api/v1/people?q=%00');
    expect(nulVi.body.error.details.fields[0].message).toBe(translate('vi', 'validation.no_nul', { field: translate('vi', 'fields.q') }));
  });
});
