import ExcelJS from 'exceljs';
import ical from 'node-ical';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runGuestDataErasure } from '../modules/delegations/erasure-job.ts';
import { buildConsortium, buildPerson, buildTenant, buildUser } from '../testing/factories.ts';
import { type ApiClient, startTestApp, type TestApp } from '../testing/test-app.ts';

// Red-team pass over issue 11: delegations (guests' personal data, approval), the calendar and its iCalendar feed,
// and the reports, tried as an attacker with a demo account would. Each test states the CORRECT behaviour
// (docs/delegations.md, ARCHITECTURE.md "Tenancy", "Delegations", "Calendar"): passing tests keep an attack closed,
// failing tests are findings.
//
// The world: A handles, B is the partner (both parties of `agreementId`, active, consortium visibility), C shares a
// consortium with A and B (reads the announcement only). The platform's day is 1 July 2026 (Vietnam).

const now = new Date('2026-07-01T03:00:00Z');
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock: { now: () => now }, env: { GUEST_DATA_RETENTION_DAYS: '30' } });
});
afterAll(() => t.close());

const db = () => t.database.db;
type Tenant = Awaited<ReturnType<typeof buildTenant>>;
const text = (res: { body: unknown }) => (typeof res.body === 'string' ? res.body : JSON.stringify(res.body));
const fieldsOf = (res: { body: any }) => ((res.body?.error?.details?.fields ?? []) as { field: string; code: string }[]).map((f) => `${f.field}:${f.code}`);

// The personal data nobody but the handling office may ever read.
const PASSPORT = 'QZ9876543';
const NAME = 'Zhukova Yelizaveta Qxwq';
const DOB = '1969-11-23';
const PASSPORT_EXPIRY = '2033-02-28';
const PII = [PASSPORT, NAME, DOB, PASSPORT_EXPIRY, 'Zhukova', 'Qxwq'];

let a: Tenant;
let b: Tenant;
let c: Tenant;
let agreementId: string;
let otherAgreementId: string;
let staff: { id: string };
let officerA: ApiClient;
let adminA: ApiClient;
let memberA: ApiClient;
let studentA: ApiClient;
let coordinatorA: ApiClient;
let officerB: ApiClient;
let adminB: ApiClient;
let memberB: ApiClient;
let adminC: ApiClient;
let platform: ApiClient;
let tokenRead: ApiClient;
let tokenAll: ApiClient;
let coordinatorAUser: { id: string; email: string };
let memberAUser: { id: string };

const guest = (over: Record<string, unknown> = {}) => ({
  fullName: NAME,
  title: 'GS.',
  gender: 'female',
  dateOfBirth: DOB,
  nationality: 'RU',
  passportNumber: PASSPORT,
  passportExpiry: PASSPORT_EXPIRY,
  ...over,
});
const incoming = (over: Record<string, unknown> = {}) => ({
  direction: 'incoming',
  areaKey: 'exchange',
  partnerId: b.institution.id,
  titleVi: 'Đoàn đối tác thăm A',
  titleEn: 'Partner delegation at A',
  purposeVi: 'Trao đổi hợp tác.',
  purposeEn: 'Cooperation talks.',
  startDate: '2026-09-14',
  endDate: '2026-09-16',
  budgetSource: 'institution',
  lodging: 'Nhà khách A',
  members: [{ personId: staff.id, role: 'Trưởng đoàn tiếp' }],
  guests: [guest()],
  programme: [{ date: '2026-09-14', time: '09:00', what: 'Làm việc', where: 'P1' }],
  ...over,
});

async function create(cl: ApiClient, body: Record<string, unknown>, agreement = agreementId) {
  const res = await cl.post(`/api/v1/agreements/${agreement}/delegations`, body);
  expect(res.status, text(res)).toBe(201);
  return res.body as { id: string; version: number; status: string };
}
async function submitted(body: Record<string, unknown> = {}, approverIds: string[] = []) {
  const d = await create(officerA, incoming(body));
  const s = await officerA.post(`/api/v1/delegations/${d.id}/submit`, { version: d.version, approverIds });
  expect(s.status, text(s)).toBe(200);
  return s.body as { id: string; version: number; status: string };
}
async function approved(body: Record<string, unknown> = {}) {
  const s = await submitted(body);
  const r = await adminA.post(`/api/v1/delegations/${s.id}/decision`, { version: s.version, decision: 'approve', comment: 'OK' });
  expect(r.status, text(r)).toBe(200);
  return r.body as { id: string; version: number; status: string };
}
const auditOf = (id: string, action: string) =>
  db().selectFrom('audit_log').selectAll().where('entity', '=', 'delegation').where('entity_id', '=', id).where('action', '=', action).execute();
async function raw(cl: ApiClient, url: string) {
  const headers: Record<string, string> = {};
  if (cl.cookie) headers.cookie = cl.cookie;
  if (cl.bearer) headers.authorization = `Bearer ${cl.bearer}`;
  const res = await t.app.inject({ method: 'GET', url, headers });
  return { status: res.statusCode, bytes: res.rawPayload, type: res.headers['content-type'] };
}
async function pdfText(bytes: Buffer) {
  const parser = new PDFParse({ data: bytes });
  const out = (await parser.getText()).text;
  await parser.destroy();
  return out;
}
async function xlsxText(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const out: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => out.push(String(cell.text)))));
  return out.join('\n');
}

beforeAll(async () => {
  [a, b, c] = await Promise.all([buildTenant(db(), { code: 'IXA' }), buildTenant(db(), { code: 'IXB', kind: 'hospital' }), buildTenant(db(), { code: 'IXC' })]);
  await buildConsortium(db(), [a.institution.id, b.institution.id, c.institution.id]);
  staff = await buildPerson(db(), a.institution.id, { fullName: 'Cán Bộ Tiếp Đoàn Ix' });
  coordinatorAUser = await buildUser(db(), a.institution.id, ['coordinator']);
  memberAUser = a.member;
  const platformUser = await buildUser(db(), c.institution.id, ['platform_admin']);
  [officerA, adminA, memberA, studentA, coordinatorA, officerB, adminB, memberB, adminC, platform] = await Promise.all([
    t.login(a.officer.email),
    t.login(a.admin.email),
    t.login(a.member.email),
    t.login(a.student.email),
    t.login(coordinatorAUser.email),
    t.login(b.officer.email),
    t.login(b.admin.email),
    t.login(b.member.email),
    t.login(c.admin.email),
    t.login(platformUser.email),
  ]);
  const content = (title: string) => ({
    kind: 'cooperation',
    titleVi: title,
    titleEn: title,
    startDate: '2026-01-01',
    endDate: '2028-12-31',
    parties: [{ institutionId: a.institution.id }, { institutionId: b.institution.id }],
    areas: [{ key: 'exchange', kind: 'exchange', titleVi: 'Trao đổi', titleEn: 'Exchange' }],
  });
  for (const title of ['Thỏa thuận đoàn Ix', 'Thỏa thuận khác Ix']) {
    const made = await officerA.post('/api/v1/agreements', { content: content(title), visibility: 'consortium' });
    expect(made.status, text(made)).toBe(201);
    await db().updateTable('agreements').set({ status: 'active', signing_date: '2025-12-20' }).where('id', '=', made.body.id).execute();
    if (!agreementId) agreementId = made.body.id;
    else otherAgreementId = made.body.id;
  }
  const tok = async (scopes: string[]) => {
    const made = await adminA.post('/api/v1/admin/api-tokens', { name: `ix ${scopes.join('+')}`, scopes });
    expect(made.status, text(made)).toBe(201);
    return t.client().withToken(made.body.token);
  };
  tokenRead = await tok(['agreements:read']);
  tokenAll = await tok(['agreements:read', 'agreements:write', 'directory:read', 'directory:write', 'audit:read']);
});

// ------------------------------------------------------------------------------------------------------------------
describe("1. guests' personal data", () => {
  let id: string;
  beforeAll(async () => {
    id = (await approved()).id;
  });

  it('no one but the handling office reads it, on any route; every read by the office is audited', async () => {
    const problems: string[] = [];
    const readers: [string, ApiClient][] = [
      ['A member', memberA],
      ['A student', studentA],
      ['A coordinator', coordinatorA],
      ['B officer', officerB],
      ['B admin', adminB],
      ['B member', memberB],
      ['C admin', adminC],
      ['platform admin', platform],
      ['A token read', tokenRead],
      ['A token all', tokenAll],
    ];
    const before = (await auditOf(id, 'view_guests')).length;
    for (const [name, cl] of readers) {
      for (const path of [
        `/api/v1/delegations/${id}`,
        '/api/v1/delegations',
        `/api/v1/delegations?agreementId=${agreementId}`,
        `/api/v1/delegations/${id}/guests`,
        '/api/v1/calendar?from=2026-09-01&to=2026-09-30',
        '/api/v1/home',
        '/api/v1/notifications',
        '/api/v1/admin/audit?limit=200',
        '/api/v1/admin/audit?entity=delegation&limit=200',
        `/api/v1/agreements/${agreementId}/activities`,
        `/api/v1/agreements/${agreementId}`,
      ]) {
        const r = await cl.get(path);
        if (r.status >= 500) problems.push(`${name} ${path}: ${r.status}`);
        if (path.endsWith('/guests') && r.status < 400) problems.push(`${name} ${path}: ${r.status}`);
        for (const s of PII) if (text(r).includes(s)) problems.push(`${name} ${path}: leaks ${s}`);
      }
      for (const doc of ['invitation-letter.pdf', 'residence-notice.pdf']) {
        const r = await raw(cl, `/api/v1/delegations/${id}/${doc}`);
        if (r.status < 400) problems.push(`${name} ${doc}: ${r.status}`);
        for (const s of PII) if (r.bytes.toString('latin1').includes(s)) problems.push(`${name} ${doc}: leaks ${s}`);
      }
      for (const path of [
        `/api/v1/agreements/${agreementId}/report.pdf?year=2026`,
        `/api/v1/institutions/${a.institution.id}/report.pdf?year=2026`,
        `/api/v1/institutions/${a.institution.id}/annual-report.xlsx?year=2026`,
        `/api/v1/institutions/${b.institution.id}/annual-report.xlsx?year=2026`,
        `/api/v1/agreements/${agreementId}/activities.xlsx`,
      ]) {
        const r = await raw(cl, path);
        if (r.status >= 500) problems.push(`${name} ${path}: ${r.status}`);
        if (r.status === 200) {
          const body = path.includes('.pdf') ? await pdfText(r.bytes) : await xlsxText(r.bytes);
          for (const s of PII) if (body.includes(s)) problems.push(`${name} ${path}: leaks ${s}`);
        }
      }
    }
    // Nobody outside the office caused (or avoided) an audited read.
    expect((await auditOf(id, 'view_guests')).length).toBe(before);
    // The office: every read counts once.
    for (const cl of [officerA, adminA]) {
      expect((await cl.get(`/api/v1/delegations/${id}/guests`)).body.items[0].passportNumber).toBe(PASSPORT);
      expect((await raw(cl, `/api/v1/delegations/${id}/invitation-letter.pdf`)).status).toBe(200);
      const notice = await raw(cl, `/api/v1/delegations/${id}/residence-notice.pdf`);
      expect(notice.status).toBe(200);
      expect(await pdfText(notice.bytes)).toContain(PASSPORT);
    }
    expect((await auditOf(id, 'view_guests')).length).toBe(before + 6);
    // The office's reports hold nothing personal either.
    for (const path of [`/api/v1/agreements/${agreementId}/report.pdf?year=2026`, `/api/v1/institutions/${a.institution.id}/annual-report.xlsx?year=2026`]) {
      const r = await raw(adminA, path);
      expect(r.status, path).toBe(200);
      const body = path.includes('.pdf') ? await pdfText(r.bytes) : await xlsxText(r.bytes);
      for (const s of PII) if (body.includes(s)) problems.push(`A admin ${path}: leaks ${s}`);
    }
    // Nothing personal in any audit entry, mail or notification of the whole database.
    for (const table of ['audit_log', 'mail_outbox', 'notifications'] as const) {
      const rows = await db().selectFrom(table).selectAll().execute();
      for (const s of PII) if (JSON.stringify(rows).includes(s)) problems.push(`table ${table} holds ${s}`);
    }
    expect(problems).toEqual([]);
  }, 180_000);

  it('a token may not write guests, nor a partner nor a member; error messages do not echo them', async () => {
    const d = await create(officerA, incoming({ guests: [] }));
    const tokenCreate = await tokenAll.post(`/api/v1/agreements/${agreementId}/delegations`, incoming());
    expect(tokenCreate.status).toBe(403);
    const tokenPatch = await tokenAll.patch(`/api/v1/delegations/${d.id}`, { version: d.version, guests: [guest()] });
    expect(tokenPatch.status).toBe(403);
    for (const cl of [memberA, coordinatorA, officerB, adminB, platform]) {
      const r = await cl.patch(`/api/v1/delegations/${d.id}`, { version: d.version, guests: [guest()] });
      expect([403, 404]).toContain(r.status);
    }
    // A duplicate or a bad passport answers the field, never the value.
    const dup = await officerA.post(`/api/v1/agreements/${agreementId}/delegations`, incoming({ guests: [guest(), guest()] }));
    expect(fieldsOf(dup)).toEqual(['guests.1.passportNumber:duplicate']);
    for (const s of PII) expect(text(dup)).not.toContain(s);
    const expired = await officerA.post(`/api/v1/agreements/${agreementId}/delegations`, incoming({ guests: [guest({ passportExpiry: '2026-09-15' })] }));
    for (const s of [PASSPORT, NAME, DOB]) expect(text(expired)).not.toContain(s);
  });

  it('the erasure job (later clock) removes it everywhere, the PDFs included, and logs it once', async () => {
    const d = await approved({ titleVi: 'Đoàn sẽ bị xóa Ix', startDate: '2026-08-10', endDate: '2026-08-11', programme: [] });
    expect((await runGuestDataErasure(t.deps, new Date('2026-09-09T03:00:00Z'))).delegations).toBe(0); // 29 days
    await runGuestDataErasure(t.deps, new Date('2026-09-10T03:00:00Z'));
    const rows = await db().selectFrom('delegation_guests').selectAll().where('delegation_id', '=', d.id).execute();
    expect(rows.length).toBe(1);
    for (const r of rows) expect(r).toMatchObject({ full_name: null, title: null, gender: null, date_of_birth: null, nationality: null, passport_number: null, passport_expiry: null });
    expect(await auditOf(d.id, 'erase_guests')).toHaveLength(1);
    const listed = await officerA.get(`/api/v1/delegations/${d.id}/guests`);
    expect(listed.body).toMatchObject({ erased: true, items: [] });
    for (const doc of ['invitation-letter.pdf', 'residence-notice.pdf']) expect((await raw(officerA, `/api/v1/delegations/${d.id}/${doc}`)).status).toBe(409);
    const got = await officerA.get(`/api/v1/delegations/${d.id}`);
    expect(got.body).toMatchObject({ guestCount: 1, guestsErased: true });
    await runGuestDataErasure(t.deps, new Date('2026-09-11T03:00:00Z'));
    expect(await auditOf(d.id, 'erase_guests')).toHaveLength(1);
  });

  // FINDING: the erasure marks the delegation (`guests_erased_at`) once and never looks at it again; a draft or
  // rejected delegation can still be edited with new guests afterwards, and those are kept for ever (and listed by
  // GET …/guests under `erased: true`).
  it('guests written after an erasure are erased too (or refused): no personal data outlives the retention', async () => {
    const d = await create(officerA, incoming({ titleVi: 'Đoàn nháp quá khứ Ix', startDate: '2026-05-04', endDate: '2026-05-05', programme: [], guests: [guest({ passportNumber: 'PAST1111' })] }));
    await runGuestDataErasure(t.deps, new Date('2026-07-01T03:00:00Z'));
    expect((await db().selectFrom('delegations').select('guests_erased_at').where('id', '=', d.id).executeTakeFirstOrThrow()).guests_erased_at).not.toBeNull();
    const patched = await officerA.patch(`/api/v1/delegations/${d.id}`, { version: d.version, guests: [guest({ passportNumber: 'AFTER2222' })] });
    if (patched.status === 200) {
      // Accepted: then the retention must still apply to it.
      await runGuestDataErasure(t.deps, new Date('2027-06-01T03:00:00Z'));
      const left = await db().selectFrom('delegation_guests').select(['passport_number', 'full_name']).where('delegation_id', '=', d.id).where('passport_number', 'is not', null).execute();
      expect(left, 'personal data kept past its retention').toEqual([]);
    } else expect(patched.status).toBe(409);
  });
});

// ------------------------------------------------------------------------------------------------------------------
describe('2. approval', () => {
  it('only the leadership (or the named approvers) decides, once, on a submitted delegation, at the version read', async () => {
    const s = await submitted();
    const decide = (cl: ApiClient, version = s.version, decision = 'approve') => cl.post(`/api/v1/delegations/${s.id}/decision`, { version, decision, comment: 'x' });
    for (const [name, cl, expected] of [
      ['A officer', officerA, 403],
      ['A member', memberA, 403],
      ['A coordinator', coordinatorA, 403],
      ['A student', studentA, 403],
      ['B admin', adminB, 403],
      ['B officer', officerB, 403],
      ['C admin', adminC, 404],
      ['platform admin', platform, 403],
      ['A token all', tokenAll, 403],
    ] as const) {
      const r = await decide(cl);
      expect(r.status, `${name}: ${text(r)}`).toBe(expected);
      const rj = await decide(cl, s.version, 'reject');
      expect(rj.status, `${name} reject`).toBe(expected);
    }
    expect((await decide(adminA, s.version + 1)).status).toBe(409);
    expect((await decide(adminA, s.version - 1)).status).toBe(409);
    const ok = await decide(adminA);
    expect(ok.status, text(ok)).toBe(200);
    expect((await decide(adminA, ok.body.version)).status).toBe(409);
    expect((await decide(adminA, ok.body.version, 'reject')).status).toBe(409);
    expect((await decide(adminA)).status).toBe(409);
  });

  it('a draft cannot be decided; a race between two decisions leaves one', async () => {
    const d = await create(officerA, incoming());
    expect((await adminA.post(`/api/v1/delegations/${d.id}/decision`, { version: d.version, decision: 'approve' })).status).toBe(409);
    const s = await submitted();
    const admin2 = await t.login((await buildUser(db(), a.institution.id, ['institution_admin'])).email);
    const [r1, r2] = await Promise.all([
      adminA.post(`/api/v1/delegations/${s.id}/decision`, { version: s.version, decision: 'approve' }),
      admin2.post(`/api/v1/delegations/${s.id}/decision`, { version: s.version, decision: 'reject', comment: 'Không' }),
    ]);
    expect([r1.status, r2.status].sort()).toEqual([200, 409]);
    expect((await auditOf(s.id, 'approve')).length + (await auditOf(s.id, 'reject')).length).toBe(1);
  });

  it('named approvers decide alone; an approver of another institution cannot be named nor decide', async () => {
    const approverB = await buildUser(db(), b.institution.id, ['institution_admin']);
    const d = await create(officerA, incoming());
    const bad = await officerA.post(`/api/v1/delegations/${d.id}/submit`, { version: d.version, approverIds: [approverB.id] });
    expect(fieldsOf(bad)).toEqual(['approverIds.0:unknown_reference']);
    // B names its own approver on its own delegation; A's admin is not one of them, and B's approver cannot decide A's.
    const s = await submitted({}, [memberAUser.id]);
    expect((await adminA.post(`/api/v1/delegations/${s.id}/decision`, { version: s.version, decision: 'approve' })).status).toBe(403);
    const bApprover = await t.login(approverB.email);
    expect((await bApprover.post(`/api/v1/delegations/${s.id}/decision`, { version: s.version, decision: 'approve' })).status).toBe(403);
    // A named approver who is disabled after the submission can no longer decide (cannot sign in; session ends).
    const ok = await memberA.post(`/api/v1/delegations/${s.id}/decision`, { version: s.version, decision: 'approve' });
    expect(ok.status, text(ok)).toBe(200);
    // Named approvers: a user id that is not a user, a disabled user.
    const disabled = await buildUser(db(), a.institution.id, ['institution_admin']);
    await db().updateTable('users').set({ status: 'disabled' }).where('id', '=', disabled.id).execute();
    const d2 = await create(officerA, incoming());
    const r = await officerA.post(`/api/v1/delegations/${d2.id}/submit`, { version: d2.version, approverIds: [disabled.id, '00000000-0000-4000-8000-000000000000'] });
    expect(fieldsOf(r).sort()).toEqual(['approverIds.0:unknown_reference', 'approverIds.1:unknown_reference']);
  });

  // Observation (design): the officer who prepares the request may name himself as the only approver and approve it;
  // the documented rule allows it ("approvers named … whatever their role"). Recorded here as current behaviour.
  it('(observation) the preparing officer may name himself and approve his own request', async () => {
    const s = await submitted({}, [a.officer.id]);
    const r = await officerA.post(`/api/v1/delegations/${s.id}/decision`, { version: s.version, decision: 'approve' });
    expect(r.status).toBe(200);
  });
});

// ------------------------------------------------------------------------------------------------------------------
describe('3. calendar and feed', () => {
  async function feedOf(cl: ApiClient) {
    const r = await cl.post('/api/v1/me/calendar-feed');
    expect(r.status, text(r)).toBe(201);
    return new URL(r.body.url).pathname;
  }
  const anon = () => t.client();

  it('forged, revoked, disabled, malformed and traversing tokens answer 404/400, never 500 nor data', async () => {
    const d = await approved({ titleVi: 'Đoàn trên lịch Ix', startDate: '2026-08-03', endDate: '2026-08-04', programme: [] });
    const path = await feedOf(officerA); // who requested it: the feed holds what its owner takes part in
    const good = await anon().get(path);
    expect(good.status).toBe(200);
    expect(text(good)).toContain(`delegation:${d.id}`);
    const token = path.split('/').pop()!.replace(/\.ics$/, '');
    const attempts = [
      `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`,
      token.toUpperCase() === token ? token.toLowerCase() : token.toUpperCase(),
      'a'.repeat(43),
      `${token}%00`,
      '%00'.repeat(20),
      'x'.repeat(10_000),
      '..%2F..%2F..%2Fetc%2Fpasswd',
      '..%2f..%2fadmin%2faudit',
      `${token}%2F..%2F${token}`,
      '%EF%BF%BDaaaaaaaaaaa',
      '%ED%A0%80aaaaaaaaaaa',
    ];
    for (const attempt of attempts) {
      const r = await anon().get(`/api/v1/calendar/feed/${attempt}.ics`);
      expect([400, 404, 414], `${attempt.slice(0, 40)}: ${r.status} ${text(r).slice(0, 200)}`).toContain(r.status);
      expect(text(r)).not.toContain('VEVENT');
    }
    // Traversal outside the route.
    for (const url of [`/api/v1/calendar/feed/../../admin/audit`, `/api/v1/calendar/feed/%2e%2e/%2e%2e/me`]) {
      const r = await anon().get(url);
      expect(r.status, url).toBeGreaterThanOrEqual(400);
      expect(r.status, url).toBeLessThan(500);
    }
    // Replaced → the old URL is dead; revoked → dead; disabled user → dead.
    const replaced = await feedOf(officerA);
    expect((await anon().get(path)).status).toBe(404);
    expect((await anon().get(replaced)).status).toBe(200);
    expect((await officerA.delete('/api/v1/me/calendar-feed')).status).toBe(200);
    expect((await anon().get(replaced)).status).toBe(404);
    const victim = await buildUser(db(), b.institution.id, ['cooperation_officer']);
    const vc = await t.login(victim.email);
    const vpath = await feedOf(vc);
    expect((await anon().get(vpath)).status).toBe(200);
    await db().updateTable('users').set({ status: 'disabled' }).where('id', '=', victim.id).execute();
    expect((await anon().get(vpath)).status).toBe(404);
    // A session cookie does not turn a bad token into someone's feed.
    expect((await adminA.get('/api/v1/calendar/feed/notarealtoken123.ics')).status).toBe(404);
  });

  it("a feed shows only what its owner reads: never another agreement's or institution's delegations", async () => {
    const d = await approved({ titleVi: 'Đoàn riêng A Ix', startDate: '2026-08-05', endDate: '2026-08-06', programme: [] });
    const draft = await create(officerA, incoming({ titleVi: 'Đoàn nháp A Ix', startDate: '2026-08-07', endDate: '2026-08-08', programme: [] }));
    for (const cl of [adminC, await t.login(c.member.email)]) {
      const path = await feedOf(cl);
      const r = await anon().get(path);
      expect(r.status).toBe(200);
      expect(text(r)).not.toContain(d.id);
      expect(text(r)).not.toContain('Đoàn riêng A Ix');
      const cal = await cl.get('/api/v1/calendar?from=2026-08-01&to=2026-08-31');
      expect(text(cal)).not.toContain(d.id);
    }
    // The partner's officer reads it on the calendar page, but it is not in his feed: he takes no part in it.
    expect(text(await officerB.get('/api/v1/calendar?from=2026-08-01&to=2026-08-31'))).toContain(d.id);
    expect(text(await anon().get(await feedOf(officerB)))).not.toContain(d.id);
    const apath = await feedOf(officerA);
    const events = Object.values(ical.sync.parseICS(text(await anon().get(apath)))).filter((e) => e?.type === "VEVENT");
    const uids = events.map((e) => (e as { uid: string }).uid);
    expect(uids).toContain(`delegation:${d.id}`);
    expect(uids).not.toContain(`delegation:${draft.id}`);
    for (const s of PII) expect(JSON.stringify(events)).not.toContain(s);
  });

  it('a title cannot inject iCalendar lines into the feed', async () => {
    const evil = 'Tiêu đề\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:injected\r\nSUMMARY:Injected';
    const d = await approved({ titleVi: evil, titleEn: evil, startDate: '2026-08-12', endDate: '2026-08-12', programme: [] });
    const path = await feedOf(adminA);
    const body = text(await anon().get(path));
    const events = Object.values(ical.sync.parseICS(body)).filter((e) => e?.type === "VEVENT");
    expect(events.map((e) => (e as { uid: string }).uid)).not.toContain('injected');
    expect(events.map((e) => (e as { uid: string }).uid)).toContain(`delegation:${d.id}`);
  });

  it('huge, inverted and malformed ranges on /calendar answer 400', async () => {
    for (const q of ['from=2026-01-01&to=2027-12-31', 'from=0001-01-01&to=9999-12-31', 'from=2026-09-01&to=2026-08-01', 'from=abc&to=def', 'from=2026-02-30&to=2026-03-01', 'from=2026-01-01', '']) {
      const r = await officerA.get(`/api/v1/calendar?${q}`);
      expect(r.status, `${q}: ${text(r).slice(0, 200)}`).toBe(400);
    }
    expect((await t.client().get('/api/v1/calendar?from=2026-01-01&to=2026-02-01')).status).toBe(401);
  });
});

// ------------------------------------------------------------------------------------------------------------------
describe('4. reports', () => {
  it("a non-party gets no agreement report, no signing file and no other institution's annual report", async () => {
    await approved({ titleVi: 'Đoàn báo cáo Ix', startDate: '2026-08-20', endDate: '2026-08-21', programme: [] });
    for (const path of [`/api/v1/agreements/${agreementId}/report.pdf?year=2026`, `/api/v1/agreements/${agreementId}/versions/1/signing.pdf`, `/api/v1/agreements/${agreementId}/versions/1/signing.docx`]) {
      const r = await raw(adminC, path);
      expect(r.status, path).toBe(404);
    }
    for (const cl of [adminC, adminB, officerB, memberA]) {
      const r = await raw(cl, `/api/v1/institutions/${a.institution.id}/annual-report.xlsx?year=2026`);
      if (cl === memberA) expect(r.status).toBe(200);
      else expect(r.status).toBe(403);
      const pdf = await raw(cl, `/api/v1/institutions/${a.institution.id}/report.pdf?year=2026`);
      if (cl !== memberA) expect(pdf.status).toBe(403);
    }
  });

  it('the signing files need an approved version of that very agreement', async () => {
    // The agreements were made active by hand, never approved: 409.
    for (const f of ['signing.pdf', 'signing.docx']) {
      expect((await raw(officerA, `/api/v1/agreements/${agreementId}/versions/1/${f}`)).status).toBe(409);
      for (const v of ['0', '-1', '99999', '2147483648', 'abc', '1.5']) {
        const r = await raw(officerA, `/api/v1/agreements/${agreementId}/versions/${v}/${f}`);
        expect([400, 404], `${v}`).toContain(r.status);
      }
    }
  });

  it('years out of range or not numbers answer 400', async () => {
    for (const y of ['1899', '2201', 'abc', '2026.5', '-1', '99999999999', '']) {
      for (const path of [`/api/v1/agreements/${agreementId}/report.pdf`, `/api/v1/institutions/${a.institution.id}/annual-report.xlsx`, `/api/v1/institutions/${a.institution.id}/report.pdf`, '/api/v1/delegations']) {
        const r = await raw(adminA, `${path}?year=${y}`);
        if (y === '') expect(r.status, `${path} year=`).toBeLessThan(500);
        else expect(r.status, `${path} year=${y}`).toBe(400);
      }
    }
  });

  it("the directory exports never hold a partner's private people", async () => {
    const secret = 'Bác Sĩ Riêng Tư Ixzq';
    await buildPerson(db(), b.institution.id, { fullName: secret, visibility: 'private', email: 'rieng.ixzq@b.example.test' });
    for (const cl of [adminA, officerA, memberA, adminC, tokenAll]) {
      const r = await raw(cl, '/api/v1/people/export.xlsx');
      expect(r.status).toBe(200);
      const body = await xlsxText(r.bytes);
      expect(body).not.toContain(secret);
      expect(body).not.toContain('rieng.ixzq');
      const q = await raw(cl, `/api/v1/people/export.xlsx?q=${encodeURIComponent('Ixzq')}&institutionId=${b.institution.id}`);
      if (q.status === 200) expect(await xlsxText(q.bytes)).not.toContain(secret);
    }
    const own = await raw(adminB, '/api/v1/people/export.xlsx');
    expect(await xlsxText(own.bytes)).toContain(secret);
  });
});

// ------------------------------------------------------------------------------------------------------------------
describe('5. hostile input on delegation routes', () => {
  const post = (body: Record<string, unknown>) => officerA.post(`/api/v1/agreements/${agreementId}/delegations`, body);

  it('NUL, lone surrogates and 10k strings in every text field: 400 naming the field', async () => {
    const problems: string[] = [];
    const d = await create(officerA, incoming());
    const TEXT = ['titleVi', 'titleEn', 'purposeVi', 'purposeEn', 'budgetNote', 'lodging', 'areaKey'];
    for (const field of TEXT) {
      for (const [label, value] of [
        ['NUL', 'a\u0000b'],
        ['lone high surrogate', 'a\uD800b'],
        ['lone low surrogate', '\uDC00'],
        ['10k', 'x'.repeat(10_000)],
      ] as const) {
        const r = await post(incoming({ [field]: value }));
        if (r.status !== 400 || !fieldsOf(r).some((f) => f.startsWith(`${field}:`))) problems.push(`create ${field} ${label}: ${r.status} ${text(r).slice(0, 160)}`);
        const p = await officerA.patch(`/api/v1/delegations/${d.id}`, { version: d.version, [field]: value });
        if (p.status !== 400 || !fieldsOf(p).some((f) => f.startsWith(`${field}:`))) problems.push(`patch ${field} ${label}: ${p.status} ${text(p).slice(0, 160)}`);
      }
    }
    for (const gf of ['fullName', 'title', 'passportNumber']) {
      for (const value of ['a\u0000b', 'a\uD800b', 'x'.repeat(10_000)]) {
        const r = await post(incoming({ guests: [guest({ [gf]: value })] }));
        if (r.status !== 400 || !fieldsOf(r).some((f) => f.startsWith(`guests.0.${gf}:`))) problems.push(`guest ${gf}: ${r.status} ${text(r).slice(0, 160)}`);
      }
    }
    for (const [path, body] of [
      [`/api/v1/delegations/${d.id}/cancel`, { version: d.version, reason: 'a\u0000b' }],
      [`/api/v1/delegations/${d.id}/cancel`, { version: d.version, reason: 'a\uD800' }],
      [`/api/v1/delegations/${d.id}/report`, { version: d.version, outcomes: 'x'.repeat(10_000) }],
    ] as const) {
      const r = await officerA.post(path, body);
      if (r.status !== 400) problems.push(`${path}: ${r.status}`);
    }
    const prog = await officerA.put(`/api/v1/delegations/${d.id}/programme`, { version: d.version, programme: [{ date: '2026-09-14', what: 'a\uD800', where: 'x' }] });
    if (prog.status !== 400 || !fieldsOf(prog).some((f) => f.startsWith('programme.0.what'))) problems.push(`programme surrogate: ${prog.status} ${text(prog).slice(0, 160)}`);
    expect(problems).toEqual([]);
    expect((await officerA.get(`/api/v1/delegations/${d.id}`)).body.version).toBe(d.version);
  });

  it('passports, dates, nationality, guests count, programme: 400 naming the field', async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['passport expiring during the visit', { guests: [guest({ passportExpiry: '2026-09-15' })] }, 'guests.0.passportExpiry:passport_expires'],
      ['passport already expired', { guests: [guest({ passportExpiry: '2020-01-01' })] }, 'guests.0.passportExpiry:passport_expires'],
      ['end before start', { startDate: '2026-09-16', endDate: '2026-09-14', programme: [] }, 'endDate:before_start'],
      ['nationality XX1', { guests: [guest({ nationality: 'XX1' })] }, 'guests.0.nationality'],
      ['nationality 1', { guests: [guest({ nationality: 'R1' })] }, 'guests.0.nationality'],
      ['born in the future', { guests: [guest({ dateOfBirth: '2030-01-01' })] }, 'guests.0.dateOfBirth:future_date'],
      ['born in 1800', { guests: [guest({ dateOfBirth: '1800-01-01' })] }, 'guests.0.dateOfBirth'],
      ['invalid date', { guests: [guest({ dateOfBirth: '1970-02-30' })] }, 'guests.0.dateOfBirth'],
      ['programme after the visit', { programme: [{ date: '2026-09-20', what: 'Sau' }] }, 'programme.0.date:outside_visit'],
      ['programme before the visit', { programme: [{ date: '2026-09-13', what: 'Trước' }] }, 'programme.0.date:outside_visit'],
      ['programme time 25:00', { programme: [{ date: '2026-09-14', time: '25:00', what: 'X' }] }, 'programme.0.time'],
      ['outside the agreement', { startDate: '2029-03-01', endDate: '2029-03-02', programme: [], guests: [guest({ passportExpiry: '2035-01-01' })] }, 'startDate:outside_agreement_period'],
      ['year 9999', { startDate: '9999-01-01', endDate: '9999-01-02', programme: [], guests: [] }, 'startDate'],
      ['guests on outgoing', { direction: 'outgoing' }, 'guests:incoming_only'],
      ['partner is self', { partnerId: a.institution.id }, 'partnerId:not_a_party'],
      ['partner not a party', { partnerId: c.institution.id }, 'partnerId:not_a_party'],
      ['unknown area', { areaKey: 'nope' }, 'areaKey:unknown_reference'],
      ['handling institution B', { institutionId: b.institution.id }, 'institutionId:own_institution_required'],
    ];
    const problems: string[] = [];
    for (const [name, over, expected] of cases) {
      const r = await post(incoming(over));
      if (r.status !== 400 || !fieldsOf(r).some((f) => f.startsWith(expected))) problems.push(`${name}: ${r.status} ${fieldsOf(r).join(',')} ${text(r).slice(0, 160)}`);
    }
    const many = await post(incoming({ guests: Array.from({ length: 2000 }, (_, i) => guest({ passportNumber: `P${String(i).padStart(7, '0')}` })) }));
    if (many.status !== 400 || !fieldsOf(many).some((f) => f.startsWith('guests'))) problems.push(`2000 guests: ${many.status} ${text(many).slice(0, 160)}`);
    // Dates in the past: a draft may be made (docs), but never submitted.
    const past = await create(officerA, incoming({ startDate: '2026-03-01', endDate: '2026-03-02', programme: [], guests: [guest({ passportNumber: 'PASTX123' })] }));
    const sub = await officerA.post(`/api/v1/delegations/${past.id}/submit`, { version: past.version });
    if (!fieldsOf(sub).includes('startDate:past_date')) problems.push(`past submit: ${sub.status} ${fieldsOf(sub)}`);
    // Editing the dates so that the stored passports expire during the visit is refused too.
    const d = await create(officerA, incoming({ guests: [guest({ passportNumber: 'EDIT1234', passportExpiry: '2026-09-20' })] }));
    const moved = await officerA.patch(`/api/v1/delegations/${d.id}`, { version: d.version, startDate: '2026-09-25', endDate: '2026-09-26', programme: [] });
    if (!fieldsOf(moved).includes('guests.0.passportExpiry:passport_expires')) problems.push(`moved dates: ${moved.status} ${fieldsOf(moved)}`);
    // Programme of an approved delegation, outside its days.
    const ap = await approved({ startDate: '2026-10-01', endDate: '2026-10-02', programme: [] });
    const pr = await officerA.put(`/api/v1/delegations/${ap.id}/programme`, { version: ap.version, programme: [{ date: '2026-10-05', what: 'Sau' }] });
    if (!fieldsOf(pr).includes('programme.0.date:outside_visit')) problems.push(`programme put: ${pr.status} ${fieldsOf(pr)}`);
    expect(problems).toEqual([]);
  }, 60_000);

  // FINDING (low): the nationality is "an ISO 3166-1 alpha-2 country code" (docs, contract), yet any two letters pass
  // (XX, ZZ, QQ are no country): it goes on the visa invitation letter to the Immigration Department as written.
  it('a nationality that is no ISO 3166-1 country is refused', async () => {
    for (const n of ['XX', 'ZZ', 'QQ']) {
      const r = await post(incoming({ guests: [guest({ nationality: n })] }));
      expect(r.status, `${n}: ${text(r).slice(0, 160)}`).toBe(400);
      expect(fieldsOf(r).some((f) => f.startsWith('guests.0.nationality'))).toBe(true);
    }
  });

  it('the PDFs survive a full delegation of long and exotic text', async () => {
    const long = 'Ж'.repeat(200);
    const guests = Array.from({ length: 100 }, (_, i) => guest({ fullName: `${long.slice(0, 190)} ${i}`, title: 'Ǆ 🎓 שלום مرحبا'.padEnd(200, '̀'), passportNumber: `L${String(i).padStart(8, '0')}` }));
    const d = await approved({
      lodging: 'W'.repeat(300),
      titleVi: '🎓'.repeat(150),
      purposeVi: 'x'.repeat(4000),
      guests,
      programme: Array.from({ length: 200 }, () => ({ date: '2026-09-15', time: '10:00', what: 'M'.repeat(300), where: 'N'.repeat(300) })),
    });
    for (const doc of ['invitation-letter.pdf', 'residence-notice.pdf']) {
      const started = Date.now();
      const r = await raw(adminA, `/api/v1/delegations/${d.id}/${doc}`);
      expect(r.status, doc).toBe(200);
      expect(Date.now() - started, `${doc} took`).toBeLessThan(20_000);
      expect(await pdfText(r.bytes)).toContain('L00000099');
    }
  }, 90_000);

  it('unknown, malformed and foreign ids: 404/400, never 500', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid', '%00', "1' OR '1'='1"]) {
      for (const sub of ['', '/guests', '/invitation-letter.pdf']) {
        const r = await officerA.get(`/api/v1/delegations/${encodeURIComponent(id)}${sub}`);
        expect([400, 404], `${id}${sub}: ${r.status}`).toContain(r.status);
      }
    }
    // A delegation under another agreement is not reachable through this one's list filter.
    const other = await create(officerA, incoming({ guests: [] }), otherAgreementId);
    const list = await officerA.get(`/api/v1/delegations?agreementId=${agreementId}&limit=100`);
    expect(list.body.items.map((x: { id: string }) => x.id)).not.toContain(other.id);
  });
});
