import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Home, HomeSection } from '../../../contracts/home.ts';
import { hasKey } from '../../../locales/index.ts';
import { DEMO_PASSWORD } from '../../demo/data/index.ts';
import { buildConsortium, buildPerson, buildTenant, buildUser } from '../../testing/factories.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../testing/test-app.ts';
import { MODULES } from '../index.ts';
import { registeredHomeProviders } from './registry.ts';

// The home page per role: which sections each kind of account gets and what is in them, on agreements built
// here (approvals waiting, comments to answer, expiring soon, my areas, open to me, partners' activity); none
// of another institution's records; names, not e-mails; and every demo account has something to do.

const sectionOf = (home: Home, what: string): HomeSection | undefined => home.sections.find((s) => s.key === `agreements.${what}`);
const keysOf = (home: Home) => home.sections.map((s) => s.key.replace(/^agreements\./, ''));
const titlesIn = (section: HomeSection | undefined) => (section?.items ?? []).map((i) => i.title);

async function home(c: ApiClient): Promise<Home> {
  const res = await c.get<Home>('/api/v1/home');
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** A calendar date `days` from today (Vietnam), as agreements store them. */
const inDays = (days: number) => new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

describe('the home page by role', () => {
  let t: TestApp;
  let hust: Awaited<ReturnType<typeof buildTenant>>;
  let bmh: Awaited<ReturnType<typeof buildTenant>>;
  let stranger: Awaited<ReturnType<typeof buildTenant>>;
  let coordinator: { email: string };
  let operator: { email: string };
  let lecturerPerson: { id: string };
  const NEGOTIATED = 'Thỏa thuận thực hành thiết bị (đang đàm phán)';
  const EXPIRING = 'Thỏa thuận trao đổi sinh viên (sắp hết hạn)';
  let negotiatedId: string;
  let expiringId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const db = t.database.db;
    hust = await buildTenant(db, { nameVi: 'Đại học Bách khoa thử' });
    bmh = await buildTenant(db, { nameVi: 'Bệnh viện thử', kind: 'hospital' });
    stranger = await buildTenant(db);
    await buildConsortium(db, [hust.institution.id, bmh.institution.id]);
    // HUST's officer is PGS.TS. Nguyễn Văn An (a person shared with partners), the lecturer a point of contact.
    const officerPerson = await buildPerson(db, hust.institution.id, { fullName: 'Nguyễn Văn An', title: 'PGS.TS.' });
    await db.updateTable('users').set({ person_id: officerPerson.id }).where('id', '=', hust.officer.id).execute();
    const bmhOfficerPerson = await buildPerson(db, bmh.institution.id, { fullName: 'Phạm Thị Bình', title: 'TS.BS.' });
    await db.updateTable('users').set({ person_id: bmhOfficerPerson.id }).where('id', '=', bmh.officer.id).execute();
    lecturerPerson = await buildPerson(db, hust.institution.id, { fullName: 'Trần Giảng Viên', title: 'TS.' });
    await db.updateTable('users').set({ person_id: lecturerPerson.id }).where('id', '=', hust.member.id).execute();
    const coordinatorPerson = await buildPerson(db, hust.institution.id, { fullName: 'Lê Điều Phối', title: 'ThS.' });
    coordinator = await buildUser(db, hust.institution.id, ['coordinator'], { personId: coordinatorPerson.id });
    operator = await buildUser(db, hust.institution.id, ['platform_admin']);
    const bmhContact = await buildPerson(db, bmh.institution.id, { fullName: 'Đầu Mối Bệnh Viện' });

    const officer = await t.login(hust.officer.email);
    const content = (titleVi: string, kind: string, endDate: string) => ({
      kind: 'mou',
      titleVi,
      titleEn: `${titleVi} (en)`,
      startDate: inDays(-400),
      endDate,
      signingDate: inDays(-400),
      parties: [{ institutionId: hust.institution.id }, { institutionId: bmh.institution.id }],
      areas: [
        {
          key: 'main',
          kind,
          titleVi: 'Thực hành tại bệnh viện',
          titleEn: 'Practice at the hospital',
          contacts: [
            { institutionId: hust.institution.id, personId: lecturerPerson.id },
            { institutionId: bmh.institution.id, personId: bmhContact.id },
          ],
        },
      ],
    });
    const negotiated = await officer.post('/api/v1/agreements', { content: content(NEGOTIATED, 'research', inDays(900)) });
    expect(negotiated.status, JSON.stringify(negotiated.body)).toBe(201);
    negotiatedId = negotiated.body.id;
    // HUST approves version 1 (now awaiting Bach Mai's approval); Bach Mai's officer proposes a change.
    const approved = await officer.post(`/api/v1/agreements/${negotiatedId}/approvals`, { contentHash: negotiated.body.contentHash });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const partner = await t.login(bmh.officer.email);
    const proposal = await partner.post(`/api/v1/agreements/${negotiatedId}/comments`, {
      kind: 'proposal',
      areaKey: 'main',
      body: 'Đề nghị giảm số sinh viên mỗi đợt xuống 10.',
    });
    expect(proposal.status, JSON.stringify(proposal.body)).toBe(201);

    // An exchange agreement in force that ends in 30 days (put in force directly: its approvals and signed copy
    // are not what this test is about).
    const expiring = await officer.post('/api/v1/agreements', { content: content(EXPIRING, 'exchange', inDays(30)) });
    expect(expiring.status, JSON.stringify(expiring.body)).toBe(201);
    expiringId = expiring.body.id;
    await db.updateTable('agreements').set({ status: 'expiring' }).where('id', '=', expiringId).execute();
  });
  afterAll(() => t.close());

  it("gives HUST's officer and admin the approvals, comments, expiring agreements and partners' activity", async () => {
    for (const user of [hust.officer, hust.admin]) {
      const h = await home(await t.login(user.email));
      // The officer's account is linked to a person (who may become a point of contact); the admin's is not.
      const areas = user === hust.officer ? ['myAreas'] : [];
      expect(keysOf(h), user.email).toEqual(['approvals', 'discussion', 'expiring', ...areas, 'activity']);
      // HUST approved its version: nothing waits for HUST; an empty section offers to draft.
      expect(sectionOf(h, 'approvals')).toMatchObject({ count: 0, items: [], action: { labelKey: 'home.actions.draftAgreement', path: '/agreements/new' } });
      const discussion = sectionOf(h, 'discussion')!;
      expect(discussion.count).toBe(1);
      expect(discussion.items[0]).toMatchObject({ title: NEGOTIATED, path: `/agreements/${negotiatedId}`, badgeKey: 'statuses.awaiting_approval' });
      // Named by title and name, not by e-mail.
      expect(discussion.items[0].detail).toContain('TS.BS. Phạm Thị Bình');
      expect(discussion.items[0].detail).toContain('Đề nghị giảm số sinh viên');
      expect(JSON.stringify(h)).not.toContain(bmh.officer.email);
      const expiring = sectionOf(h, 'expiring')!;
      expect(titlesIn(expiring)).toEqual([EXPIRING]);
      expect(expiring.items[0]).toMatchObject({ date: inDays(30), detail: 'Hết hạn sau 30 ngày' });
      expect(expiring.morePath).toBe('/agreements?expiringWithinDays=90&sort=end');
      const activity = sectionOf(h, 'activity')!;
      expect(activity.items.map((i) => i.detail)).toEqual(['TS.BS. Phạm Thị Bình (' + bmh.institution.code + ') đã đề xuất sửa đổi']);
    }
  });

  it("gives Bach Mai's officer the approval waiting for it, and HUST's approval as partner activity", async () => {
    const h = await home(await t.login(bmh.officer.email));
    const approvals = sectionOf(h, 'approvals')!;
    expect(approvals.count).toBe(1);
    expect(approvals.items[0]).toMatchObject({ id: negotiatedId, title: NEGOTIATED, detail: `Phiên bản 1 · còn chờ phê duyệt: ${bmh.institution.code}` });
    expect(sectionOf(h, 'discussion')?.count).toBe(0);
    expect(sectionOf(h, 'activity')?.items.map((i) => i.detail)).toEqual([`PGS.TS. Nguyễn Văn An (${hust.institution.code}) đã phê duyệt phiên bản 1`]);
    // In English when asked (the account's saved language is Vietnamese).
    const english = (await (await t.login(bmh.officer.email)).get<Home>('/api/v1/home?lang=en')).body;
    expect(sectionOf(english, 'approvals')?.items[0]).toMatchObject({ title: `${NEGOTIATED} (en)`, detail: `Version 1 · approval still missing from ${bmh.institution.code}` });
  });

  it('gives a coordinator the comments to answer and their areas, but no approvals', async () => {
    const h = await home(await t.login(coordinator.email));
    expect(keysOf(h)).toEqual(['discussion', 'myAreas', 'activity']);
    expect(titlesIn(sectionOf(h, 'discussion'))).toEqual([NEGOTIATED]);
    expect(sectionOf(h, 'myAreas')).toMatchObject({ count: 0, items: [] });
  });

  it('gives a lecturer who is a point of contact their areas, what expires of them and what is open to them', async () => {
    const h = await home(await t.login(hust.member.email));
    expect(keysOf(h)).toEqual(['expiring', 'myAreas', 'openToMe']);
    expect(titlesIn(sectionOf(h, 'expiring'))).toEqual([EXPIRING]);
    expect(sectionOf(h, 'expiring')?.morePath).toBeUndefined();
    const areas = sectionOf(h, 'myAreas')!;
    expect(areas.items.map((i) => i.detail)).toContain('Bạn là đầu mối lĩnh vực “Thực hành tại bệnh viện”');
    expect(titlesIn(areas)).toContain(EXPIRING);
    expect(titlesIn(sectionOf(h, 'openToMe'))).toEqual([EXPIRING]);
    expect(JSON.stringify(h)).not.toContain('Đề nghị giảm'); // the negotiation is not the lecturer's
  });

  it("gives a student the agreements in force open to them, and none of the negotiation", async () => {
    const h = await home(await t.login(hust.student.email));
    expect(keysOf(h)).toEqual(['openToMe']);
    const open = sectionOf(h, 'openToMe')!;
    expect(open.items).toEqual([
      expect.objectContaining({ id: expiringId, title: EXPIRING, detail: 'Lĩnh vực: Thực hành tại bệnh viện', badgeKey: 'statuses.expiring' }),
    ]);
    expect(JSON.stringify(h)).not.toContain(NEGOTIATED);
  });

  it('gives a platform admin every approval still missing, and whose', async () => {
    const h = await home(await t.login(operator.email));
    expect(keysOf(h)).toEqual(['approvals', 'expiring', 'activity']);
    const mine = sectionOf(h, 'approvals')!.items.find((i) => i.id === negotiatedId);
    expect(mine?.detail).toBe(`Phiên bản 1 · còn chờ phê duyệt: ${bmh.institution.code}`);
    expect(titlesIn(sectionOf(h, 'expiring'))).toContain(EXPIRING);
  });

  it("shows another institution none of these agreements, only what to do next", async () => {
    for (const user of [stranger.admin, stranger.officer, stranger.member, stranger.student]) {
      const h = await home(await t.login(user.email));
      const text = JSON.stringify(h);
      for (const secret of [NEGOTIATED, EXPIRING, 'Phạm Thị Bình', 'Nguyễn Văn An', 'Đề nghị giảm']) expect(text, `${user.email}: ${secret}`).not.toContain(secret);
      for (const s of h.sections) expect(s.count, `${user.email} ${s.key}`).toBe(0);
    }
  });

  it('answers API tokens by their scopes, and nobody unsigned', async () => {
    expect((await t.client().get('/api/v1/home')).status).toBe(401);
    const admin = await t.login(hust.admin.email);
    const token = async (scopes: string[]) => {
      const created = await admin.post('/api/v1/admin/api-tokens', { name: `home ${scopes.join(' ')}`, scopes });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      return t.client().withToken(created.body.token);
    };
    // A directory token reads no agreements: no agreement sections. A writing token acts as an officer.
    expect((await home(await token(['directory:read']))).sections).toEqual([]);
    const writer = await home(await token(['agreements:read', 'agreements:write']));
    expect(keysOf(writer)).toEqual(['approvals', 'discussion', 'expiring', 'activity']);
    expect(titlesIn(sectionOf(writer, 'discussion'))).toEqual([NEGOTIATED]);
  });

  it('names every section text in both languages', async () => {
    const seen = new Set<string>();
    for (const user of [hust.officer, hust.member, hust.student, coordinator, operator]) {
      for (const s of (await home(await t.login(user.email))).sections) {
        for (const key of [s.titleKey, s.emptyKey, s.action?.labelKey, ...s.items.map((i) => i.badgeKey)].filter((k): k is string => !!k)) seen.add(key);
      }
    }
    expect(seen.size).toBeGreaterThan(10);
    for (const key of seen) for (const lang of ['vi', 'en'] as const) expect(hasKey(lang, key), `${lang}: ${key}`).toBe(true);
  });

  it('collects the sections of every module that has a provider in MODULES', () => {
    expect(registeredHomeProviders().map((p) => p.module)).toEqual(MODULES.filter((m) => m.home).map((m) => m.name));
  });
});

describe('people and institutions link to their agreements', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ demo: true });
  });
  afterAll(() => t.close());

  const personId = async (email: string) =>
    (await t.database.db.selectFrom('people').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
  const institutionId = async (code: string) =>
    (await t.database.db.selectFrom('institutions').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;

  it("lists a person's areas as point of contact to their institution's people, and to nobody else", async () => {
    const lecturer = await personId('lecturer@hust.demo.hoptac.vn');
    const officer = await t.login('officer@hust.demo.hoptac.vn', DEMO_PASSWORD);
    const res = await officer.get(`/api/v1/people/${lecturer}/agreements`);
    expect(res.status).toBe(200);
    const titles = res.body.items.map((a: { titleVi: string }) => a.titleVi);
    expect(titles).toContain('Biên bản ghi nhớ hợp tác giữa Đại học Bách khoa Hà Nội và Bệnh viện Bạch Mai');
    const mou = res.body.items.find((a: { titleVi: string }) => a.titleVi.startsWith('Biên bản ghi nhớ hợp tác giữa Đại học Bách khoa'));
    expect(mou.areas.map((a: { titleVi: string }) => a.titleVi)).toEqual(['Thực hành, thực tập và tham quan kiến tập']);
    // HMU shares a consortium with HUST and sees the person, but not whom HUST names as its points of contact.
    const hmu = await t.login('officer@hmu.demo.hoptac.vn', DEMO_PASSWORD);
    const fromPartner = await hmu.get(`/api/v1/people/${lecturer}/agreements`);
    if (fromPartner.status === 200) expect(fromPartner.body.items).toEqual([]);
    else expect(fromPartner.status).toBe(404);
  });

  it("lists an institution's agreements as far as the caller may read them", async () => {
    const bmh = await institutionId('BMH');
    const officer = await t.login('officer@hust.demo.hoptac.vn', DEMO_PASSWORD);
    const res = await officer.get(`/api/v1/institutions/${bmh}/agreements`);
    expect(res.status).toBe(200);
    const titles: string[] = res.body.items.map((a: { titleVi: string }) => a.titleVi);
    expect(titles).toEqual(expect.arrayContaining([expect.stringContaining('nền tảng dữ liệu lớn'), expect.stringContaining('Kỹ thuật Y sinh')]));
    // HMU's officer reads BMH's agreements with HMU and the public ones, not HUST's drafts with BMH.
    const hmu = await t.login('officer@hmu.demo.hoptac.vn', DEMO_PASSWORD);
    const partner = await hmu.get(`/api/v1/institutions/${bmh}/agreements`);
    expect(partner.status).toBe(200);
    const seen: string[] = partner.body.items.map((a: { titleVi: string }) => a.titleVi);
    expect(seen.some((x) => x.includes('nền tảng dữ liệu lớn'))).toBe(false);
    expect(seen.some((x) => x.includes('Kỹ thuật Y sinh'))).toBe(false);
  });

  it('needs agreements:read of an API token, and a person or institution the caller may see', async () => {
    const admin = await t.login('admin@hust.demo.hoptac.vn', DEMO_PASSWORD);
    const created = await admin.post('/api/v1/admin/api-tokens', { name: 'directory only', scopes: ['directory:read'] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const token = t.client().withToken(created.body.token);
    const bmh = await institutionId('BMH');
    expect((await token.get(`/api/v1/institutions/${bmh}`)).status).toBe(200);
    expect((await token.get(`/api/v1/institutions/${bmh}/agreements`)).status).toBe(403);
    expect((await token.get(`/api/v1/people/${await personId('lecturer@hust.demo.hoptac.vn')}/agreements`)).status).toBe(403);
    expect((await admin.get('/api/v1/people/00000000-0000-4000-8000-000000000000/agreements')).status).toBe(404);
    expect((await admin.get('/api/v1/institutions/00000000-0000-4000-8000-000000000000/agreements')).status).toBe(404);
  });
});

describe('every demo account has something to do', () => {
  let t: TestApp;
  beforeAll(async () => {
    // The demo's "today" (its data is dated as of 23 November 2026).
    t = await startTestApp({ demo: true, clock: { now: () => new Date('2026-11-23T10:00:00+07:00') } });
  });
  afterAll(() => t.close());

  const EXPECTED: Record<string, string[]> = {
    'admin@demo.hoptac.vn': ['approvals', 'expiring', 'activity'],
    'officer@hust.demo.hoptac.vn': ['approvals', 'discussion', 'expiring', 'activity'],
    'admin@hust.demo.hoptac.vn': ['approvals', 'discussion', 'expiring', 'activity'],
    'officer@bachmai.demo.hoptac.vn': ['approvals', 'activity'],
    'coordinator@hust.demo.hoptac.vn': ['discussion', 'myAreas', 'activity'],
    'lecturer@hust.demo.hoptac.vn': ['myAreas', 'openToMe'],
    'student@hust.demo.hoptac.vn': ['openToMe'],
  };

  for (const [email, nonEmpty] of Object.entries(EXPECTED)) {
    it(`${email}: ${nonEmpty.join(', ')}`, async () => {
      const h = await home(await t.login(email, DEMO_PASSWORD));
      for (const what of nonEmpty) expect(sectionOf(h, what)?.count, `${email} ${what}`).toBeGreaterThan(0);
      expect(JSON.stringify(h)).not.toMatch(/@[a-z]+\.demo\.hoptac\.vn/);
    });
  }

  it("puts the HUST–Bach Mai practice agreement before both officers, with Bach Mai's proposal for HUST", async () => {
    const title = 'Thỏa thuận cụ thể về thực hành của sinh viên Kỹ thuật Y sinh tại Bệnh viện Bạch Mai';
    const hustHome = await home(await t.login('officer@hust.demo.hoptac.vn', DEMO_PASSWORD));
    expect(titlesIn(sectionOf(hustHome, 'approvals'))).toContain(title);
    const proposal = sectionOf(hustHome, 'discussion')!.items.find((i) => i.title === title);
    expect(proposal?.detail).toMatch(/^ThS\. Phí Thị Thùy Dung \(BMH\) đề xuất sửa “Thực hành trang thiết bị y tế tại bệnh viện”: “Phòng Vật tư/);
    expect(titlesIn(sectionOf(await home(await t.login('officer@bachmai.demo.hoptac.vn', DEMO_PASSWORD)), 'approvals'))).toContain(title);
    const lecturer = await home(await t.login('lecturer@hust.demo.hoptac.vn', DEMO_PASSWORD));
    expect(titlesIn(sectionOf(lecturer, 'myAreas'))).toContain(title);
  });
});
