import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsortium, buildInstitution, buildPerson, buildTenant, buildUser } from '../testing/factories.ts';
import { type ApiClient, startTestApp, type TestApp } from '../testing/test-app.ts';

// Red-team pass over issue 9 (agreement visibility per role and the public announcement, agreement search over
// the parties' codes and names, dates that make sense, the staff-only contact picker), tried as an attacker
// with a demo account would: a student or member of a party, a point of contact, an institution of the
// consortium, an institution outside it. Each test states the CORRECT behaviour (docs/agreement-visibility.md,
// ARCHITECTURE.md "Tenancy", "Policies", "Agreements"): tests that pass keep a closed attack closed; tests that
// fail are findings (see the report that came with this file).
//
// The world: A drafts with B; C shares a consortium with A and B; D shares none. E and F are two institutions
// that share nothing with anyone and keep an agreement for themselves. The platform's day is 27/11/2026.

const now = new Date('2026-11-27T03:00:00Z');
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

function multipart(kind: string, marker: string) {
  const boundary = '----hoptac-issue9';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n${kind}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nPhụ lục ${marker}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="phu-luc.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
    Buffer.from(`%PDF-1.4\n% ${marker} ${Math.random()}\n%%EOF\n`),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const fields = (res: { body: any }) => ((res.body?.error?.details?.fields ?? []) as { field: string; code: string }[]).map((f) => [f.field, f.code]);

/** Every page of a list (agreements, people…), as ids and the whole text of the answers. */
async function allPages(c: ApiClient, path: string) {
  const ids: string[] = [];
  let text = '';
  let cursor: string | null = null;
  for (let page = 0; page < 20; page++) {
    const sep = path.includes('?') ? '&' : '?';
    const res: { status: number; body: any } = await c.get(`${path}${sep}limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(200);
    ids.push(...res.body.items.map((i: { id: string }) => i.id));
    text += JSON.stringify(res.body);
    cursor = res.body.nextCursor;
    if (!cursor) break;
  }
  return { ids, text };
}

// Secrets that only a party's negotiators may ever read.
const SECRET_TITLE = 'Zyxkorq bí mật';
const SECRET_TITLE_WORD = 'zyxkorq';
const COMMENT = 'BIMATGOPY';
const PROPOSAL = 'BIMATDEXUAT';
const NOTE = 'BIMATGHICHU';
const DESCRIPTION = 'Motanoibo';
const COMMITMENT = 'Camketnoibo';
const EF_TITLE = 'Qwvplex hợp tác kín';

interface World {
  a: Tenant;
  b: Tenant;
  c: Tenant;
  d: Tenant;
  e: Tenant;
  fInstitution: { id: string; code: string };
  lecturerPerson: { id: string };
  lecturer: { id: string; email: string };
  partnerPerson: { id: string };
  officerA: ApiClient;
  officerB: ApiClient;
  /** Not signed (awaiting approval after the approvals of the setup), kept for the parties (A, B): the negotiators' and the points of contact's only. */
  secret: { id: string; fileId: string };
  /** In negotiation, shared with the consortium: announced. */
  announced: { id: string; fileId: string };
  /** Signed (active) and public. */
  pub: { id: string; fileId: string };
  /** Signed (active), kept for the parties. */
  signedParties: { id: string; fileId: string };
  /** E and F's draft kept for themselves. */
  ef: { id: string };
}

let w: World;

const content = (w: Pick<World, 'a' | 'b' | 'lecturerPerson' | 'partnerPerson'>, title: string, extra: Record<string, unknown> = {}) => ({
  kind: 'mou',
  titleVi: title,
  titleEn: title,
  summaryVi: 'Tóm tắt công bố',
  startDate: '2026-01-01',
  endDate: '2030-12-31',
  renewal: 'decision',
  parties: [{ institutionId: w.a.institution.id }, { institutionId: w.b.institution.id }],
  areas: [
    {
      key: 'research',
      kind: 'research',
      titleVi: 'Nghiên cứu',
      titleEn: 'Research',
      descriptionVi: DESCRIPTION,
      contacts: [
        { institutionId: w.a.institution.id, personId: w.lecturerPerson.id },
        { institutionId: w.b.institution.id, personId: w.partnerPerson.id },
      ],
      commitments: [{ key: 'c1', fromInstitutionId: w.b.institution.id, textVi: COMMITMENT, textEn: COMMITMENT }],
      targets: [{ key: 't1', metric: 'joint_publications', periodStart: '2026-01-01', periodEnd: '2026-12-31', value: 3 }],
    },
  ],
  ...extra,
});

beforeAll(async () => {
  const [a, b, c, d, e] = await Promise.all([buildTenant(db()), buildTenant(db()), buildTenant(db()), buildTenant(db()), buildTenant(db(), { code: 'EQXZ', nameVi: 'Trường Ẩn Danh Eqxz', nameEn: 'Hidden Eqxz University' })]);
  const fInstitution = await buildInstitution(db(), { code: 'FQXZ', nameVi: 'Bệnh viện Kín Fqxz', nameEn: 'Secret Fqxz Hospital' });
  await buildConsortium(db(), [a.institution.id, b.institution.id, c.institution.id]);
  const lecturerPerson = await buildPerson(db(), a.institution.id, { fullName: 'Giảng Viên Đầu Mối', title: 'TS.' });
  const lecturer = await buildUser(db(), a.institution.id, ['member'], { personId: lecturerPerson.id });
  const partnerPerson = await buildPerson(db(), b.institution.id, { fullName: 'Đầu Mối Đối Tác' });
  const officerA = await t.login(a.officer.email);
  const officerB = await t.login(b.officer.email);
  const base = { a, b, lecturerPerson, partnerPerson };

  const make = async (title: string, visibility: 'parties' | 'consortium' | 'public', status: string) => {
    const created = await ok(officerA.post('/api/v1/agreements', { content: content(base, title), visibility }), 201);
    await ok(officerA.post(`/api/v1/agreements/${created.id}/approvals`, { contentHash: created.contentHash }));
    const edited = await ok(officerA.patch(`/api/v1/agreements/${created.id}`, { baseVersion: 1, content: content(base, title, { summaryVi: 'Tóm tắt, sửa' }) }));
    await ok(officerB.post(`/api/v1/agreements/${created.id}/approvals`, { contentHash: edited.contentHash }));
    await ok(officerA.post(`/api/v1/agreements/${created.id}/comments`, { body: COMMENT }), 201);
    await ok(officerB.post(`/api/v1/agreements/${created.id}/comments`, { body: PROPOSAL, kind: 'proposal' }), 201);
    await ok(officerA.put(`/api/v1/agreements/${created.id}/note`, { body: NOTE, version: 0 }));
    const annex = multipart('annex', title);
    const doc = await ok(officerA.request('POST', `/api/v1/agreements/${created.id}/documents`, annex.body, annex.headers), 201);
    if (status !== 'draft') await db().updateTable('agreements').set({ status: status as 'active' }).where('id', '=', created.id).execute();
    return { id: created.id as string, fileId: doc.fileId as string };
  };
  const secret = await make(SECRET_TITLE, 'parties', 'draft');
  const announced = await make('Thỏa thuận công bố liên minh', 'consortium', 'negotiation');
  const pub = await make('Thỏa thuận công khai đã ký', 'public', 'active');
  const signedParties = await make('Thỏa thuận riêng đã ký', 'parties', 'active');
  const officerE = await t.login(e.officer.email);
  const ef = await ok(
    officerE.post('/api/v1/agreements', {
      visibility: 'parties',
      content: { kind: 'mou', titleVi: EF_TITLE, titleEn: EF_TITLE, startDate: '2026-01-01', parties: [{ institutionId: e.institution.id }, { institutionId: fInstitution.id }] },
    }),
    201,
  );
  w = { a, b, c, d, e, fInstitution, lecturerPerson, lecturer, partnerPerson, officerA, officerB, secret, announced, pub, signedParties, ef: { id: ef.id } };
}, 120_000);

/** GETs of everything hanging off an agreement. */
const readPaths = (x: { id: string; fileId: string }) => ({
  versions: `/api/v1/agreements/${x.id}/versions`,
  version1: `/api/v1/agreements/${x.id}/versions/1`,
  version2: `/api/v1/agreements/${x.id}/versions/2`,
  diff: `/api/v1/agreements/${x.id}/diff?from=1&to=2`,
  comments: `/api/v1/agreements/${x.id}/comments`,
  note: `/api/v1/agreements/${x.id}/note`,
  documents: `/api/v1/agreements/${x.id}/documents`,
});

/** Every write route of an agreement, with a body that would otherwise be valid. */
async function writes(c: ApiClient, id: string) {
  const cur = (await db().selectFrom('agreements').select(['content_hash', 'current_version']).where('id', '=', id).executeTakeFirstOrThrow()) as { content_hash: string; current_version: number };
  const annex = multipart('annex', 'tấn công');
  return {
    approve: await c.post(`/api/v1/agreements/${id}/approvals`, { contentHash: cur.content_hash }),
    comment: await c.post(`/api/v1/agreements/${id}/comments`, { body: 'chen vào' }),
    note: await c.put(`/api/v1/agreements/${id}/note`, { body: 'chen vào', version: 0 }),
    transition: await c.post(`/api/v1/agreements/${id}/transitions`, { to: 'negotiation' }),
    renewal: await c.post(`/api/v1/agreements/${id}/renewal`, { startDate: '2031-01-01', endDate: '2035-12-31' }),
    patch: await c.patch(`/api/v1/agreements/${id}`, { baseVersion: cur.current_version, visibility: 'public' }),
    attach: await c.request('POST', `/api/v1/agreements/${id}/documents`, annex.body, annex.headers),
  };
}

// ---------------------------------------------------------------------------------------------------
describe('1. role visibility: a student or member of a party', () => {
  it.each(['student', 'member'] as const)('A %s: the draft kept for the parties does not exist on any route, read or write', async (role) => {
    const c = await t.login(w.a[role].email);
    const snapshot = async () => ({
      agreement: await db().selectFrom('agreements').select(['status', 'visibility', 'current_version', 'content_hash', 'updated_at']).where('id', '=', w.secret.id).executeTakeFirstOrThrow(),
      approvals: (await db().selectFrom('agreement_approvals').select('id').where('agreement_id', '=', w.secret.id).execute()).length,
      comments: (await db().selectFrom('agreement_comments').select('id').where('agreement_id', '=', w.secret.id).execute()).length,
      documents: (await db().selectFrom('agreement_documents').select('id').where('agreement_id', '=', w.secret.id).execute()).length,
    });
    const before = await snapshot();
    expect(before.agreement.status).toBe('awaiting_approval');
    const failures: string[] = [];
    const get = await c.get(`/api/v1/agreements/${w.secret.id}`);
    if (get.status !== 404) failures.push(`get ${get.status}`);
    const timeline = await c.get(`/api/v1/agreements/${w.secret.id}/timeline`);
    if (timeline.status !== 404) failures.push(`timeline ${timeline.status}`);
    for (const [name, path] of Object.entries(readPaths(w.secret))) {
      const res = await c.get(path);
      if (res.status !== 404) failures.push(`${name} ${res.status}`);
      if (JSON.stringify(res.body).match(new RegExp(`${COMMENT}|${NOTE}|${SECRET_TITLE_WORD}`, 'i'))) failures.push(`${name} shows a secret`);
    }
    const file = await c.get(`/api/v1/files/${w.secret.fileId}/content`);
    if (file.status !== 404) failures.push(`file ${file.status}`);
    for (const [name, res] of Object.entries(await writes(c, w.secret.id))) {
      if (res.status !== 404) failures.push(`${name} ${res.status} (should be 404: the draft does not exist for them)`);
    }
    expect(failures).toEqual([]);
    // Nothing changed.
    expect(await snapshot()).toEqual(before);
  });

  it.each(['student', 'member'] as const)('A %s: the agreement in negotiation shared with the consortium is an announcement; the negotiation is 403', async (role) => {
    const c = await t.login(w.a[role].email);
    const get = await ok(c.get(`/api/v1/agreements/${w.announced.id}`));
    expect(get.view).toBe('announcement');
    expect(get.content.areas[0]).toEqual({ key: 'research', kind: 'research', titleVi: 'Nghiên cứu', titleEn: 'Research' });
    expect(get.content).not.toHaveProperty('renewal');
    expect({ people: get.people, approvals: get.approvals, signedDocumentId: get.signedDocumentId, statusReason: get.statusReason }).toEqual({
      people: {},
      approvals: [],
      signedDocumentId: null,
      statusReason: null,
    });
    const text = JSON.stringify(get);
    for (const s of [COMMENT, PROPOSAL, NOTE, DESCRIPTION, COMMITMENT, 'Giảng Viên Đầu Mối', 'Đầu Mối Đối Tác', w.lecturerPerson.id, w.partnerPerson.id]) expect(text).not.toContain(s);
    for (const [name, path] of Object.entries(readPaths(w.announced))) {
      const res = await c.get(path);
      expect(res.status, name).toBe(403);
      expect(JSON.stringify(res.body)).not.toMatch(new RegExp(`${COMMENT}|${NOTE}|${PROPOSAL}`));
    }
    expect((await c.get(`/api/v1/files/${w.announced.fileId}/content`)).status).toBe(404);
    const timeline = await ok(c.get(`/api/v1/agreements/${w.announced.id}/timeline`));
    const actions = new Set(timeline.items.map((i: { action: string }) => i.action));
    for (const never of ['update', 'comment', 'propose', 'approve', 'attach']) expect(actions.has(never), never).toBe(false);
    for (const [name, res] of Object.entries(await writes(c, w.announced.id))) expect(res.status, name).toBe(403);
  });

  it('an announcement does not tell whether the parties already approved the current version (approvals are not announced)', async () => {
    // Every party approves the announced agreement's current version: the negotiators know; the announcement should not say.
    const cur = await ok(w.officerA.get(`/api/v1/agreements/${w.announced.id}`));
    await ok(w.officerA.post(`/api/v1/agreements/${w.announced.id}/approvals`, { contentHash: cur.contentHash }));
    expect((await ok(w.officerA.get(`/api/v1/agreements/${w.announced.id}`))).fullyApproved).toBe(true);
    for (const email of [w.a.student.email, w.c.student.email, w.c.officer.email]) {
      const seen = await ok((await t.login(email)).get(`/api/v1/agreements/${w.announced.id}`));
      expect(seen.view).toBe('announcement');
      expect(seen.fullyApproved, `${email} learns the approval state`).not.toBe(true);
    }
  });

  it('A student: the draft kept for the parties is absent from lists, counts, search, the export, home, institution and person pages', async () => {
    const c = await t.login(w.a.student.email);
    const listed = await allPages(c, '/api/v1/agreements');
    expect(listed.ids).not.toContain(w.secret.id);
    expect(listed.text.toLowerCase()).not.toContain(SECRET_TITLE_WORD);
    expect(listed.ids.sort()).toEqual([w.announced.id, w.pub.id, w.signedParties.id].sort());
    for (const sort of ['title', 'start', 'end', 'updated']) {
      const sorted = await allPages(c, `/api/v1/agreements?sort=${sort}`);
      expect(sorted.ids, sort).not.toContain(w.secret.id);
    }
    const summary = await ok(c.get('/api/v1/agreements/summary'));
    expect(summary.total).toBe(listed.ids.length);
    expect(summary.byStatus.draft ?? 0).toBe(0);
    for (const q of [SECRET_TITLE_WORD, 'bi mat', w.b.institution.code]) {
      const found = await allPages(c, `/api/v1/agreements?q=${encodeURIComponent(q)}`);
      expect(found.ids, q).not.toContain(w.secret.id);
      const counted = await ok(c.get(`/api/v1/agreements/summary?q=${encodeURIComponent(q)}`));
      expect(counted.total, q).toBe(found.ids.length);
    }
    const filtered = await ok(c.get(`/api/v1/agreements/summary?status=draft&partnerId=${w.b.institution.id}`));
    expect(filtered.total).toBe(0);
    const xlsx = await t.app.inject({ method: 'GET', url: '/api/v1/agreements/export.xlsx', headers: { cookie: c.cookie! } });
    expect(xlsx.statusCode).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const titles: string[] = [];
    wb.worksheets[0].eachRow((row) => titles.push(String(row.getCell(1).value)));
    expect(titles.join('|').toLowerCase()).not.toContain(SECRET_TITLE_WORD);
    expect(titles.length).toBe(listed.ids.length + 1);

    const home = await ok(c.get('/api/v1/home'));
    expect(JSON.stringify(home).toLowerCase()).not.toContain(SECRET_TITLE_WORD);
    expect(JSON.stringify(home)).not.toContain(w.secret.id);
    const inst = await ok(c.get(`/api/v1/institutions/${w.a.institution.id}/agreements`));
    expect(inst.items.map((i: { id: string }) => i.id)).not.toContain(w.secret.id);
    const instB = await ok(c.get(`/api/v1/institutions/${w.b.institution.id}/agreements`));
    expect(instB.items.map((i: { id: string }) => i.id)).not.toContain(w.secret.id);
    const person = await c.get(`/api/v1/people/${w.lecturerPerson.id}/agreements`);
    expect(person.status).toBe(200);
    expect(person.body.items.map((i: { id: string }) => i.id)).not.toContain(w.secret.id);
    expect((await c.get('/api/v1/admin/audit')).status).toBe(403);
  });

  it.each(['student', 'member'] as const)(
    'A %s: a person page does not tell who is a point of contact of an agreement the caller reads only as an announcement',
    async (role) => {
      // The announcement leaves out the points of contact; GET /people/{id}/agreements must not give them back.
      const c = await t.login(w.a[role].email);
      for (const personId of [w.lecturerPerson.id, w.partnerPerson.id]) {
        const res = await ok(c.get(`/api/v1/people/${personId}/agreements`));
        const ids = res.items.map((i: { id: string }) => i.id);
        expect(ids, `person ${personId}`).not.toContain(w.secret.id);
        expect(ids, `person ${personId}: contact of an unsigned agreement the ${role} reads only as an announcement`).not.toContain(w.announced.id);
      }
    },
  );

  it('the point of contact (a member) reads the content of the draft, nothing of the negotiation', async () => {
    const c = await t.login(w.lecturer.email);
    const get = await ok(c.get(`/api/v1/agreements/${w.secret.id}`));
    expect(get.view).toBe('full');
    expect(get.approvals).toEqual([]);
    expect(JSON.stringify(get)).not.toMatch(new RegExp(`${COMMENT}|${NOTE}|${PROPOSAL}`));
    for (const [name, path] of Object.entries(readPaths(w.secret))) expect((await c.get(path)).status, name).toBe(403);
    expect((await c.get(`/api/v1/files/${w.secret.fileId}/content`)).status).toBe(404);
    const timeline = await ok(c.get(`/api/v1/agreements/${w.secret.id}/timeline`));
    expect(timeline.items.map((i: { action: string }) => i.action)).toEqual(['create']);
    const home = await ok(c.get('/api/v1/home'));
    expect(JSON.stringify(home)).not.toMatch(new RegExp(`${COMMENT}|${PROPOSAL}|${NOTE}`));
    for (const [name, res] of Object.entries(await writes(c, w.secret.id))) expect(res.status, name).toBe(403);
  });

  it('the point of contact is not notified of the negotiation it may not read (comments, approvals in progress)', async () => {
    // The timeline of "whole content" shows only creation and status changes; notifications are the same news.
    const c = await t.login(w.lecturer.email);
    const n = await ok(c.get('/api/v1/notifications'));
    const aboutUnsigned = n.items.filter((i: { subjectId: string }) => i.subjectId === w.secret.id || i.subjectId === w.announced.id);
    const kinds = aboutUnsigned.map((i: { kind: string }) => i.kind);
    expect(kinds, JSON.stringify(aboutUnsigned.map((i: { message: string }) => i.message))).not.toContain('commented');
    expect(kinds).not.toContain('approved');
  });

  it('a point of contact taken off the draft, and an officer made a student, no longer read its notifications', async () => {
    const [x, y] = await Promise.all([buildTenant(db()), buildTenant(db())]);
    const contactPerson = await buildPerson(db(), x.institution.id, { fullName: 'Cựu Đầu Mối' });
    const contactUser = await buildUser(db(), x.institution.id, ['student'], { personId: contactPerson.id });
    const formerOfficer = await buildUser(db(), x.institution.id, ['cooperation_officer']);
    const officerX = await t.login(x.officer.email);
    const officerY = await t.login(y.officer.email);
    const title = 'Vrqzem riêng';
    const body = (contacts: unknown[]) => ({
      kind: 'mou',
      titleVi: title,
      titleEn: title,
      startDate: '2026-01-01',
      parties: [{ institutionId: x.institution.id }, { institutionId: y.institution.id }],
      areas: [{ key: 'research', kind: 'research', titleVi: 'Nghiên cứu', titleEn: 'Research', contacts }],
    });
    const created = await ok(officerX.post('/api/v1/agreements', { visibility: 'parties', content: body([{ institutionId: x.institution.id, personId: contactPerson.id }]) }), 201);
    await ok(officerY.post(`/api/v1/agreements/${created.id}/comments`, { body: 'Góp ý' }), 201);
    // A comment is news of the negotiation, which the point of contact (a student) does not read; a status change
    // reaches every participant who sees the agreement.
    await ok(officerY.post(`/api/v1/agreements/${created.id}/transitions`, { to: 'negotiation' }));
    const student = await t.login(contactUser.email);
    const demoted = await t.login(formerOfficer.email);
    // While a point of contact / an officer, they are notified.
    expect(JSON.stringify((await ok(student.get('/api/v1/notifications'))).items)).toContain('Vrqzem');
    expect(JSON.stringify((await ok(demoted.get('/api/v1/notifications'))).items)).toContain('Vrqzem');
    // Taken off the agreement's contacts; the officer becomes a student.
    await ok(officerX.patch(`/api/v1/agreements/${created.id}`, { baseVersion: 1, content: body([]) }));
    await db().updateTable('users').set({ roles: ['student'] }).where('id', '=', formerOfficer.id).execute();
    const demotedAgain = await t.login(formerOfficer.email);
    const failures: string[] = [];
    for (const [who, c] of [
      ['former point of contact', student],
      ['former officer, now student', demotedAgain],
    ] as const) {
      expect((await c.get(`/api/v1/agreements/${created.id}`)).status, who).toBe(404);
      const n = await ok(c.get('/api/v1/notifications'));
      const about = n.items.filter((i: { subjectId: string }) => i.subjectId === created.id);
      if (about.length > 0) failures.push(`${who}: ${about.map((i: { message: string }) => i.message).join(' | ')} (unread ${n.unread})`);
    }
    expect(failures, 'notifications about an agreement that no longer exists for them').toEqual([]);
  });

  it('a member reading a signed agreement kept for the parties is not told that a renewal draft is being negotiated', async () => {
    const [x, y] = await Promise.all([buildTenant(db()), buildTenant(db())]);
    const officerX = await t.login(x.officer.email);
    const created = await ok(
      officerX.post('/api/v1/agreements', {
        visibility: 'parties',
        content: { kind: 'mou', titleVi: 'Gia hạn', titleEn: 'Renewal', startDate: '2026-01-01', endDate: '2027-06-30', parties: [{ institutionId: x.institution.id }, { institutionId: y.institution.id }] },
      }),
      201,
    );
    await db().updateTable('agreements').set({ status: 'expiring' }).where('id', '=', created.id).execute();
    const successor = await ok(officerX.post(`/api/v1/agreements/${created.id}/renewal`, { startDate: '2027-07-01', endDate: '2030-06-30' }), 201);
    const student = await t.login(x.student.email);
    expect((await student.get(`/api/v1/agreements/${successor.id}`)).status).toBe(404);
    const pred = await ok(student.get(`/api/v1/agreements/${created.id}`));
    expect(JSON.stringify(pred)).not.toContain(successor.id);
    const timeline = await ok(student.get(`/api/v1/agreements/${created.id}/timeline`));
    expect(
      timeline.items.map((i: { action: string }) => i.action),
      'the predecessor’s timeline announces the renewal draft the student may not see',
    ).not.toContain('renew');
    expect(JSON.stringify(timeline)).not.toContain(successor.id);
  });
});

// ---------------------------------------------------------------------------------------------------
describe('1b. non-parties', () => {
  it.each(['D student (outside)', 'D officer (outside)', 'C student (consortium)'])('%s reading the public signed agreement gets the announcement only', async (who) => {
    const email = { 'D student (outside)': w.d.student.email, 'D officer (outside)': w.d.officer.email, 'C student (consortium)': w.c.student.email }[who]!;
    const c = await t.login(email);
    const get = await ok(c.get(`/api/v1/agreements/${w.pub.id}`));
    expect(get.view).toBe('announcement');
    expect(get.myInstitutionIsParty).toBe(false);
    expect({ people: get.people, approvals: get.approvals, signedDocumentId: get.signedDocumentId, statusReason: get.statusReason }).toEqual({
      people: {},
      approvals: [],
      signedDocumentId: null,
      statusReason: null,
    });
    for (const k of ['descriptionVi', 'descriptionEn', 'contacts', 'commitments', 'targets']) expect(get.content.areas[0]).not.toHaveProperty(k);
    for (const k of ['renewal', 'renewalYears']) expect(get.content).not.toHaveProperty(k);
    const reads = ['readDiscussion', 'readNote', 'readVersions', 'readDocuments', 'readApprovals', 'edit', 'approve', 'transition', 'comment', 'note', 'attach', 'attachSigned'];
    for (const k of reads) expect(get.permissions[k], k).toBe(false);
    const text = JSON.stringify(get);
    for (const s of [COMMENT, PROPOSAL, NOTE, DESCRIPTION, COMMITMENT, 'joint_publications', 'Giảng Viên Đầu Mối', 'Đầu Mối Đối Tác', w.a.officer.email, w.b.officer.email]) expect(text, s).not.toContain(s);
    for (const [name, path] of Object.entries(readPaths(w.pub))) expect((await c.get(path)).status, name).toBe(404);
    expect((await c.get(`/api/v1/files/${w.pub.fileId}/content`)).status).toBe(404);
    const timeline = await ok(c.get(`/api/v1/agreements/${w.pub.id}/timeline`));
    const tl = JSON.stringify(timeline);
    for (const s of [w.a.officer.email, w.b.officer.email, COMMENT, NOTE]) expect(tl).not.toContain(s);
    for (const i of timeline.items) expect(['create', 'status']).toContain(i.action);
    for (const [name, res] of Object.entries(await writes(c, w.pub.id))) expect([403, 404], name).toContain(res.status);
    // Person and institution pages: no contacts of another institution's agreement.
    const linked = await c.get(`/api/v1/people/${w.partnerPerson.id}/agreements`);
    expect([200, 404]).toContain(linked.status);
    if (linked.status === 200) expect(linked.body.items).toEqual([]);
  });

  it('D (outside) sees nothing of what is kept for the parties or the consortium, by id, list, search or institution page', async () => {
    for (const email of [w.d.student.email, w.d.officer.email, w.d.admin.email]) {
      const c = await t.login(email);
      for (const x of [w.secret, w.announced, w.signedParties]) {
        expect((await c.get(`/api/v1/agreements/${x.id}`)).status).toBe(404);
        expect((await c.get(`/api/v1/agreements/${x.id}/timeline`)).status).toBe(404);
        for (const [name, path] of Object.entries(readPaths(x))) expect((await c.get(path)).status, name).toBe(404);
      }
      const listed = await allPages(c, `/api/v1/agreements?partnerId=${w.b.institution.id}`);
      expect(listed.ids).toEqual([w.pub.id]);
      const inst = await c.get(`/api/v1/institutions/${w.a.institution.id}/agreements`);
      if (inst.status === 200) for (const x of [w.secret, w.announced, w.signedParties]) expect(JSON.stringify(inst.body)).not.toContain(x.id);
      const home = await ok(c.get('/api/v1/home'));
      expect(JSON.stringify(home).toLowerCase()).not.toContain(SECRET_TITLE_WORD);
      const notes = await ok(c.get('/api/v1/notifications'));
      expect(notes.items).toEqual([]);
    }
    const audit = await ok((await t.login(w.d.admin.email)).get('/api/v1/admin/audit?limit=200'));
    const text = JSON.stringify(audit);
    for (const x of [w.secret, w.announced, w.signedParties, w.pub]) expect(text).not.toContain(x.id);
    expect(text.toLowerCase()).not.toContain(SECRET_TITLE_WORD);
  });

  it('the party B admin’s audit holds nothing of A’s private note', async () => {
    const entries = await allPages(await t.login(w.b.admin.email), '/api/v1/admin/audit');
    expect(entries.text).not.toContain(NOTE);
    const c = await allPages(await t.login(w.c.admin.email), '/api/v1/admin/audit');
    expect(c.text.toLowerCase()).not.toContain(SECRET_TITLE_WORD);
    for (const x of [w.secret, w.announced, w.signedParties, w.pub]) expect(c.text).not.toContain(x.id);
  });
});

// ---------------------------------------------------------------------------------------------------
describe('2. search', () => {
  it('does not find agreements of two other institutions by their codes, names or title; counts and the export agree', async () => {
    for (const email of [w.d.officer.email, w.d.student.email, w.a.officer.email, w.a.admin.email, w.c.officer.email]) {
      const c = await t.login(email);
      for (const q of ['EQXZ', 'FQXZ', 'eqxz fqxz', 'Fqxz', 'Bệnh viện Kín', 'benh vien kin', 'Secret Fqxz Hospital', 'Hidden Eqxz', 'qwvplex', 'Qwvplex hợp tác kín', 'Qwv']) {
        const found = await allPages(c, `/api/v1/agreements?q=${encodeURIComponent(q)}`);
        expect(found.ids, `${email} q=${q}`).toEqual([]);
        expect((await ok(c.get(`/api/v1/agreements/summary?q=${encodeURIComponent(q)}`))).total, `${email} q=${q}`).toBe(0);
        for (const sort of ['title', 'start', 'end', 'updated']) {
          const res = await ok(c.get(`/api/v1/agreements?q=${encodeURIComponent(q)}&sort=${sort}&limit=1`));
          expect(res.items, `${sort} q=${q}`).toEqual([]);
          expect(res.nextCursor).toBeNull();
        }
      }
      expect((await c.get(`/api/v1/agreements/${w.ef.id}`)).status).toBe(404);
      expect((await ok(c.get(`/api/v1/agreements/summary?partnerId=${w.fInstitution.id}`))).total).toBe(0);
    }
  });

  it('does not find the draft kept for the parties for its member or student, nor for the consortium, by title words or partner', async () => {
    for (const email of [w.a.student.email, w.a.member.email, w.b.student.email, w.c.officer.email, w.c.admin.email]) {
      const c = await t.login(email);
      for (const q of [SECRET_TITLE_WORD, SECRET_TITLE, 'Zyx', 'zyxkorq bi mat', `${SECRET_TITLE_WORD} ${w.b.institution.code}`]) {
        const found = await allPages(c, `/api/v1/agreements?q=${encodeURIComponent(q)}`);
        expect(found.ids, `${email} q=${q}`).toEqual([]);
        expect((await ok(c.get(`/api/v1/agreements/summary?q=${encodeURIComponent(q)}`))).total).toBe(0);
      }
    }
    // Its negotiators do find it (the attack above is meaningful).
    expect((await allPages(w.officerA, `/api/v1/agreements?q=${SECRET_TITLE_WORD}`)).ids).toEqual([w.secret.id]);
    expect((await allPages(w.officerB, `/api/v1/agreements?q=${SECRET_TITLE_WORD}`)).ids).toEqual([w.secret.id]);
  });

  it('a forged cursor does not step into agreements the caller may not see', async () => {
    const c = await t.login(w.a.student.email);
    const forged = [
      { k: 'Zyxkorq', id: '00000000-0000-0000-0000-000000000000' },
      { k: 'Z', id: '00000000-0000-0000-0000-000000000000' },
      { k: '', id: '00000000-0000-0000-0000-000000000000' },
    ];
    for (const cursor of forged) {
      const encoded = Buffer.from(JSON.stringify(cursor)).toString('base64url');
      const res = await c.get(`/api/v1/agreements?sort=title&cursor=${encoded}&limit=200`);
      expect([200, 400]).toContain(res.status);
      expect(JSON.stringify(res.body)).not.toContain(w.secret.id);
      expect(JSON.stringify(res.body).toLowerCase()).not.toContain(SECRET_TITLE_WORD);
    }
    for (const bad of ['%', '_', 'AAAA', 'eyJrIjpbMV0sImlkIjoieCJ9', '\\', 'a'.repeat(5000)]) {
      const res = await c.get(`/api/v1/agreements?cursor=${encodeURIComponent(bad)}`);
      expect(res.status, bad.slice(0, 20)).toBe(400);
    }
  });

  it('LIKE wildcards in the query are not wildcards', async () => {
    const c = w.officerA;
    // "Zyxkorq" is only matched by its own word start; "_yxkorq", "%korq", "z_xkorq" must not match it.
    for (const q of ['_yxkorq', '%korq', 'z_xkorq', 'z%q', '%', '_', '%%', '\\', '\\%', '[z]yxkorq']) {
      const res = await c.get(`/api/v1/agreements?q=${encodeURIComponent(q)}`);
      expect([200, 400], q).toContain(res.status);
      if (res.status === 200 && !/^[%_\\]+$/.test(q)) expect(res.body.items.map((i: { id: string }) => i.id), q).not.toContain(w.secret.id);
    }
  });

  const HOSTILE: [string, string][] = [
    ['NUL', encodeURIComponent('a\u0000b')],
    ['NUL only', '%00'],
    ['lone high surrogate (invalid UTF-8 bytes)', '%ED%A0%80'],
    ['lone low surrogate (invalid UTF-8 bytes)', 'x%ED%B0%80y'],
    ['truncated UTF-8', '%E1%BA'],
    ['raw percent', '%'],
    ['raw percent pair', '%%'],
    ['encoded percent', '%25'],
    ['underscore', '_'],
    ['backslash', '%5C'],
    ['backslashes', '%5C%5C%5C'],
    ['trailing backslash', 'abc%5C'],
    ['10k chars', 'a'.repeat(10_000)],
    ['10k words', encodeURIComponent('a '.repeat(5_000))],
    ['201 chars', 'b'.repeat(201)],
    ['quote', encodeURIComponent("' OR 1=1 --")],
    ['emoji', encodeURIComponent('🦄👩‍🔬')],
    ['combining marks', encodeURIComponent('a\u0301\u0302\u0303'.repeat(40))],
    ['right-to-left', encodeURIComponent('\u202Eabc')],
    ['array', 'a&q=b'],
    ['whitespace only', encodeURIComponent('   \t\n ')],
    ['regex', encodeURIComponent('.*(a|b)+$')],
  ];
  const SEARCHED = [
    '/api/v1/agreements',
    '/api/v1/agreements/summary',
    '/api/v1/agreements/export.xlsx',
    '/api/v1/people',
    '/api/v1/people?staff=true',
    '/api/v1/institutions',
    '/api/v1/admin/audit',
    '/api/v1/admin/users',
  ];

  it.each(SEARCHED)('%s: a hostile q is a 400 or a clean answer, never a 5xx', async (path) => {
    const failures: string[] = [];
    for (const who of [w.a.admin.email, w.a.student.email]) {
      const c = await t.login(who);
      for (const [name, q] of HOSTILE) {
        const url = `${path}${path.includes('?') ? '&' : '?'}q=${q}`;
        const res = await t.app.inject({ method: 'GET', url, headers: { cookie: c.cookie! } });
        let body: any = null;
        try {
          body = res.json();
        } catch {
          body = null;
        }
        if (res.statusCode >= 500) failures.push(`${who} ${name}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        else if (res.statusCode >= 400 && res.statusCode !== 403 && (typeof body?.error?.code !== 'string' || typeof body?.requestId !== 'string')) {
          failures.push(`${who} ${name}: ${res.statusCode} without the error shape`);
        } else if (res.statusCode === 400 && !['q', 'querystring'].some((f) => JSON.stringify(body).includes(f))) {
          failures.push(`${who} ${name}: 400 not naming q: ${JSON.stringify(body).slice(0, 200)}`);
        } else if (res.statusCode === 200 && !path.includes('xlsx') && JSON.stringify(body).toLowerCase().includes(SECRET_TITLE_WORD) && who === w.a.student.email) {
          failures.push(`${who} ${name}: lists the secret draft`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------
describe('3. dates (the platform’s day is 27/11/2026)', () => {
  const body = (extra: Record<string, unknown>) => ({
    kind: 'cooperation',
    titleVi: 'Ngày tháng tấn công',
    titleEn: 'Date attack',
    startDate: '2026-01-01',
    endDate: '2028-12-31',
    parties: [{ institutionId: w.a.institution.id }, { institutionId: w.b.institution.id }],
    ...extra,
  });

  it.each([
    ['signing date tomorrow', { signingDate: '2026-11-28' }, 'content.signingDate'],
    ['signing date next year', { signingDate: '2027-01-01' }, 'content.signingDate'],
    ['signing date in 2101', { signingDate: '2101-01-01' }, 'content.signingDate'],
    ['signing date in 1989', { signingDate: '1989-12-31' }, 'content.signingDate'],
    ['start in 1989', { startDate: '1989-12-31' }, 'content.startDate'],
    ['start in year 1', { startDate: '0001-01-01' }, 'content.startDate'],
    ['end in 2101', { endDate: '2101-01-01' }, 'content.endDate'],
    ['end in 9999', { endDate: '9999-12-31' }, 'content.endDate'],
    ['signing date 30 February', { signingDate: '2026-02-30' }, 'content.signingDate'],
    ['start 29 February of a common year', { startDate: '2026-02-29' }, 'content.startDate'],
    ['start 31 April', { startDate: '2026-04-31' }, 'content.startDate'],
    ['end month 13', { endDate: '2027-13-01' }, 'content.endDate'],
    ['start with a time', { startDate: '2026-01-01T00:00:00Z' }, 'content.startDate'],
    ['start without zero padding', { startDate: '2026-1-1' }, 'content.startDate'],
    ['start as a number', { startDate: 20260101 }, 'content.startDate'],
    ['end before start', { startDate: '2027-01-01', endDate: '2026-12-31' }, 'content.endDate'],
    ['target period 30 February', { areas: [{ key: 'a', kind: 'training', titleVi: 'Đào tạo', titleEn: 'Training', targets: [{ key: 't1', metric: 'staff_trained', periodStart: '2026-02-30', periodEnd: '2026-12-31', value: 1 }] }] }, 'content.areas.0.targets.0.periodStart'],
  ] as [string, Record<string, unknown>, string][])('drafting with %s is refused, naming %s', async (_name, extra, field) => {
    const res = await w.officerA.post('/api/v1/agreements', { content: body(extra) });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(fields(res).map((f) => f[0])).toContain(field);
  });

  it('the signing date is today in Vietnam, not in UTC: today is accepted, a day later refused', async () => {
    expect((await w.officerA.post('/api/v1/agreements', { content: body({ signingDate: '2026-11-27' }) })).status).toBe(201);
    // 18:00 UTC on 27/11 is already 28/11 in Vietnam.
    const late = await startTestApp({ clock: { now: () => new Date('2026-11-27T18:00:00Z') } });
    try {
      const [x, y] = [await buildTenant(late.database.db), await buildTenant(late.database.db)];
      const o = await late.login(x.officer.email);
      const c = (signingDate: string) => ({ ...body({ signingDate }), parties: [{ institutionId: x.institution.id }, { institutionId: y.institution.id }] });
      expect((await o.post('/api/v1/agreements', { content: c('2026-11-28') })).status).toBe(201);
      const tooLate = await o.post('/api/v1/agreements', { content: c('2026-11-29') });
      expect(tooLate.status).toBe(400);
      expect(fields(tooLate)).toEqual([['content.signingDate', 'future_date']]);
    } finally {
      await late.close();
    }
  });

  it('an edit, a renewal and a termination are held to the same rules', async () => {
    const created = await ok(w.officerA.post('/api/v1/agreements', { content: body({}) }), 201);
    const edit = await w.officerA.patch(`/api/v1/agreements/${created.id}`, { baseVersion: 1, content: body({ signingDate: '2026-12-01' }) });
    expect(edit.status).toBe(400);
    expect(fields(edit)).toEqual([['content.signingDate', 'future_date']]);
    const feb = await w.officerA.patch(`/api/v1/agreements/${created.id}`, { baseVersion: 1, content: body({ signingDate: '2025-02-29' }) });
    expect(feb.status).toBe(400);
    expect(fields(feb).map((f) => f[0])).toEqual(['content.signingDate']);
    await db().updateTable('agreements').set({ status: 'active' }).where('id', '=', created.id).execute();
    for (const [dates, field] of [
      [{ startDate: '2101-01-01', endDate: null }, 'startDate'],
      [{ startDate: '2029-01-01', endDate: '2101-01-01' }, 'endDate'],
      [{ startDate: '2029-02-30', endDate: null }, 'startDate'],
      [{ startDate: '1989-01-01', endDate: null }, 'startDate'],
    ] as const) {
      const res = await w.officerA.post(`/api/v1/agreements/${created.id}/renewal`, dates);
      expect(res.status, JSON.stringify(dates)).toBe(400);
      expect(fields(res).map((f) => f[0])).toContain(field);
    }
    for (const noticeDate of ['2026-02-30', '1989-12-31', '2101-01-01']) {
      const res = await w.officerA.post(`/api/v1/agreements/${created.id}/transitions`, { to: 'terminated', reason: 'Thử', noticeDate });
      expect(res.status, noticeDate).toBe(400);
      expect(fields(res).map((f) => f[0])).toEqual(['noticeDate']);
    }
    expect((await db().selectFrom('agreements').select('status').where('id', '=', created.id).executeTakeFirstOrThrow()).status).toBe('active');
  });

  it('an agreement is never brought into force without its signing date: no manual step to active, approvals and the signed copy wait', async () => {
    const created = await ok(w.officerA.post('/api/v1/agreements', { content: body({}) }), 201);
    for (const to of ['active', 'expiring', 'expired', 'renewed']) {
      const res = await w.officerA.post(`/api/v1/agreements/${created.id}/transitions`, { to });
      expect([400, 409], to).toContain(res.status);
      expect(fields(res).map((f) => f[0]), to).toEqual(['to']);
    }
    await ok(w.officerA.post(`/api/v1/agreements/${created.id}/transitions`, { to: 'awaiting_approval' }));
    await ok(w.officerA.post(`/api/v1/agreements/${created.id}/approvals`, { contentHash: created.contentHash }));
    await ok(w.officerB.post(`/api/v1/agreements/${created.id}/approvals`, { contentHash: created.contentHash }));
    const signed = multipart('signed', 'ban-ky');
    await ok(w.officerA.request('POST', `/api/v1/agreements/${created.id}/documents`, signed.body, signed.headers), 201);
    const after = await ok(w.officerA.get(`/api/v1/agreements/${created.id}`));
    expect(after.status).toBe('awaiting_approval');
    expect(after.content.signingDate ?? null).toBeNull();
    for (const to of ['active', 'expiring']) {
      const res = await w.officerA.post(`/api/v1/agreements/${created.id}/transitions`, { to });
      expect([400, 409], to).toContain(res.status);
      expect(fields(res).map((f) => f[0])).toEqual(['to']);
    }
    const { runAgreementLifecycle } = await import('../modules/agreements/lifecycle-job.ts');
    await runAgreementLifecycle(t.deps, now);
    expect((await ok(w.officerA.get(`/api/v1/agreements/${created.id}`))).status).toBe('awaiting_approval');
  });
});

// ---------------------------------------------------------------------------------------------------
describe('4. the contact picker (GET /people?staff=true)', () => {
  it('lists no student and no person of an institution that does not share them', async () => {
    const [x, y, z] = await Promise.all([buildTenant(db()), buildTenant(db()), buildTenant(db())]);
    await buildConsortium(db(), [x.institution.id, y.institution.id]);
    const mark = 'Pkzwt';
    const staff = await buildPerson(db(), x.institution.id, { fullName: `${mark} Cán Bộ` });
    const studentPerson = await buildPerson(db(), x.institution.id, { fullName: `${mark} Sinh Viên` });
    await buildUser(db(), x.institution.id, ['student'], { personId: studentPerson.id });
    const lecturerStudent = await buildPerson(db(), x.institution.id, { fullName: `${mark} Nghiên Cứu Sinh Giảng Dạy` });
    await buildUser(db(), x.institution.id, ['student', 'member'], { personId: lecturerStudent.id });
    const yShared = await buildPerson(db(), y.institution.id, { fullName: `${mark} Đối Tác Chia Sẻ` });
    const yPrivate = await buildPerson(db(), y.institution.id, { fullName: `${mark} Đối Tác Riêng`, visibility: 'private' });
    const yStudent = await buildPerson(db(), y.institution.id, { fullName: `${mark} Sinh Viên Đối Tác` });
    await buildUser(db(), y.institution.id, ['student'], { personId: yStudent.id });
    const zShared = await buildPerson(db(), z.institution.id, { fullName: `${mark} Ngoài Liên Minh` });

    for (const email of [x.officer.email, x.admin.email, x.student.email]) {
      const c = await t.login(email);
      for (const query of [`staff=true&q=${mark}`, `staff=true&q=${mark}&sort=name`, `staff=true&q=${mark}&sort=updated`, `staff=true&institutionId=${x.institution.id}`, `staff=true&institutionId=${y.institution.id}`, 'staff=true']) {
        const { ids } = await allPages(c, `/api/v1/people?${query}`);
        for (const bad of [studentPerson.id, yStudent.id, yPrivate.id, zShared.id]) expect(ids, `${email} ${query}`).not.toContain(bad);
        if (query.includes('q=')) expect(ids.sort(), query).toEqual([staff.id, lecturerStudent.id, yShared.id].sort());
      }
      // Without the staff filter, the directory still hides the private and the outside people.
      const { ids } = await allPages(c, `/api/v1/people?q=${mark}`);
      for (const bad of [yPrivate.id, zShared.id]) expect(ids).not.toContain(bad);
      for (const id of [yPrivate.id, zShared.id]) {
        expect((await c.get(`/api/v1/people/${id}`)).status).toBe(404);
        expect((await c.get(`/api/v1/people/${id}/agreements`)).status).toBe(404);
      }
    }
    // staff=false, staff=yes, staff=1: the filter is either applied or refused, never a way around it.
    const c = await t.login(x.officer.email);
    for (const v of ['yes', '1', 'TRUE', '']) {
      const res = await c.get(`/api/v1/people?staff=${v}&q=${mark}`);
      expect([200, 400], v).toContain(res.status);
    }
  });

  it('naming a person the drafter may not see as a point of contact is answered like a person that does not exist', async () => {
    const [x, y, z] = await Promise.all([buildTenant(db()), buildTenant(db()), buildTenant(db())]);
    await buildConsortium(db(), [x.institution.id, y.institution.id]);
    const yPrivate = await buildPerson(db(), y.institution.id, { visibility: 'private' });
    const zPerson = await buildPerson(db(), z.institution.id);
    const officer = await t.login(x.officer.email);
    const answers: string[] = [];
    for (const [institutionId, personId] of [
      [y.institution.id, yPrivate.id],
      [z.institution.id, zPerson.id],
      [y.institution.id, '00000000-0000-4000-8000-000000000000'],
    ]) {
      const parties = [{ institutionId: x.institution.id }, { institutionId: y.institution.id }, ...(institutionId === z.institution.id ? [{ institutionId }] : [])];
      const res = await officer.post('/api/v1/agreements', {
        content: { kind: 'mou', titleVi: 'Đầu mối', titleEn: 'Contact', startDate: '2026-01-01', parties, areas: [{ key: 'r', kind: 'research', titleVi: 'NC', titleEn: 'R', contacts: [{ institutionId, personId }] }] },
      });
      expect(res.status).toBe(400);
      expect(fields(res)).toEqual([['content.areas.0.contacts.0.personId', 'unknown_reference']]);
      answers.push(JSON.stringify({ ...res.body, requestId: null }).replaceAll(personId, 'P'));
    }
    expect(new Set(answers).size).toBe(1);
  });
});
