import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runActivityReminders } from '../modules/activities/reminders-job.ts';
import { buildConsortium, buildPerson, buildTenant, buildUser } from '../testing/factories.ts';
import { multipartUpload } from '../testing/multipart.ts';
import { type ApiClient, startTestApp, type TestApp } from '../testing/test-app.ts';

// Red-team pass over the activities module (issue 10: activities, progress, dashboards, exchange balance, import,
// home sections, calendar, reminders), tried as an attacker with a demo account would: another institution in the
// consortium (C) and outside it (D) with every role and every API token scope, a student or member of a party, a
// point of contact of one area, a coordinator; hostile input on every route; a race on the version. Each test states
// the CORRECT behaviour (docs/activities.md, ARCHITECTURE.md "Tenancy", "Policies", "Activities and progress"):
// tests that pass keep a closed attack closed; tests that fail are findings.
//
// The world: A and B are parties; C shares a consortium with A and B; D shares none. The platform's day is
// 1 July 2026 (Vietnam).
//  - `signed`: A–B, active, visible to the consortium (C reads its announcement, never its activities);
//  - `nego`: A–B, in negotiation, kept for the parties (negotiators and points of contact only);
//  - `draft`: A–B, a draft;
//  - `open`: A–B, active, without an end date (recurrences bounded only by the platform's years).

const now = new Date('2026-07-01T05:00:00Z');
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock: { now: () => now } });
});
afterAll(() => t.close());

const db = () => t.database.db;
type Tenant = Awaited<ReturnType<typeof buildTenant>>;

async function ok<T = any>(res: Promise<{ status: number; body: T }>, status = 200): Promise<T> {
  const r = await res;
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body;
}
const fields = (res: { body: any }) => ((res.body?.error?.details?.fields ?? []) as { field: string; code: string }[]).map((f) => [f.field, f.code]);
const text = (res: { body: unknown }) => (typeof res.body === 'string' ? res.body : JSON.stringify(res.body));

// Secrets only the parties' readers may ever see.
const SIGNED_ACTIVITY = 'Qzvkxa hội thảo kín';
const SIGNED_OUTCOME = 'Qzvkxa kết quả mật';
const NEGO_ACTIVITY = 'Wxpqlm phiên đàm phán';
const NEGO_PLANNED = 'Wxpqlm kế hoạch sắp tới';
const PRIVATE_B_NAME = 'Bác Sĩ Riêng Tư Ykzq';
const D_NAME = 'Người Ngoài Liên Minh Ykzd';

interface World {
  a: Tenant;
  b: Tenant;
  c: Tenant;
  d: Tenant;
  coordinatorA: { email: string };
  contactA: { email: string; id: string };
  contactPersonA: { id: string };
  bPrivate: { id: string; email: string | null };
  cPerson: { id: string };
  dPerson: { id: string };
  aPerson: { id: string };
  officerA: ApiClient;
  officerB: ApiClient;
  adminA: ApiClient;
  signed: string;
  nego: string;
  draft: string;
  open: string;
  signedActivity: { id: string; version: number };
  trainingActivity: { id: string; version: number };
  negoActivity: { id: string; version: number };
  negoPlanned: { id: string };
}
let w: World;

const agreementContent = (
  x: { a: Tenant; b: Tenant; contactPersonA: { id: string } },
  title: string,
  extra: Record<string, unknown> = {},
) => ({
  kind: 'cooperation',
  titleVi: title,
  titleEn: title,
  startDate: '2026-01-01',
  endDate: '2028-12-31',
  parties: [{ institutionId: x.a.institution.id }, { institutionId: x.b.institution.id }],
  areas: [
    {
      key: 'research',
      kind: 'research',
      titleVi: 'Nghiên cứu',
      titleEn: 'Research',
      contacts: [{ institutionId: x.a.institution.id, personId: x.contactPersonA.id }],
      targets: [
        { key: 'seminars', metric: 'seminars_held', periodStart: '2026-01-01', periodEnd: '2026-12-31', value: 4 },
        { key: 'exchanges', metric: 'student_exchanges', periodStart: '2026-01-01', periodEnd: '2026-12-31', value: 10 },
      ],
    },
    { key: 'training', kind: 'training', titleVi: 'Đào tạo', titleEn: 'Training' },
  ],
  ...extra,
});

const activity = (x: World, extra: Record<string, unknown> = {}) => ({
  areaKey: 'research',
  kind: 'seminar',
  status: 'done',
  titleVi: 'Hội thảo',
  titleEn: 'Seminar',
  startDate: '2026-03-10',
  endDate: '2026-03-10',
  organiserIds: [x.a.institution.id],
  ...extra,
});

beforeAll(async () => {
  const [a, b, c, d] = await Promise.all([
    buildTenant(db(), { code: 'AKXA' }),
    buildTenant(db(), { code: 'AKXB', kind: 'hospital' }),
    buildTenant(db(), { code: 'AKXC' }),
    buildTenant(db(), { code: 'AKXD' }),
  ]);
  await buildConsortium(db(), [a.institution.id, b.institution.id, c.institution.id]);
  const contactPersonA = await buildPerson(db(), a.institution.id, { fullName: 'Đầu Mối Nghiên Cứu' });
  const contactA = await buildUser(db(), a.institution.id, ['member'], { personId: contactPersonA.id });
  const coordinatorA = await buildUser(db(), a.institution.id, ['coordinator']);
  const aPerson = await buildPerson(db(), a.institution.id, { fullName: 'Giảng Viên A' });
  const bPrivate = await buildPerson(db(), b.institution.id, { fullName: PRIVATE_B_NAME, visibility: 'private', email: 'rieng.tu.ykzq@b.example.test' });
  const cPerson = await buildPerson(db(), c.institution.id, { fullName: 'Người Liên Minh C' });
  const dPerson = await buildPerson(db(), d.institution.id, { fullName: D_NAME, email: 'ngoai.ykzd@d.example.test' });
  const [officerA, officerB, adminA] = await Promise.all([t.login(a.officer.email), t.login(b.officer.email), t.login(a.admin.email)]);
  const base = { a, b, contactPersonA };
  const make = async (title: string, visibility: 'parties' | 'consortium', status: string, extra: Record<string, unknown> = {}) => {
    const created = await ok(officerA.post('/api/v1/agreements', { content: agreementContent(base, title, extra), visibility }), 201);
    await db().updateTable('agreements').set({ status: status as never, ...(status === 'active' ? { signing_date: '2025-12-20' } : {}) }).where('id', '=', created.id).execute();
    return created.id as string;
  };
  const signed = await make('Thỏa thuận đã ký Akx', 'consortium', 'active');
  const nego = await make('Thỏa thuận đàm phán Akx', 'parties', 'negotiation');
  const draft = await make('Bản nháp Akx', 'parties', 'draft');
  const open = await make('Thỏa thuận không thời hạn Akx', 'parties', 'active', { endDate: null });
  const x = { a, b, c, d } as World;
  const signedActivity = (
    await ok(
      officerA.post(`/api/v1/agreements/${signed}/activities`, activity(x, { titleVi: SIGNED_ACTIVITY, titleEn: SIGNED_ACTIVITY, outcomes: SIGNED_OUTCOME, participants: [{ personId: aPerson.id, role: 'lecturer' }] })),
      201,
    )
  ).items[0];
  const trainingActivity = (await ok(officerA.post(`/api/v1/agreements/${signed}/activities`, activity(x, { areaKey: 'training', titleVi: 'Khóa đào tạo', titleEn: 'Training' })), 201)).items[0];
  const negoActivity = (
    await ok(
      officerA.post(`/api/v1/agreements/${nego}/activities`, activity(x, { kind: 'student_exchange', titleVi: NEGO_ACTIVITY, titleEn: NEGO_ACTIVITY, organiserIds: [b.institution.id], counts: [{ institutionId: a.institution.id, role: 'student', count: 7 }] })),
      201,
    )
  ).items[0];
  const negoPlanned = (
    await ok(officerA.post(`/api/v1/agreements/${nego}/activities`, activity(x, { status: 'planned', titleVi: NEGO_PLANNED, titleEn: NEGO_PLANNED, startDate: '2026-07-10', endDate: '2026-07-10' })), 201)
  ).items[0];
  w = {
    ...x,
    coordinatorA,
    contactA,
    contactPersonA,
    bPrivate,
    cPerson,
    dPerson,
    aPerson,
    officerA,
    officerB,
    adminA,
    signed,
    nego,
    draft,
    open,
    signedActivity,
    trainingActivity,
    negoActivity,
    negoPlanned,
  };
});

const SECRETS = () => [SIGNED_ACTIVITY, SIGNED_OUTCOME, NEGO_ACTIVITY, NEGO_PLANNED, w.signedActivity.id, w.negoActivity.id, w.negoPlanned.id, w.trainingActivity.id];
const noSecret = (res: { status: number; body: unknown }, where: string) => {
  for (const s of SECRETS()) expect(text(res), `${where} leaks ${s}`).not.toContain(s);
};

/** The attackers: every role and every API token scope (and all of them) of an institution. */
async function attackersOf(tenant: Tenant, label: string) {
  const out: { name: string; client: ApiClient; hasRead: boolean }[] = [];
  for (const role of ['admin', 'officer', 'member', 'student'] as const) out.push({ name: `${label} ${role}`, client: await t.login(tenant[role].email), hasRead: true });
  const coordinator = await buildUser(db(), tenant.institution.id, ['coordinator']);
  out.push({ name: `${label} coordinator`, client: await t.login(coordinator.email), hasRead: true });
  const admin = await t.login(tenant.admin.email);
  const scopeSets = [['directory:read'], ['directory:write'], ['audit:read'], ['agreements:read'], ['agreements:write'], ['agreements:read', 'agreements:write', 'directory:read', 'directory:write', 'audit:read']];
  for (const scopes of scopeSets) {
    const made = await ok(admin.post('/api/v1/admin/api-tokens', { name: `${label} ${scopes.join('+')}`, scopes }), 201);
    out.push({ name: `${label} token ${scopes.join('+')}`, client: t.client().withToken(made.token), hasRead: scopes.includes('agreements:read') });
  }
  return out;
}

describe('another institution (in the consortium and outside it) reads or writes nothing of a party', () => {
  it('every route answers 404 (403 for a token without agreements:read) and never a secret', async () => {
    const problems: string[] = [];
    const form = () => multipartUpload({ mode: 'all' }, 'x.csv', Buffer.from('areaKey,kind,titleVi,titleEn,startDate,endDate,organisers\r\nresearch,seminar,X,X,2026-03-01,2026-03-01,AKXA\r\n'));
    for (const tenant of [w.c, w.d]) {
      const label = tenant === w.c ? 'C (consortium)' : 'D (outside)';
      for (const { name, client, hasRead } of await attackersOf(tenant, label)) {
        const refused = hasRead ? [404] : [403, 404];
        const check = async (what: string, res: Promise<{ status: number; body: unknown }>, expected = refused) => {
          const r = await res;
          if (!expected.includes(r.status)) problems.push(`${name} ${what}: ${r.status} ${text(r).slice(0, 200)}`);
          for (const s of SECRETS()) if (text(r).includes(s)) problems.push(`${name} ${what}: leaks ${s}`);
        };
        for (const agreement of [w.signed, w.nego]) {
          const tag = agreement === w.signed ? 'signed' : 'nego';
          await check(`GET ${tag} activities`, client.get(`/api/v1/agreements/${agreement}/activities`));
          await check(`GET ${tag} activities?q=Qzvkxa`, client.get(`/api/v1/agreements/${agreement}/activities?q=Qzvkxa`));
          await check(`POST ${tag} activities`, client.post(`/api/v1/agreements/${agreement}/activities`, activity(w, { organiserIds: [tenant.institution.id] })));
          await check(`GET ${tag} progress`, client.get(`/api/v1/agreements/${agreement}/progress`));
          await check(`GET ${tag} import-template`, client.get(`/api/v1/agreements/${agreement}/activities/import-template?format=csv`));
          const f = form();
          await check(`POST ${tag} import`, client.request('POST', `/api/v1/agreements/${agreement}/activities/import`, f.body, f.headers));
        }
        for (const act of [w.signedActivity, w.negoActivity]) {
          await check(`GET activity ${act.id}`, client.get(`/api/v1/activities/${act.id}`));
          for (const version of [1, 2, 3]) await check(`PATCH activity v${version}`, client.patch(`/api/v1/activities/${act.id}`, { version, titleVi: 'Đã sửa' }));
        }
        // Dashboards of A: 403 for an institution C sees, 404 for D which does not see A.
        // (A token without directory:read may not look institutions up at all: 403 whichever the institution.)
        const dashStatus = tenant === w.c ? [403] : name.includes('token') && !name.includes('directory') ? [403, 404] : [404];
        await check('GET A dashboard', client.get(`/api/v1/institutions/${w.a.institution.id}/dashboard?year=2026`), hasRead ? dashStatus : [403, 404]);
        await check('GET A exchange-balance', client.get(`/api/v1/institutions/${w.a.institution.id}/exchange-balance?partnerId=${w.b.institution.id}`), hasRead ? dashStatus : [403, 404]);
        // Their own dashboard with A as the partner: A's agreements with B are no business of theirs.
        const own = await client.get(`/api/v1/institutions/${tenant.institution.id}/dashboard?year=2026&partnerId=${w.a.institution.id}`);
        if (own.status === 200 && own.body.partners.length + own.body.activitiesByKind.length > 0) problems.push(`${name} own dashboard with partner A: ${text(own)}`);
        for (const s of SECRETS()) if (text(own).includes(s)) problems.push(`${name} own dashboard leaks ${s}`);
        const ownBalance = await client.get(`/api/v1/institutions/${tenant.institution.id}/exchange-balance?partnerId=${w.a.institution.id}`);
        if (ownBalance.status === 200 && (ownBalance.body.sent !== 0 || ownBalance.body.received !== 0 || ownBalance.body.activityIds.length > 0)) {
          problems.push(`${name} own balance with A: ${text(ownBalance)}`);
        }
        // Home, calendar, audit, notifications: nothing of A's activities.
        for (const path of ['/api/v1/home', '/api/v1/calendar?from=2026-03-01&to=2026-07-31', '/api/v1/admin/audit?limit=100', '/api/v1/admin/audit?entity=activity&limit=100', '/api/v1/notifications']) {
          const r = await client.get(path);
          if (r.status >= 500) problems.push(`${name} ${path}: ${r.status}`);
          for (const s of SECRETS()) if (text(r).includes(s)) problems.push(`${name} ${path}: leaks ${s}`);
          if (path.includes('entity=activity') && r.status === 200 && r.body.items.length > 0) problems.push(`${name} ${path}: lists ${r.body.items.length} activity entries`);
        }
      }
    }
    expect(problems).toEqual([]);
    // Nothing was written by the attempts.
    const count = await db().selectFrom('activities').select((eb) => eb.fn.countAll<number>().as('n')).where('title_vi', '=', 'Đã sửa').executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  }, 120_000);

  it("the audit log of activities is the parties' admins' only", async () => {
    const adminB = await t.login(w.b.admin.email);
    for (const admin of [w.adminA, adminB]) {
      const res = await ok(admin.get('/api/v1/admin/audit?entity=activity&limit=100'));
      expect(res.items.length).toBeGreaterThan(0);
    }
    for (const outsider of [w.c, w.d]) {
      const res = await ok((await t.login(outsider.admin.email)).get('/api/v1/admin/audit?entity=activity&limit=100'));
      expect(res.items).toEqual([]);
    }
  });
});

describe('roles inside a party', () => {
  it('a student or member who is no point of contact neither records nor edits (403), but reads the signed agreement', async () => {
    for (const who of [w.a.student, w.a.member, w.b.student, w.b.member]) {
      const c = await t.login(who.email);
      const list = await ok(c.get(`/api/v1/agreements/${w.signed}/activities`));
      expect(list.permissions).toEqual({ record: false, recordAreas: [] });
      expect(list.items.every((i: { permissions: { edit: boolean } }) => !i.permissions.edit)).toBe(true);
      const post = await c.post(`/api/v1/agreements/${w.signed}/activities`, activity(w));
      expect(post.status, text(post)).toBe(403);
      const patch = await c.patch(`/api/v1/activities/${w.signedActivity.id}`, { version: w.signedActivity.version, titleVi: 'Sửa bởi sinh viên' });
      expect(patch.status, text(patch)).toBe(403);
      expect((await c.get(`/api/v1/agreements/${w.signed}/activities/import-template?format=csv`)).status).toBe(403);
      const f = multipartUpload({ mode: 'all' }, 'x.csv', Buffer.from('areaKey,kind,titleVi,titleEn,startDate,endDate,organisers\r\nresearch,seminar,X,X,2026-03-01,2026-03-01,AKXA\r\n'));
      expect((await c.request('POST', `/api/v1/agreements/${w.signed}/activities/import`, f.body, f.headers)).status).toBe(403);
    }
  });

  it('a student or member reads no activity of an agreement in negotiation (404 everywhere)', async () => {
    for (const who of [w.a.student, w.a.member, w.b.student, w.b.member]) {
      const c = await t.login(who.email);
      for (const path of [
        `/api/v1/agreements/${w.nego}/activities`,
        `/api/v1/agreements/${w.nego}/progress`,
        `/api/v1/activities/${w.negoActivity.id}`,
        `/api/v1/activities/${w.negoPlanned.id}`,
        `/api/v1/agreements/${w.nego}/activities/import-template`,
      ]) {
        const r = await c.get(path);
        expect(r.status, `${path}: ${text(r)}`).toBe(404);
        noSecret(r, path);
      }
      const patch = await c.patch(`/api/v1/activities/${w.negoActivity.id}`, { version: 1, titleVi: 'x' });
      expect(patch.status).toBe(404);
      // Nor through the home page, the calendar, the dashboard or the exchange balance.
      for (const path of ['/api/v1/home', '/api/v1/calendar?from=2026-07-01&to=2026-07-31']) {
        const r = await ok(c.get(path));
        for (const s of [NEGO_ACTIVITY, NEGO_PLANNED, w.negoActivity.id, w.negoPlanned.id]) expect(text({ body: r }), `${path} leaks ${s}`).not.toContain(s);
      }
      const own = who === w.a.student || who === w.a.member ? w.a : w.b;
      const partner = own === w.a ? w.b : w.a;
      const dash = await ok(c.get(`/api/v1/institutions/${own.institution.id}/dashboard?year=2026&partnerId=${partner.institution.id}`));
      expect(dash.agreementsByStatus.find((s: { status: string }) => s.status === 'negotiation')).toBeUndefined();
      expect(dash.activitiesByKind.find((k: { kind: string }) => k.kind === 'student_exchange')).toBeUndefined();
      const balance = await ok(c.get(`/api/v1/institutions/${own.institution.id}/exchange-balance?partnerId=${partner.institution.id}`));
      expect(balance.activityIds).not.toContain(w.negoActivity.id);
      expect(balance.sent + balance.received).toBe(0);
    }
  });

  it('the negotiators (officer, coordinator) see the negotiation activity in the balance', async () => {
    const coordinator = await t.login(w.coordinatorA.email);
    const balance = await ok(coordinator.get(`/api/v1/institutions/${w.a.institution.id}/exchange-balance?partnerId=${w.b.institution.id}`));
    expect(balance.sent).toBe(7);
    expect(balance.activityIds).toContain(w.negoActivity.id);
  });

  it('a coordinator records and edits under an agreement in negotiation; nobody under a draft', async () => {
    const coordinator = await t.login(w.coordinatorA.email);
    const made = (await ok(coordinator.post(`/api/v1/agreements/${w.nego}/activities`, activity(w, { kind: 'visit', titleVi: 'Phiên làm việc', titleEn: 'Working session' })), 201)).items[0];
    await ok(coordinator.patch(`/api/v1/activities/${made.id}`, { version: made.version, place: 'Hà Nội' }));
    for (const c of [w.officerA, coordinator, w.adminA]) {
      const r = await c.post(`/api/v1/agreements/${w.draft}/activities`, activity(w));
      expect(r.status, text(r)).toBe(403);
    }
  });

  it('a point of contact records in their area only, and moves nothing into or out of it', async () => {
    const contact = await t.login(w.contactA.email);
    const list = await ok(contact.get(`/api/v1/agreements/${w.signed}/activities`));
    expect(list.permissions).toEqual({ record: true, recordAreas: ['research'] });
    const own = (await ok(contact.post(`/api/v1/agreements/${w.signed}/activities`, activity(w, { titleVi: 'Của đầu mối', titleEn: 'Contact’s' })), 201)).items[0];
    expect(own.permissions.edit).toBe(true);
    // Another area: recording, editing, moving in or out are refused.
    expect((await contact.post(`/api/v1/agreements/${w.signed}/activities`, activity(w, { areaKey: 'training' }))).status).toBe(403);
    const other = await ok(contact.get(`/api/v1/activities/${w.trainingActivity.id}`));
    expect(other.permissions.edit).toBe(false);
    expect((await contact.patch(`/api/v1/activities/${w.trainingActivity.id}`, { version: other.version, titleVi: 'Chiếm' })).status).toBe(403);
    expect((await contact.patch(`/api/v1/activities/${w.trainingActivity.id}`, { version: other.version, areaKey: 'research' })).status).toBe(403);
    expect((await contact.patch(`/api/v1/activities/${own.id}`, { version: own.version, areaKey: 'training' })).status).toBe(403);
    // With a recurrence: every occurrence is in the area it named.
    expect((await contact.post(`/api/v1/agreements/${w.signed}/activities`, activity(w, { areaKey: 'training', status: 'planned', startDate: '2026-08-01', endDate: '2026-08-01', recurrence: { every: 'week', until: '2026-09-01' } }))).status).toBe(403);
    // The import: rows of another area are refused, the contact's own go through.
    const csv = 'areaKey,kind,titleVi,titleEn,startDate,endDate,organisers\r\ntraining,seminar,Chiếm,Take,2026-03-01,2026-03-01,AKXA\r\nresearch,seminar,Của tôi,Mine,2026-03-02,2026-03-02,AKXA\r\n';
    const f = multipartUpload({ mode: 'valid-only' }, 'x.csv', Buffer.from(csv));
    const imported = await ok(contact.request('POST', `/api/v1/agreements/${w.signed}/activities/import`, f.body, f.headers));
    expect(imported.created).toBe(1);
    expect(imported.problems).toEqual([expect.objectContaining({ row: 2, column: 'areaKey', code: 'not_area_recorder' })]);
    // The template lists only the contact's area.
    const template = await contact.get(`/api/v1/agreements/${w.signed}/activities/import-template?format=csv`);
    expect(template.status).toBe(200);
    // Under an agreement in negotiation the contact reads it (a point of contact reads it whole) and records in their area.
    await ok(contact.post(`/api/v1/agreements/${w.nego}/activities`, activity(w, { titleVi: 'Đầu mối đàm phán', titleEn: 'Contact nego' })), 201);
    expect((await contact.post(`/api/v1/agreements/${w.nego}/activities`, activity(w, { areaKey: 'training' }))).status).toBe(403);
  });

  it('a point of contact of A does not edit activities when the agreement is edited to remove them as contact', async () => {
    // Covered by contactAreas reading the current projection: a person no longer a contact is a member again.
    const contactPerson2 = await buildPerson(db(), w.a.institution.id, { fullName: 'Đầu Mối Cũ' });
    const formerUser = await buildUser(db(), w.a.institution.id, ['member'], { personId: contactPerson2.id });
    const c = await t.login(formerUser.email);
    const r = await c.patch(`/api/v1/activities/${w.signedActivity.id}`, { version: 1, titleVi: 'x' });
    expect(r.status).toBe(403);
  });
});

describe('participants', () => {
  const post = (c: ApiClient, participants: unknown[]) => c.post(`/api/v1/agreements/${w.signed}/activities`, activity(w, { participants }));

  it('a person of a non-party institution is refused, whether or not the author sees them, without naming them', async () => {
    const inConsortium = await post(w.officerA, [{ personId: w.cPerson.id, role: 'expert' }]);
    expect(inConsortium.status).toBe(400);
    expect(fields(inConsortium)).toEqual([['participants.0.personId', 'participant_not_party']]);
    const outside = await post(w.officerA, [{ personId: w.dPerson.id, role: 'expert' }]);
    expect(outside.status).toBe(400);
    expect(fields(outside)).toEqual([['participants.0.personId', 'unknown_reference']]);
    expect(text(outside)).not.toContain(D_NAME);
  });

  it("a partner's private person is an unknown one (same answer as a person id that does not exist)", async () => {
    const privateOne = await post(w.officerA, [{ personId: w.bPrivate.id, role: 'expert' }]);
    const missing = await post(w.officerA, [{ personId: '00000000-0000-4000-8000-000000000000', role: 'expert' }]);
    expect(privateOne.status).toBe(400);
    expect(fields(privateOne)).toEqual([['participants.0.personId', 'unknown_reference']]);
    expect(fields(missing)).toEqual(fields(privateOne));
    expect(privateOne.body.error.message).toBe(missing.body.error.message);
    expect(text(privateOne)).not.toContain(PRIVATE_B_NAME);
    // The same through a PATCH and through the import (by id and by e-mail).
    const patch = await w.officerA.patch(`/api/v1/activities/${w.trainingActivity.id}`, { version: w.trainingActivity.version, participants: [{ personId: w.bPrivate.id, role: 'expert' }] });
    expect(patch.status).toBe(400);
    expect(fields(patch)).toEqual([['participants.0.personId', 'unknown_reference']]);
    const csv =
      'areaKey,kind,titleVi,titleEn,startDate,endDate,organisers,participants\r\n' +
      `research,seminar,X,X,2026-03-01,2026-03-01,AKXA,${w.bPrivate.id}:expert\r\n` +
      `research,seminar,Y,Y,2026-03-01,2026-03-01,AKXA,${w.bPrivate.email}:expert\r\n` +
      `research,seminar,Z,Z,2026-03-01,2026-03-01,AKXA,${w.dPerson.id}:expert\r\n` +
      'research,seminar,V,V,2026-03-01,2026-03-01,AKXA,ngoai.ykzd@d.example.test:expert\r\n';
    const f = multipartUpload({ mode: 'preview' }, 'x.csv', Buffer.from(csv));
    const res = await ok(w.officerA.request('POST', `/api/v1/agreements/${w.signed}/activities/import`, f.body, f.headers));
    expect(res.validRows).toBe(0);
    expect(text({ body: res })).not.toContain(PRIVATE_B_NAME);
    expect(text({ body: res })).not.toContain(D_NAME);
    expect(res.problems.map((p: { row: number; code: string }) => [p.row, p.code])).toEqual([
      [2, 'unknown_reference'],
      [3, 'unknown_email'],
      [4, 'unknown_reference'],
      [5, 'unknown_email'],
    ]);
  });

  it('the maximum of participants, all the same person, is a clean 400 (duplicate), quickly', async () => {
    const started = Date.now();
    const res = await post(w.officerA, Array.from({ length: 2000 }, () => ({ personId: w.aPerson.id, role: 'lecturer' })));
    expect(res.status).toBe(400);
    expect(fields(res)).toContainEqual(['participants.1.personId', 'duplicate']);
    expect(Date.now() - started).toBeLessThan(5000);
    const over = await post(w.officerA, Array.from({ length: 2001 }, () => ({ personId: w.aPerson.id, role: 'lecturer' })));
    expect(over.status).toBe(400);
    expect(fields(over)).toContainEqual(['participants', 'too_big']);
  });
});

describe('hostile input', () => {
  const TEXT_FIELDS = ['titleVi', 'titleEn', 'descriptionVi', 'descriptionEn', 'place', 'outcomes', 'areaKey'] as const;

  it('NUL, lone surrogates and 10k-character strings in every text field: 400 naming the field (create and edit)', async () => {
    const problems: string[] = [];
    for (const field of TEXT_FIELDS) {
      for (const [label, value] of [
        ['NUL', 'a\u0000b'],
        ['lone high surrogate', 'a\uD800b'],
        ['lone low surrogate', '\uDC00'],
        ['10k', 'x'.repeat(10_000)],
      ] as const) {
        const create = await w.officerA.post(`/api/v1/agreements/${w.signed}/activities`, activity(w, { [field]: value }));
        if (create.status !== 400 || !fields(create).some(([f]) => f === field)) problems.push(`create ${field} ${label}: ${create.status} ${text(create).slice(0, 200)}`);
        const patch = await w.officerA.patch(`/api/v1/activities/${w.trainingActivity.id}`, { version: w.trainingActivity.version, [field]: value });
        if (patch.status !== 400 || !fields(patch).some(([f]) => f === field)) problems.push(`patch ${field} ${label}: ${patch.status} ${text(patch).slice(0, 200)}`);
      }
    }
    const all = await ok(w.officerA.get(`/api/v1/agreements/${w.signed}/activities`));
    for (const [label, value] of [
      ['NUL', 'a\u0000'],
      ['%', '%'],
      ['_', '_'],
      ['backslash', '\\'],
    ] as const) {
      const r = await w.officerA.get(`/api/v1/agreements/${w.signed}/activities?q=${encodeURIComponent(value)}`);
      if (label === 'NUL') {
        if (r.status !== 400 || !fields(r).some(([f]) => f === 'q')) problems.push(`list q ${label}: ${r.status} ${text(r).slice(0, 200)}`);
      } else if (r.status !== 200 || r.body.total > all.total) problems.push(`list q ${label}: ${r.status} total ${r.body?.total}`);
      // (Folding makes LIKE's wildcards spaces: `%` finds what has a space, within what the caller reads — by design.)
    }
    // A lone surrogate sent UTF-8-encoded (CESU) in the query string.
    const cesu = await w.officerA.get(`/api/v1/agreements/${w.signed}/activities?q=%ED%A0%80`);
    if (cesu.status >= 500 || (cesu.status === 200 && cesu.body.total > all.total)) problems.push(`list q surrogate: ${cesu.status} ${text(cesu).slice(0, 200)}`);
    expect(problems).toEqual([]);
    // Nothing of that was stored.
    const fresh = await ok(w.officerA.get(`/api/v1/activities/${w.trainingActivity.id}`));
    expect(fresh.version).toBe(w.trainingActivity.version);
  });

  it('counts beyond int4, 1e20, negative, fractional: 400 naming the count', async () => {
    for (const count of [2 ** 31, 1e20, -1, 1.5, 1_000_001, '12', null]) {
      const res = await w.officerA.post(`/api/v1/agreements/${w.signed}/activities`, activity(w, { counts: [{ institutionId: w.a.institution.id, role: 'student', count }] }));
      expect(res.status, `${count}: ${text(res)}`).toBe(400);
      expect(fields(res).map(([f]) => f), String(count)).toContain('counts.0.count');
    }
    const tooMany = await w.officerA.post(
      `/api/v1/agreements/${w.signed}/activities`,
      activity(w, { counts: Array.from({ length: 201 }, () => ({ institutionId: w.a.institution.id, role: 'student', count: 1 })) }),
    );
    expect(tooMany.status).toBe(400);
  });

  it('impossible dates and years out of range: 400 naming the date', async () => {
    for (const date of ['2026-02-30', '2026-13-01', '1800-01-01', '2300-01-01', '0000-00-00', '+02026-01-01', '2026-1-1', '2026-03-10T00:00:00Z']) {
      const res = await w.officerA.post(`/api/v1/agreements/${w.signed}/activities`, activity(w, { startDate: date }));
      expect(res.status, `${date}: ${text(res)}`).toBe(400);
      expect(fields(res).map(([f]) => f), date).toContain('startDate');
      const patch = await w.officerA.patch(`/api/v1/activities/${w.trainingActivity.id}`, { version: w.trainingActivity.version, endDate: date });
      expect(patch.status, `${date}: ${text(patch)}`).toBe(400);
    }
    // Within the platform's years but outside the configured ones and the agreement's period.
    const old = await w.officerA.post(`/api/v1/agreements/${w.open}/activities`, activity(w, { startDate: '2199-01-01', endDate: '2199-01-01', status: 'planned' }));
    expect(old.status).toBe(400);
    expect(fields(old).map(([f]) => f)).toContain('startDate');
  });

  it('versions, years, limits and cursors out of range or forged: 400', async () => {
    for (const version of [0, -1, 2 ** 31, 1e20, 1.5, '1']) {
      const res = await w.officerA.patch(`/api/v1/activities/${w.trainingActivity.id}`, { version, titleVi: 'x' });
      expect(res.status, `${version}: ${text(res)}`).toBe(400);
    }
    const list = (q: string) => w.officerA.get(`/api/v1/agreements/${w.signed}/activities?${q}`);
    for (const q of ['year=1800', 'year=99999999999', 'year=2026.5', 'limit=0', 'limit=100000', 'limit=1e9', 'cursor=abc', 'cursor=eyJrIjoiMjAyNi0wMi0zMCIsImlkIjoieCJ9', `cursor=${Buffer.from(JSON.stringify(['2026-99-99', 'not-a-uuid'])).toString('base64url')}`, 'status=deleted', 'kind=%25', 'areaKey=%25']) {
      const r = await list(q);
      expect(r.status, `${q}: ${text(r)}`).toBe(400);
    }
    for (const q of ['year=1800', 'year=2026&partnerId=x', 'areaKind=%25', "areaKind=a'b"]) {
      const r = await w.adminA.get(`/api/v1/institutions/${w.a.institution.id}/dashboard?${q}`);
      expect(r.status, `${q}: ${text(r)}`).toBe(400);
    }
    for (const q of ['', 'partnerId=x', `partnerId=${w.b.institution.id}&year=99999999999`]) {
      const r = await w.adminA.get(`/api/v1/institutions/${w.a.institution.id}/exchange-balance?${q}`);
      expect(r.status, `${q}: ${text(r)}`).toBe(400);
    }
    expect((await w.officerA.get(`/api/v1/agreements/${w.signed}/activities/import-template?format=pdf`)).status).toBe(400);
    // A cursor handed back by the list itself works.
    const first = await ok(list('limit=1'));
    expect(first.nextCursor).toBeTruthy();
    await ok(list(`limit=1&cursor=${encodeURIComponent(first.nextCursor)}`));
  });

  it('recurrences: until 9999-12-31 weekly, until far beyond 500 occurrences, not planned: a clean 400, quickly', async () => {
    const started = Date.now();
    const cases: [string, Record<string, unknown>, string][] = [
      ['9999 weekly (signed)', { recurrence: { every: 'week', until: '9999-12-31' } }, 'recurrence.until'],
      ['9999 weekly (open-ended)', { recurrence: { every: 'week', until: '9999-12-31' } }, 'recurrence.until'],
      ['2200 weekly (open-ended)', { recurrence: { every: 'week', until: '2200-12-31' } }, 'recurrence.until'],
      ['2200 monthly (open-ended)', { recurrence: { every: 'month', until: '2200-12-31' } }, 'recurrence.until'],
      ['until before start', { recurrence: { every: 'week', until: '2026-01-01' } }, 'recurrence.until'],
      ['done', { status: 'done', startDate: '2026-03-01', endDate: '2026-03-01', recurrence: { every: 'week', until: '2026-06-01' } }, 'recurrence'],
      ['bad every', { recurrence: { every: 'day', until: '2026-09-01' } }, 'recurrence.every'],
    ];
    for (const [label, extra, field] of cases) {
      const agreement = label.includes('open-ended') ? w.open : w.signed;
      const res = await w.officerA.post(`/api/v1/agreements/${agreement}/activities`, activity(w, { status: 'planned', startDate: '2026-08-03', endDate: '2026-08-03', ...extra }));
      expect(res.status, `${label}: ${text(res)}`).toBe(400);
      expect(fields(res).map(([f]) => f), label).toContain(field);
    }
    expect(Date.now() - started).toBeLessThan(10_000);
    const none = await db().selectFrom('activities').select('id').where('agreement_id', '=', w.open).execute();
    expect(none).toEqual([]);
  });

  it('bad JSON, wrong types, unknown fields: 400 in our shape', async () => {
    const bad = await w.officerA.request('POST', `/api/v1/agreements/${w.signed}/activities`, '{"areaKey":', { 'content-type': 'application/json' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBeDefined();
    const extra = await w.officerA.post(`/api/v1/agreements/${w.signed}/activities`, { ...activity(w), agreementId: w.nego });
    expect(extra.status).toBe(400);
    const wrong = await w.officerA.post(`/api/v1/agreements/${w.signed}/activities`, activity(w, { organiserIds: 'AKXA' }));
    expect(wrong.status).toBe(400);
    const noOrganiser = await w.officerA.post(`/api/v1/agreements/${w.signed}/activities`, activity(w, { organiserIds: [] }));
    expect(noOrganiser.status).toBe(400);
    // An organiser or counted institution that is no party.
    const foreign = await w.officerA.post(`/api/v1/agreements/${w.signed}/activities`, activity(w, { organiserIds: [w.c.institution.id], counts: [{ institutionId: w.d.institution.id, role: 'student', count: 1 }] }));
    expect(fields(foreign)).toEqual([
      ['organiserIds.0', 'not_a_party'],
      ['counts.0.institutionId', 'not_a_party'],
    ]);
  });
});

describe('hostile imports', () => {
  const importAs = (c: ApiClient, fieldsIn: Record<string, string>, name: string, bytes: Buffer, agreement = w.signed) => {
    const f = multipartUpload(fieldsIn, name, bytes);
    return c.request('POST', `/api/v1/agreements/${agreement}/activities/import`, f.body, f.headers);
  };
  const HEADER = 'areaKey,kind,titleVi,titleEn,startDate,endDate,organisers,counts,participants\r\n';

  it('a file over 5 MiB is a 413', async () => {
    const big = Buffer.concat([Buffer.from(HEADER), Buffer.alloc(5 * 1024 * 1024 + 10, 'a')]);
    const res = await importAs(w.officerA, { mode: 'preview' }, 'big.csv', big);
    expect(res.status, text(res).slice(0, 300)).toBe(413);
  });

  it('megabytes of form fields before the file are refused too (the form is bounded, not only the file)', async () => {
    const junk: Record<string, string> = { mode: 'preview' };
    for (let i = 0; i < 12; i++) junk[`pad${i}`] = 'x'.repeat(1024 * 1024 - 10);
    const res = await importAs(w.officerA, junk, 'x.csv', Buffer.from(`${HEADER}research,seminar,X,X,2026-03-01,2026-03-01,AKXA,,\r\n`));
    // 12 MiB of form accepted by an endpoint documented as "at most 5 MiB": each such request holds that much in memory.
    expect(res.status, text(res).slice(0, 300)).toBe(413);
  }, 60_000);

  it('NUL, dates that do not exist, counts beyond int4 in the cells: problems of their rows, never a 500', async () => {
    const rows = [
      'research,seminar,X\u0000,X,2026-03-01,2026-03-01,AKXA,,',
      'research,seminar,X,X,30/02/2026,2026-03-01,AKXA,,',
      'research,seminar,X,X,1800-01-01,1800-01-01,AKXA,,',
      'research,seminar,X,X,2026-03-01,2026-03-01,AKXA,AKXA:student=99999999999999999999,',
      'research,seminar,X,X,2026-03-01,2026-03-01,AKXA,AKXA:student=-5,',
      'research,seminar,X,X,2026-03-01,2026-03-01,AKX\u0000A,,',
      `research,seminar,X,X,2026-03-01,2026-03-01,AKXA,,${'a'.repeat(300)}\u0000@x.test:expert`,
      `research,seminar,${'y'.repeat(10_000)},X,2026-03-01,2026-03-01,AKXA,,`,
      'res%arch,seminar,X,X,2026-03-01,2026-03-01,AKXA,,',
      'research,seminar,X,X,2026-03-01,2026-03-01,AKXC;AKXD,,',
    ];
    // The NUL bytes sit after the first 4096 bytes (a binary file is refused by its head).
    const padding = `${'research,seminar,Đệm,Pad,2026-03-01,2026-03-01,AKXA,,\r\n'.repeat(90)}`;
    const res = await importAs(w.officerA, { mode: 'preview' }, 'x.csv', Buffer.from(`${HEADER}${padding}${rows.join('\r\n')}\r\n`));
    expect(res.status, text(res).slice(0, 500)).toBe(200);
    expect(res.body.invalidRows).toBe(rows.length);
    expect(res.body.created).toBe(0);
  });

  it('tens of thousands of person ids in the participants column: row problems, not a 500', async () => {
    // 36 rows of 2000 distinct unknown ids each: 72,000 ids, more than PostgreSQL's 65,535 bind parameters.
    const hex = (n: number) => n.toString(16).padStart(12, '0');
    const lines: string[] = [];
    for (let r = 0; r < 36; r++) {
      const ids = Array.from({ length: 2000 }, (_, i) => `00000000-0000-4000-8000-${hex(r * 2000 + i + 1)}`).join(';');
      lines.push(`research,seminar,X,X,2026-03-01,2026-03-01,AKXA,,"${ids}"`);
    }
    const file = Buffer.from(`${HEADER}${lines.join('\r\n')}\r\n`);
    expect(file.length).toBeLessThan(5 * 1024 * 1024);
    const res = await importAs(w.officerA, { mode: 'preview' }, 'ids.csv', file);
    expect(res.status, text(res).slice(0, 500)).toBe(200);
    expect(res.body.invalidRows).toBe(36);
  }, 60_000);

  it('(control) 30,000 unknown ids — under the bind-parameter limit — are row problems', async () => {
    const hex = (n: number) => n.toString(16).padStart(12, '0');
    const lines: string[] = [];
    for (let r = 0; r < 15; r++) {
      const ids = Array.from({ length: 2000 }, (_, i) => `00000000-0000-4000-9000-${hex(r * 2000 + i + 1)}`).join(';');
      lines.push(`research,seminar,X,X,2026-03-01,2026-03-01,AKXA,,"${ids}"`);
    }
    const res = await importAs(w.officerA, { mode: 'preview' }, 'ids30k.csv', Buffer.from(`${HEADER}${lines.join('\r\n')}\r\n`));
    expect(res.status, text(res).slice(0, 500)).toBe(200);
    expect(res.body.invalidRows).toBe(15);
  }, 60_000);

  it('a form without a file, a mode that is no mode, a file that is no table: 400/415', async () => {
    const boundary = '----x';
    const onlyMode = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="mode"\r\n\r\nall\r\n--${boundary}--\r\n`);
    const r1 = await w.officerA.request('POST', `/api/v1/agreements/${w.signed}/activities/import`, onlyMode, { 'content-type': `multipart/form-data; boundary=${boundary}` });
    expect(r1.status, text(r1)).toBe(400);
    const r2 = await importAs(w.officerA, { mode: 'everything' }, 'x.csv', Buffer.from(HEADER));
    expect(r2.status).toBe(400);
    expect(fields(r2)).toEqual([['mode', 'invalid_value']]);
    const r3 = await importAs(w.officerA, { mode: 'preview\u0000' }, 'x.csv', Buffer.from(HEADER));
    expect(r3.status).toBe(400);
    const r4 = await importAs(w.officerA, { mode: 'preview' }, 'x.pdf', Buffer.from('%PDF-1.4\n\u0000\u0001binary'));
    expect(r4.status).toBe(415);
    const r5 = await importAs(w.officerA, { mode: 'preview' }, 'x.xlsx', Buffer.from('PK\u0003\u0004not really a zip'));
    expect(r5.status).toBe(415);
    const r6 = await w.officerA.request('POST', `/api/v1/agreements/${w.signed}/activities/import`, { mode: 'all' });
    expect(r6.status).toBe(415);
  });
});

describe('concurrency', () => {
  it('two edits with the same version: exactly one 200 and one 409', async () => {
    const made = (await ok(w.officerA.post(`/api/v1/agreements/${w.signed}/activities`, activity(w, { titleVi: 'Đua', titleEn: 'Race' })), 201)).items[0];
    for (let round = 0; round < 5; round++) {
      const current = await ok(w.officerA.get(`/api/v1/activities/${made.id}`));
      const [x, y] = await Promise.all([
        w.officerA.patch(`/api/v1/activities/${made.id}`, { version: current.version, titleVi: `A${round}` }),
        w.officerB.patch(`/api/v1/activities/${made.id}`, { version: current.version, titleVi: `B${round}`, participants: [{ personId: w.aPerson.id, role: 'lecturer' }] }),
      ]);
      expect([x.status, y.status].sort(), `${text(x)} ${text(y)}`).toEqual([200, 409]);
      const after = await ok(w.officerA.get(`/api/v1/activities/${made.id}`));
      expect(after.version).toBe(current.version + 1);
    }
  });
});

describe('notifications of reminders', () => {
  it('reach only users who may read the agreement', async () => {
    // An agreement in force since 2024 with no activity (dormant) and a target behind near its period's end.
    const old = await ok(
      w.officerA.post('/api/v1/agreements', {
        content: {
          ...agreementContent(w, 'Thỏa thuận ngủ Akx'),
          startDate: '2024-01-01',
          areas: [
            {
              key: 'research',
              kind: 'research',
              titleVi: 'Nghiên cứu',
              titleEn: 'Research',
              contacts: [{ institutionId: w.a.institution.id, personId: w.contactPersonA.id }],
              targets: [{ key: 't1', metric: 'seminars_held', periodStart: '2026-01-01', periodEnd: '2026-12-31', value: 10 }],
            },
          ],
        },
        visibility: 'consortium',
      }),
      201,
    );
    await db().updateTable('agreements').set({ status: 'active', signing_date: '2023-12-20' }).where('id', '=', old.id).execute();
    const since = new Date();
    const run = await runActivityReminders(t.deps, new Date('2026-10-15T03:00:00Z'));
    expect(run.dormant + run.targets).toBeGreaterThan(0);
    const sent = await db()
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .select(['u.institution_id', 'u.roles', 'u.email', 'n.kind'])
      .where('n.subject_id', '=', old.id)
      .where('n.created_at', '>=', since)
      .execute();
    expect(sent.length).toBeGreaterThan(0);
    const parties = new Set([w.a.institution.id, w.b.institution.id]);
    for (const n of sent) {
      expect(parties.has(n.institution_id), n.email).toBe(true);
      const readsWhole = n.roles.some((r: string) => ['institution_admin', 'cooperation_officer', 'coordinator'].includes(r)) || n.email === w.contactA.email;
      expect(readsWhole, `${n.email} ${n.kind}`).toBe(true);
    }
    // Listed notifications: C's users have none about it.
    for (const who of [w.c.admin, w.c.officer, w.d.admin]) {
      const list = await ok((await t.login(who.email)).get('/api/v1/notifications'));
      expect(text({ body: list })).not.toContain(old.id);
    }
  });
});

describe('figures that overflow', () => {
  it('the exchange balance over many counted people answers its figure, not an error', async () => {
    // 400 done exchanges organised by B, each counting a million of A's people in every role: 2.4 billion, past int4.
    const roles = ['lecturer', 'researcher', 'student', 'staff', 'expert', 'other'];
    const counts = roles.map((r) => `AKXA:${r}=1000000`).join(';');
    const lines = Array.from({ length: 400 }, (_, i) => `research,student_exchange,done,Trao đổi ${i},Exchange ${i},2026-02-0${(i % 9) + 1},2026-02-0${(i % 9) + 1},AKXB,${counts},`);
    const f = multipartUpload({ mode: 'all' }, 'many.csv', Buffer.from(`areaKey,kind,status,titleVi,titleEn,startDate,endDate,organisers,counts,participants\r\n${lines.join('\r\n')}\r\n`));
    const imported = await ok(w.officerA.request('POST', `/api/v1/agreements/${w.signed}/activities/import`, f.body, f.headers));
    expect(imported.created, JSON.stringify(imported.problems.slice(0, 3))).toBe(400);
    const problems: string[] = [];
    const balance = await w.adminA.get(`/api/v1/institutions/${w.a.institution.id}/exchange-balance?partnerId=${w.b.institution.id}`);
    if (balance.status !== 200 || !(balance.body.sent >= 2_400_000_000)) problems.push(`exchange-balance: ${balance.status} ${text(balance).slice(0, 300)}`);
    const yearly = await w.adminA.get(`/api/v1/institutions/${w.a.institution.id}/exchange-balance?partnerId=${w.b.institution.id}&year=2026`);
    if (yearly.status !== 200) problems.push(`exchange-balance year: ${yearly.status} ${text(yearly).slice(0, 300)}`);
    const progress = await w.officerA.get(`/api/v1/agreements/${w.signed}/progress`);
    if (progress.status !== 200 || !(progress.body.targets.find((x: { targetKey: string }) => x.targetKey === 'exchanges').actual >= 2_400_000_000)) {
      problems.push(`progress: ${progress.status} ${text(progress).slice(0, 300)}`);
    }
    const dash = await w.adminA.get(`/api/v1/institutions/${w.a.institution.id}/dashboard?year=2026`);
    if (dash.status !== 200) problems.push(`dashboard: ${dash.status} ${text(dash).slice(0, 300)}`);
    const list = await w.adminA.get(`/api/v1/agreements/${w.signed}/activities?kind=student_exchange&limit=100`);
    if (list.status !== 200) problems.push(`list: ${list.status}`);
    expect(problems).toEqual([]);
  }, 120_000);
});
