import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Role, TokenScope } from '../../platform/context.ts';
import { buildTenant, buildUser } from '../../testing/factories.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../testing/test-app.ts';
import type { Agreement } from '../../../contracts/agreements.ts';
import { agreementPermissions, canAttach, canDraft } from './policy.ts';

// Who may do what with an agreement (policy.ts, from the one role table in platform/capabilities.ts), as a
// role × action matrix: first the predicates, then the API itself for every role, for a party and for an
// institution that sees the agreement without being a party — and the `permissions` the presenter answers
// must say exactly what the API then allows (the web offers only those).

const ACTIONS = ['draft', 'edit', 'approve', 'transition', 'comment', 'note', 'attachAnnex', 'attachSigned'] as const;
type Action = (typeof ACTIONS)[number];
type Row = Record<Action, boolean>;

const none: Row = { draft: false, edit: false, approve: false, transition: false, comment: false, note: false, attachAnnex: false, attachSigned: false };
const officerRow: Row = { draft: true, edit: true, approve: true, transition: true, comment: true, note: true, attachAnnex: true, attachSigned: true };

/** What each kind of actor of a PARTY institution may do. The coordinator rule: discuss and attach working documents, not the signed copy. */
const PARTY: Record<string, Row> = {
  platform_admin: { ...none, draft: true }, // operates the platform; acts for a party only through a staff role
  institution_admin: officerRow,
  cooperation_officer: officerRow,
  coordinator: { ...none, comment: true, note: true, attachAnnex: true },
  member: none,
  student: none,
  'token agreements:read': none,
  'token agreements:read,agreements:write': officerRow,
  'token agreements:write': none, // may not read: every act answers the agreement
};

/** The acts among the permissions (what each reader reads is visibility-matrix.test.ts's). */
const actsOf = ({ edit, approve, transition, comment, note, attach, attachSigned }: Agreement['permissions']) => ({ edit, approve, transition, comment, note, attach, attachSigned });

const actor = (roles: Role[], scopes: TokenScope[] | null = null, institutionId = 'inst-a'): Actor => ({
  kind: scopes ? 'token' : 'user',
  userId: scopes ? null : 'u',
  tokenId: scopes ? 't' : null,
  institutionId,
  roles,
  scopes,
  label: 'x',
});
const ACTORS: Record<string, Actor> = {
  platform_admin: actor(['platform_admin']),
  institution_admin: actor(['institution_admin']),
  cooperation_officer: actor(['cooperation_officer']),
  coordinator: actor(['coordinator']),
  member: actor(['member']),
  student: actor(['student']),
  'token agreements:read': actor(['cooperation_officer'], ['agreements:read']),
  'token agreements:read,agreements:write': actor(['cooperation_officer'], ['agreements:read', 'agreements:write']),
  'token agreements:write': actor(['cooperation_officer'], ['agreements:write']),
};

describe('agreement policy predicates', () => {
  it.each(Object.keys(PARTY))('%s: as a party, and not as a non-party', (name) => {
    const a = ACTORS[name];
    const expected = PARTY[name];
    const asParty = agreementPermissions(a, { partyIds: ['inst-a', 'inst-b'], status: 'draft', involved: false });
    expect({
      draft: canDraft(a),
      edit: asParty.edit,
      approve: asParty.approve,
      transition: asParty.transition,
      comment: asParty.comment,
      note: asParty.note,
      attachAnnex: asParty.attach,
      attachSigned: asParty.attachSigned,
    }).toEqual(expected);
    const asOutsider = agreementPermissions(a, { partyIds: ['inst-b', 'inst-c'], status: 'draft', involved: false });
    expect(Object.values(actsOf(asOutsider)).some(Boolean)).toBe(false);
    for (const kind of ['signed', 'annex', 'minutes', 'other'] as const) expect(canAttach(a, ['inst-b'], kind)).toBe(false);
  });

  it('closes editing and approving once the agreement is no longer open, but not the rest', () => {
    const p = agreementPermissions(ACTORS.cooperation_officer, { partyIds: ['inst-a'], status: 'active', involved: false });
    expect(actsOf(p)).toEqual({ edit: false, approve: false, transition: true, comment: true, note: true, attach: true, attachSigned: true });
  });

  it('counts a staff role a platform admin also holds', () => {
    const both = actor(['platform_admin', 'cooperation_officer']);
    expect(agreementPermissions(both, { partyIds: ['inst-a'], status: 'draft', involved: false }).approve).toBe(true);
    expect(agreementPermissions(both, { partyIds: ['inst-b'], status: 'draft', involved: false }).approve).toBe(false);
  });
});

// ---- the same matrix through the API

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

type Tenant = Awaited<ReturnType<typeof buildTenant>>;

/** A client acting as `name` for institution `x`. */
async function clientFor(name: string, x: Tenant): Promise<ApiClient> {
  if (name.startsWith('token ')) {
    const admin = await t.login(x.admin.email);
    const token = await admin.post('/api/v1/admin/api-tokens', { name: 'matrix', scopes: name.slice('token '.length).split(',') });
    expect(token.status, JSON.stringify(token.body)).toBe(201);
    return t.client().withToken(token.body.token);
  }
  const user = await buildUser(t.database.db, x.institution.id, [name as Role]);
  return t.login(user.email);
}

const content = (title: string, parties: string[]) => ({
  kind: 'mou',
  titleVi: title,
  titleEn: title,
  startDate: '2026-01-01',
  parties: parties.map((institutionId) => ({ institutionId })),
});

function multipart(kind: string) {
  const boundary = '----hoptac-matrix';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n${kind}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${kind}.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
    Buffer.from(`%PDF-1.4\n% ${kind} ${Math.random()}\n%%EOF\n`),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Tries every action on agreement `id` as `c` (the state is read fresh by `reader` before each); the statuses. */
async function tryEverything(c: ApiClient, reader: ApiClient, id: string, draftParties: string[]): Promise<Record<Action, number>> {
  const current = async () => (await reader.get(`/api/v1/agreements/${id}`)).body;
  const out = {} as Record<Action, number>;
  out.draft = (await c.post('/api/v1/agreements', { content: content('Bản nháp ma trận', draftParties) })).status;
  const before = await current();
  out.edit = (await c.patch(`/api/v1/agreements/${id}`, { baseVersion: before.versionNo, content: { ...before.content, summaryVi: `sửa ${Math.random()}` } })).status;
  out.transition = (await c.post(`/api/v1/agreements/${id}/transitions`, { to: (await current()).status === 'draft' ? 'negotiation' : 'draft' })).status;
  out.approve = (await c.post(`/api/v1/agreements/${id}/approvals`, { contentHash: (await current()).contentHash })).status;
  out.comment = (await c.post(`/api/v1/agreements/${id}/comments`, { body: 'Góp ý ma trận' })).status;
  const note = await c.get(`/api/v1/agreements/${id}/note`);
  out.note = (await c.put(`/api/v1/agreements/${id}/note`, { body: 'Ghi chú ma trận', version: note.status === 200 ? note.body.version : 0 })).status;
  const annex = multipart('annex');
  out.attachAnnex = (await c.request('POST', `/api/v1/agreements/${id}/documents`, annex.body, annex.headers)).status;
  const signed = multipart('signed');
  out.attachSigned = (await c.request('POST', `/api/v1/agreements/${id}/documents`, signed.body, signed.headers)).status;
  return out;
}

const ok = (status: number) => status >= 200 && status < 300;
/** A token without agreements:read reads no agreement at all: 403 before anything else. */
const readsAgreements = (name: string) => name !== 'token agreements:write';
/** A party's members and students do not see a draft (the negotiation): 404, like anything unseen. */
const seesDrafts = (name: string) => readsAgreements(name) && name !== 'member' && name !== 'student';

describe('agreement policy through the API', () => {
  it.each(Object.keys(PARTY))('%s of a party: does exactly what the matrix and its permissions say', async (name) => {
    const a = await buildTenant(t.database.db);
    const b = await buildTenant(t.database.db);
    const officerB = await t.login(b.officer.email);
    const created = await officerB.post('/api/v1/agreements', { content: content('Ma trận vai trò', [b.institution.id, a.institution.id]) });
    expect(created.status).toBe(201);
    const c = await clientFor(name, a);
    const seen = await c.get(`/api/v1/agreements/${created.body.id}`);
    expect(seen.status).toBe(seesDrafts(name) ? 200 : readsAgreements(name) ? 404 : 403);
    const statuses = await tryEverything(c, officerB, created.body.id, [a.institution.id, b.institution.id]);
    const expected = PARTY[name];
    for (const action of ACTIONS) {
      expect(ok(statuses[action]), `${name} ${action}: ${statuses[action]}`).toBe(expected[action]);
      if (!expected[action]) expect(statuses[action], `${name} ${action}`).toBe(action === 'draft' || seesDrafts(name) || !readsAgreements(name) ? 403 : 404);
    }
    if (!seesDrafts(name)) return;
    expect(seen.body.myInstitutionIsParty).toBe(true);
    const p = seen.body.permissions;
    expect({ edit: p.edit, approve: p.approve, transition: p.transition, comment: p.comment, note: p.note, attachAnnex: p.attach, attachSigned: p.attachSigned }).toEqual({
      edit: expected.edit,
      approve: expected.approve,
      transition: expected.transition,
      comment: expected.comment,
      note: expected.note,
      attachAnnex: expected.attachAnnex,
      attachSigned: expected.attachSigned,
    });
  });

  it.each(Object.keys(PARTY))('%s of an institution that sees the agreement but is no party: 403 for every act', async (name) => {
    const a = await buildTenant(t.database.db);
    const b = await buildTenant(t.database.db);
    const d = await buildTenant(t.database.db);
    const officerB = await t.login(b.officer.email);
    const created = await officerB.post('/api/v1/agreements', { content: content('Ma trận công khai', [b.institution.id, d.institution.id]), visibility: 'public' });
    expect(created.status).toBe(201);
    // Public and in force: a draft is not announced to anybody (docs/agreement-visibility.md).
    await t.database.db.updateTable('agreements').set({ status: 'active' }).where('id', '=', created.body.id).execute();
    const c = await clientFor(name, a);
    const seen = await c.get(`/api/v1/agreements/${created.body.id}`);
    expect(seen.status).toBe(readsAgreements(name) ? 200 : 403);
    if (seen.status === 200) expect(Object.values(actsOf(seen.body.permissions)).some(Boolean), JSON.stringify(seen.body.permissions)).toBe(false);
    // Drafting an agreement of other institutions: only the platform admin; officers are told to be a party.
    const statuses = await tryEverything(c, officerB, created.body.id, [b.institution.id, d.institution.id]);
    expect(statuses.draft, `${name} draft`).toBe(name === 'platform_admin' ? 201 : PARTY[name].draft ? 400 : 403);
    for (const action of ACTIONS.filter((x) => x !== 'draft')) expect(statuses[action], `${name} ${action}`).toBe(403);
    // The parties' negotiation does not exist for them (platform admins read everything but another party's note).
    const hidden = readsAgreements(name) ? 404 : 403;
    expect((await c.get(`/api/v1/agreements/${created.body.id}/comments`)).status, `${name} comments`).toBe(name === 'platform_admin' ? 200 : hidden);
    expect((await c.get(`/api/v1/agreements/${created.body.id}/note`)).status, `${name} note`).toBe(hidden);
  });

  it('answers 404, not 403, for every act on an agreement the actor may not see', async () => {
    const a = await buildTenant(t.database.db);
    const b = await buildTenant(t.database.db);
    const d = await buildTenant(t.database.db);
    const officerB = await t.login(b.officer.email);
    const created = await officerB.post('/api/v1/agreements', { content: content('Ma trận kín', [b.institution.id, d.institution.id]) });
    for (const name of ['institution_admin', 'coordinator', 'member', 'token agreements:read,agreements:write']) {
      const c = await clientFor(name, a);
      const statuses = await tryEverything(c, officerB, created.body.id, [a.institution.id, b.institution.id]);
      for (const action of ACTIONS.filter((x) => x !== 'draft')) expect(statuses[action], `${name} ${action}`).toBe(404);
    }
  });
});
