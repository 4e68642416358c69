import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenScope } from '../../contracts/accounts.ts';
import { buildConsortium, buildPerson, buildTenant, buildUnit } from '../testing/factories.ts';
import { type ApiClient, startTestApp, type TestApp } from '../testing/test-app.ts';

// Walks every route of the OpenAPI document as another institution's admin (and its API token) and
// fails on any leak of institution A's private records. New routes are covered automatically; a route
// whose body this file cannot build fails the test, so nobody can add a route that escapes the walk.
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
      if (schema.format === 'email') return 'walker@example.test';
      if (schema.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
      if (schema.format === 'uri') return 'https://example.test';
      if (schema.format === 'date') return '2026-01-01';
      if (schema.pattern === '^[A-Z]{2}$') return 'VN';
      if (schema.pattern) return 'WALK-1';
      return 'walker-value-123'.slice(0, Math.max(schema.minLength ?? 1, 16));
    }
  }
}

let t: TestApp;
let secrets: string[];
let privateIds: Record<string, string>;
let a: Awaited<ReturnType<typeof buildTenant>>;
let b: Awaited<ReturnType<typeof buildTenant>>;

beforeAll(async () => {
  t = await startTestApp();
  const db = t.database.db;
  a = await buildTenant(db);
  b = await buildTenant(db);
  // A shares a consortium with a third institution, not with B.
  const c = await buildTenant(db);
  const consortium = await buildConsortium(db, [a.institution.id, c.institution.id]);
  const unit = await buildUnit(db, a.institution.id, { nameVi: 'Khoa Bí Mật' });
  const person = await buildPerson(db, a.institution.id, { fullName: 'Người Riêng Tư Của A', email: 'secret.person@a.test', unitId: unit.id });
  const privatePerson = await buildPerson(db, a.institution.id, { fullName: 'Hồ Sơ Kín', visibility: 'private' });
  const adminA = await t.login(a.admin.email);
  const inv = await adminA.post('/api/v1/admin/invitations', { email: 'invitee.of.a@a.test', displayName: 'Khách Của A', roles: ['member'] });
  const token = await adminA.post('/api/v1/admin/api-tokens', { name: 'A token', scopes: ['directory:read'] });
  const c1 = await t.login(c.officer.email);
  const pocA = await buildPerson(db, a.institution.id, { fullName: 'Đầu Mối A' });
  const pocC = await buildPerson(db, c.institution.id, { fullName: 'Đầu Mối C' });
  const agreement = await adminA.post('/api/v1/agreements', {
    content: {
      kind: 'mou',
      titleVi: 'Thỏa thuận bí mật giữa A và C',
      titleEn: 'Secret agreement between A and C',
      startDate: '2026-01-01',
      parties: [{ institutionId: a.institution.id }, { institutionId: c.institution.id }],
      areas: [{ key: 'research', kind: 'research', titleVi: 'Nghiên cứu', titleEn: 'Research', contacts: [{ institutionId: a.institution.id, personId: pocA.id }, { institutionId: c.institution.id, personId: pocC.id }] }],
    },
  });
  await adminA.put(`/api/v1/agreements/${agreement.body.id}/note`, { body: 'Ghi chú mật của A', version: 0 });
  await c1.post(`/api/v1/agreements/${agreement.body.id}/comments`, { body: 'Góp ý của C' });
  const notification = await t.database.db.selectFrom('notifications').select('id').where('user_id', '=', a.admin.id).executeTakeFirstOrThrow();
  privateIds = {
    agreement: agreement.body.id,
    notification: notification.id,
    institution: a.institution.id,
    unit: unit.id,
    person: person.id,
    privatePerson: privatePerson.id,
    user: a.member.id,
    admin: a.admin.id,
    invitation: inv.body.id,
    apiToken: token.body.id,
    consortium: consortium.id,
  };
  secrets = [...Object.values(privateIds), 'Thỏa thuận bí mật giữa A và C', 'Ghi chú mật của A', 'Góp ý của C', a.institution.code, 'Khoa Bí Mật', 'secret.person@a.test', 'Hồ Sơ Kín', 'invitee.of.a@a.test', a.member.email];
});
afterAll(() => t.close());

async function walk(caller: () => Promise<ApiClient>) {
  type Operation = {
    requestBody?: { content: Record<string, { schema: JsonSchema }> };
    parameters?: { in: string; name: string; required?: boolean; schema: JsonSchema }[];
  };
  const doc = (await t.client().get('/api/docs/json')).body as { paths: Record<string, Record<string, Operation>> };
  const calls: string[] = [];
  let client = await caller();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      // Every id parameter takes each of A's ids in turn; other parameters get a plain valid value.
      const fill = (id: string) =>
        path.replace(/\{([^}]+)\}/g, (_, name: string) => (name === 'id' ? id : name === 'versionNo' ? '1' : 'walker-token-0123456789'));
      const withIds = path.includes('{id}') ? Object.values(privateIds).map(fill) : [fill('')];
      const query = (op.parameters ?? [])
        .filter((p) => p.in === 'query' && p.required)
        .map((p) => `${p.name}=${encodeURIComponent(String(sample(p.schema, p.name)))}`)
        .join('&');
      for (const bare of withIds) {
        const url = query ? `${bare}?${query}` : bare;
        const schema = op.requestBody?.content['application/json']?.schema;
        const body = schema ? sample(schema) : undefined;
        if (url.endsWith('/auth/logout')) continue; // ends the walker's own session; covered elsewhere
        const res = await client.request(method.toUpperCase(), url, body);
        calls.push(`${method.toUpperCase()} ${path} → ${res.status}`);
        const text = JSON.stringify(res.body);
        for (const s of secrets) expect(text.includes(s), `${method.toUpperCase()} ${url} leaked ${s}: ${text.slice(0, 300)}`).toBe(false);
        if (path.includes('{id}')) {
          expect(res.status, `${method.toUpperCase()} ${url} answered ${res.status}: ${text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
          if (res.status === 400) {
            // A 400 must be about the id itself (a route for a different kind of record), never a body we failed to build.
            expect(text, `${method.toUpperCase()} ${url}: could not build a valid body`).not.toContain('"field":"body"');
          }
          if (method === 'get') expect(res.status, `${url}`).toBe(404);
        }
        if (res.status === 401) client = await caller();
      }
    }
  }
  return calls;
}

describe('tenancy across every route', () => {
  it('gives another institution’s admin no access to A’s private records', async () => {
    const calls = await walk(() => t.login(b.admin.email));
    expect(calls.length).toBeGreaterThan(100);
  });

  it('gives another institution’s API token no access either', async () => {
    const adminB = await t.login(b.admin.email);
    const token = await adminB.post('/api/v1/admin/api-tokens', { name: 'B all scopes', scopes: TokenScope.options });
    const calls = await walk(async () => t.client().withToken(token.body.token));
    expect(calls.length).toBeGreaterThan(100);
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
