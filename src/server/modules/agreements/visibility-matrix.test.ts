import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsortium, buildPerson, buildTenant, buildUser } from '../../testing/factories.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../testing/test-app.ts';

// Each role sees what is for it (docs/agreement-visibility.md), written out as a matrix: every kind of reader ×
// every status × every visibility × every resource of an agreement (list, get, versions, diff, comments, note,
// timeline, approvals, documents, the file). The expectations are stated here, not computed with policy.ts.
//
// A drafts with B; C shares a consortium with A and B; D shares none. Every agreement has two versions, one
// approval voided by the edit and two standing, a comment and a proposal, each party's note, an annex, and
// points of contact: A's lecturer (a member whose person is a contact) and a person of B.

const STATES = ['draft', 'negotiation', 'awaiting_approval', 'active', 'expiring', 'renewed', 'expired', 'terminated'] as const;
const SIGNED = new Set<string>(['active', 'expiring', 'renewed', 'expired', 'terminated']);
const VISIBILITIES = ['parties', 'consortium', 'public'] as const;
type State = (typeof STATES)[number];
type Visibility = (typeof VISIBILITIES)[number];

/**
 * How a reader reads an agreement: `negotiator` the whole file and the negotiation; `operator` the same but no
 * note of its own; `party` the whole file without the negotiation (a party's member, once signed); `contact` the
 * whole content, nothing beside it (a point of contact, before signing); `announcementParty` / `announcement`
 * what was announced (a party's member before signing / another institution); `none` nothing at all.
 */
type Reading = 'negotiator' | 'operator' | 'party' | 'contact' | 'announcementParty' | 'announcement' | 'none';

const all = (r: Reading): Record<Visibility, Reading> => ({ parties: r, consortium: r, public: r });
const shared = (r: Reading): Record<Visibility, Reading> => ({ parties: 'none', consortium: r, public: r });

/** Reader → [before signing, once signed] → visibility → reading. */
const WHO_READS: Record<string, { unsigned: Record<Visibility, Reading>; signed: Record<Visibility, Reading> }> = {
  'A officer': { unsigned: all('negotiator'), signed: all('negotiator') },
  'A admin': { unsigned: all('negotiator'), signed: all('negotiator') },
  'A coordinator': { unsigned: all('negotiator'), signed: all('negotiator') },
  'A token agreements:read': { unsigned: all('negotiator'), signed: all('negotiator') },
  'A member': { unsigned: shared('announcementParty'), signed: all('party') },
  'A student': { unsigned: shared('announcementParty'), signed: all('party') },
  'A lecturer (point of contact)': { unsigned: all('contact'), signed: all('party') },
  'C officer (consortium)': { unsigned: shared('announcement'), signed: shared('announcement') },
  'C student (consortium)': { unsigned: shared('announcement'), signed: shared('announcement') },
  'D officer (outside)': { unsigned: { parties: 'none', consortium: 'none', public: 'announcement' }, signed: { parties: 'none', consortium: 'none', public: 'announcement' } },
  'D student (outside)': { unsigned: { parties: 'none', consortium: 'none', public: 'announcement' }, signed: { parties: 'none', consortium: 'none', public: 'announcement' } },
  'platform admin': { unsigned: all('operator'), signed: all('operator') },
};

const RESOURCES = ['get', 'versions', 'version', 'diff', 'comments', 'note', 'timeline', 'documents', 'file'] as const;
type Resource = (typeof RESOURCES)[number];

/** The HTTP status of each resource per reading: 404 for what does not exist for the reader, 403 for a party's reader without the role. */
const STATUS: Record<Reading, Record<Resource, number>> = {
  negotiator: { get: 200, versions: 200, version: 200, diff: 200, comments: 200, note: 200, timeline: 200, documents: 200, file: 200 },
  operator: { get: 200, versions: 200, version: 200, diff: 200, comments: 200, note: 404, timeline: 200, documents: 200, file: 200 },
  party: { get: 200, versions: 403, version: 403, diff: 403, comments: 403, note: 403, timeline: 200, documents: 200, file: 200 },
  contact: { get: 200, versions: 403, version: 403, diff: 403, comments: 403, note: 403, timeline: 200, documents: 403, file: 404 },
  announcementParty: { get: 200, versions: 403, version: 403, diff: 403, comments: 403, note: 403, timeline: 200, documents: 403, file: 404 },
  announcement: { get: 200, versions: 404, version: 404, diff: 404, comments: 404, note: 404, timeline: 200, documents: 404, file: 404 },
  none: { get: 404, versions: 404, version: 404, diff: 404, comments: 404, note: 404, timeline: 404, documents: 404, file: 404 },
};

/** What the agreement itself shows per reading: view, approvals (of 3: one voided, two standing), the read permissions. */
const SHOWN: Record<Exclude<Reading, 'none'>, { view: string; approvals: number; contacts: boolean; reads: Record<string, boolean> }> = {
  negotiator: { view: 'full', approvals: 3, contacts: true, reads: { readDiscussion: true, readNote: true, readVersions: true, readDocuments: true, readApprovals: true } },
  operator: { view: 'full', approvals: 3, contacts: true, reads: { readDiscussion: true, readNote: false, readVersions: true, readDocuments: true, readApprovals: true } },
  party: { view: 'full', approvals: 2, contacts: true, reads: { readDiscussion: false, readNote: false, readVersions: false, readDocuments: true, readApprovals: true } },
  contact: { view: 'full', approvals: 0, contacts: true, reads: { readDiscussion: false, readNote: false, readVersions: false, readDocuments: false, readApprovals: false } },
  announcementParty: { view: 'announcement', approvals: 0, contacts: false, reads: { readDiscussion: false, readNote: false, readVersions: false, readDocuments: false, readApprovals: false } },
  announcement: { view: 'announcement', approvals: 0, contacts: false, reads: { readDiscussion: false, readNote: false, readVersions: false, readDocuments: false, readApprovals: false } },
};

/** The timeline's actions each reading may see (the negotiation's only for the negotiators). */
const TIMELINE: Record<Exclude<Reading, 'none'>, { must: string[]; never: string[] }> = {
  negotiator: { must: ['create', 'update', 'approve', 'comment', 'propose', 'attach'], never: [] },
  operator: { must: ['create', 'update', 'approve', 'comment', 'propose', 'attach'], never: [] },
  party: { must: ['create', 'approve', 'attach'], never: ['update', 'comment', 'propose'] },
  contact: { must: ['create'], never: ['update', 'comment', 'propose', 'attach', 'approve'] },
  announcementParty: { must: ['create'], never: ['update', 'comment', 'propose', 'attach', 'approve'] },
  announcement: { must: ['create'], never: ['update', 'comment', 'propose', 'attach', 'approve'] },
};

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const db = () => t.database.db;

function multipart(kind: string) {
  const boundary = '----hoptac-visibility';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n${kind}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nPhụ lục ma trận\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="phu-luc.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
    Buffer.from(`%PDF-1.4\n% ${Math.random()}\n%%EOF\n`),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function ok<T = any>(res: Promise<{ status: number; body: T }>, status = 200): Promise<T> {
  const r = await res;
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body;
}

async function world() {
  const [a, b, c, d] = await Promise.all([buildTenant(db()), buildTenant(db()), buildTenant(db()), buildTenant(db())]);
  await buildConsortium(db(), [a.institution.id, b.institution.id, c.institution.id]);
  const lecturerPerson = await buildPerson(db(), a.institution.id, { fullName: 'Giảng Viên Đầu Mối', title: 'TS.' });
  const lecturer = await buildUser(db(), a.institution.id, ['member'], { personId: lecturerPerson.id });
  const partnerPerson = await buildPerson(db(), b.institution.id, { fullName: 'Đầu Mối Đối Tác' });
  const coordinator = await buildUser(db(), a.institution.id, ['coordinator']);
  const operator = await buildUser(db(), d.institution.id, ['platform_admin']);
  const officerA = await t.login(a.officer.email);
  const officerB = await t.login(b.officer.email);
  const adminA = await t.login(a.admin.email);
  const token = await ok(adminA.post('/api/v1/admin/api-tokens', { name: 'matrix', scopes: ['agreements:read'] }), 201);
  const readers: Record<string, ApiClient> = {
    'A officer': officerA,
    'A admin': adminA,
    'A coordinator': await t.login(coordinator.email),
    'A token agreements:read': t.client().withToken(token.token),
    'A member': await t.login(a.member.email),
    'A student': await t.login(a.student.email),
    'A lecturer (point of contact)': await t.login(lecturer.email),
    'C officer (consortium)': await t.login(c.officer.email),
    'C student (consortium)': await t.login(c.student.email),
    'D officer (outside)': await t.login(d.officer.email),
    'D student (outside)': await t.login(d.student.email),
    'platform admin': await t.login(operator.email),
  };
  const content = (title: string, summary: string) => ({
    kind: 'mou',
    titleVi: title,
    titleEn: title,
    summaryVi: summary,
    startDate: '2026-01-01',
    renewal: 'decision',
    parties: [{ institutionId: a.institution.id }, { institutionId: b.institution.id }],
    areas: [
      {
        key: 'research',
        kind: 'research',
        titleVi: 'Nghiên cứu',
        titleEn: 'Research',
        descriptionVi: 'Mô tả nội bộ',
        contacts: [
          { institutionId: a.institution.id, personId: lecturerPerson.id },
          { institutionId: b.institution.id, personId: partnerPerson.id },
        ],
        commitments: [{ key: 'c1', fromInstitutionId: b.institution.id, textVi: 'Cam kết', textEn: 'Commitment' }],
        targets: [{ key: 't1', metric: 'joint_publications', periodStart: '2026-01-01', periodEnd: '2026-12-31', value: 3 }],
      },
    ],
  });
  /** An agreement in `state` with `visibility`, and everything beside its content. */
  const make = async (state: State, visibility: Visibility) => {
    const title = `Ma trận ${state} ${visibility}`;
    const created = await ok(officerA.post('/api/v1/agreements', { content: content(title, 'Tóm tắt công bố'), visibility }), 201);
    await ok(officerA.post(`/api/v1/agreements/${created.id}/approvals`, { contentHash: created.contentHash }));
    const edited = await ok(officerA.patch(`/api/v1/agreements/${created.id}`, { baseVersion: 1, content: content(title, 'Tóm tắt công bố, sửa') }));
    await ok(officerA.post(`/api/v1/agreements/${created.id}/approvals`, { contentHash: edited.contentHash }));
    await ok(officerB.post(`/api/v1/agreements/${created.id}/approvals`, { contentHash: edited.contentHash }));
    await ok(officerA.post(`/api/v1/agreements/${created.id}/comments`, { body: 'BÍ-MẬT-GÓP-Ý' }), 201);
    await ok(officerB.post(`/api/v1/agreements/${created.id}/comments`, { body: 'BÍ-MẬT-ĐỀ-XUẤT', kind: 'proposal' }), 201);
    await ok(officerA.put(`/api/v1/agreements/${created.id}/note`, { body: 'BÍ-MẬT-GHI-CHÚ', version: 0 }));
    const annex = multipart('annex');
    const doc = await ok(officerA.request('POST', `/api/v1/agreements/${created.id}/documents`, annex.body, annex.headers), 201);
    await db().updateTable('agreements').set({ status: state }).where('id', '=', created.id).execute();
    return { id: created.id as string, fileId: doc.fileId as string };
  };
  const agreements: { state: State; visibility: Visibility; id: string; fileId: string }[] = [];
  for (const state of STATES) for (const visibility of VISIBILITIES) agreements.push({ state, visibility, ...(await make(state, visibility)) });
  return { readers, agreements };
}

async function statusOf(c: ApiClient, resource: Resource, a: { id: string; fileId: string }) {
  const path = {
    get: `/api/v1/agreements/${a.id}`,
    versions: `/api/v1/agreements/${a.id}/versions`,
    version: `/api/v1/agreements/${a.id}/versions/1`,
    diff: `/api/v1/agreements/${a.id}/diff?from=1&to=2`,
    comments: `/api/v1/agreements/${a.id}/comments`,
    note: `/api/v1/agreements/${a.id}/note`,
    timeline: `/api/v1/agreements/${a.id}/timeline`,
    documents: `/api/v1/agreements/${a.id}/documents`,
    file: `/api/v1/files/${a.fileId}/content`,
  }[resource];
  return c.get(path);
}

describe('who reads what of an agreement (docs/agreement-visibility.md)', () => {
  let w: Awaited<ReturnType<typeof world>>;
  beforeAll(async () => {
    w = await world();
  }, 240_000);

  it.each(Object.keys(WHO_READS))('%s: list, agreement, versions, diff, comments, note, timeline, approvals, documents, file — per status and visibility', async (name) => {
    const c = w.readers[name];
    const listed = new Set<string>();
    for (let cursor: string | null = null, page = 0; page < 10; page++) {
      const res: { status: number; body: any } = await c.get(`/api/v1/agreements?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      for (const item of res.body.items) listed.add(item.id);
      cursor = res.body.nextCursor;
      if (!cursor) break;
    }
    const failures: string[] = [];
    for (const a of w.agreements) {
      const reading = WHO_READS[name][SIGNED.has(a.state) ? 'signed' : 'unsigned'][a.visibility];
      const where = `${name} · ${a.state} · ${a.visibility} (${reading})`;
      if (listed.has(a.id) !== (reading !== 'none')) failures.push(`${where}: listed=${listed.has(a.id)}`);
      const answers = Object.fromEntries(await Promise.all(RESOURCES.map(async (r) => [r, await statusOf(c, r, a)] as const)));
      for (const r of RESOURCES) if (answers[r].status !== STATUS[reading][r]) failures.push(`${where}: ${r} ${answers[r].status}, expected ${STATUS[reading][r]}`);
      if (reading === 'none') continue;
      const body = answers.get.body;
      const shown = SHOWN[reading];
      const area = body.content.areas[0];
      const reads = Object.fromEntries(Object.keys(shown.reads).map((k) => [k, body.permissions[k]]));
      const seen = { view: body.view, approvals: body.approvals.length, contacts: 'contacts' in area, reads };
      const expected = { view: shown.view, approvals: shown.approvals, contacts: shown.contacts, reads: shown.reads };
      if (JSON.stringify(seen) !== JSON.stringify(expected)) failures.push(`${where}: shows ${JSON.stringify(seen)}, expected ${JSON.stringify(expected)}`);
      const text = JSON.stringify(body);
      for (const secret of ['BÍ-MẬT', ...(shown.contacts ? [] : ['Giảng Viên Đầu Mối', 'Mô tả nội bộ', 'Cam kết', 'joint_publications'])]) {
        if (text.includes(secret)) failures.push(`${where}: the agreement shows ${secret}`);
      }
      const actions = new Set<string>(answers.timeline.body.items.map((e: { action: string }) => e.action));
      for (const must of TIMELINE[reading].must) if (!actions.has(must)) failures.push(`${where}: timeline lacks ${must}`);
      for (const never of TIMELINE[reading].never) if (actions.has(never)) failures.push(`${where}: timeline shows ${never}`);
      if (JSON.stringify(answers.timeline.body).includes('BÍ-MẬT')) failures.push(`${where}: the timeline shows a comment or note`);
      if (reading === 'party' && answers.timeline.body.items.filter((e: { action: string }) => e.action === 'approve').length !== 2) {
        failures.push(`${where}: a party's member sees the approvals that stand, not the voided one`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('the announcement (docs/agreement-visibility.md)', () => {
  it('answers non-parties what was announced, and the same agreement in full to its parties', async () => {
    const [a, b, c] = await Promise.all([buildTenant(db()), buildTenant(db()), buildTenant(db())]);
    await buildConsortium(db(), [a.institution.id, b.institution.id]);
    const contact = await buildPerson(db(), b.institution.id, { fullName: 'Người Liên Hệ Riêng', title: 'PGS.TS.' });
    const officer = await t.login(a.officer.email);
    const created = await ok(
      officer.post('/api/v1/agreements', {
        visibility: 'public',
        content: {
          kind: 'mou',
          titleVi: 'Biên bản công bố',
          titleEn: 'Announced memorandum',
          summaryVi: 'Hai bên hợp tác đào tạo.',
          summaryEn: 'Both train together.',
          signingPlace: 'Hà Nội',
          signingDate: '2025-12-01',
          startDate: '2026-01-01',
          endDate: '2030-12-31',
          renewal: 'automatic',
          renewalYears: 5,
          parties: [{ institutionId: a.institution.id }, { institutionId: b.institution.id }],
          areas: [
            {
              key: 'training',
              kind: 'training',
              titleVi: 'Đào tạo',
              titleEn: 'Training',
              descriptionVi: 'Chi tiết nội bộ',
              contacts: [{ institutionId: b.institution.id, personId: contact.id }],
              commitments: [{ key: 'c1', fromInstitutionId: a.institution.id, textVi: 'Nhận 10 học viên', textEn: 'Takes 10 trainees', quantity: 10 }],
              targets: [{ key: 't1', metric: 'staff_trained', periodStart: '2026-01-01', periodEnd: '2026-12-31', value: 10 }],
            },
          ],
        },
      }),
      201,
    );
    await db().updateTable('agreements').set({ status: 'terminated', status_reason: 'Lý do nội bộ' }).where('id', '=', created.id).execute();
    const outsider = await (await t.login(c.student.email)).get(`/api/v1/agreements/${created.id}`);
    expect(outsider.status).toBe(200);
    const o = outsider.body;
    expect(o.view).toBe('announcement');
    expect(o.content).toEqual({
      kind: 'mou',
      parentId: null,
      titleVi: 'Biên bản công bố',
      titleEn: 'Announced memorandum',
      summaryVi: 'Hai bên hợp tác đào tạo.',
      summaryEn: 'Both train together.',
      signingPlace: 'Hà Nội',
      signingDate: '2025-12-01',
      startDate: '2026-01-01',
      endDate: '2030-12-31',
      parties: [
        { institutionId: a.institution.id, unitId: null },
        { institutionId: b.institution.id, unitId: null },
      ],
      areas: [{ key: 'training', kind: 'training', titleVi: 'Đào tạo', titleEn: 'Training' }],
    });
    expect(o.parties.map((p: { code: string }) => p.code)).toEqual([a.institution.code, b.institution.code]);
    expect({ status: o.status, people: o.people, approvals: o.approvals, signedDocumentId: o.signedDocumentId, statusReason: o.statusReason }).toEqual({
      status: 'terminated',
      people: {},
      approvals: [],
      signedDocumentId: null,
      statusReason: null,
    });
    // The party's member reads the whole of it (signed), the party's officer too.
    for (const email of [b.member.email, a.officer.email]) {
      const full = (await (await t.login(email)).get(`/api/v1/agreements/${created.id}`)).body;
      expect(full.view).toBe('full');
      expect(full.content.renewal).toBe('automatic');
      expect(full.content.areas[0].contacts).toEqual([{ institutionId: b.institution.id, personId: contact.id }]);
      expect(full.people[contact.id].fullName).toBe('Người Liên Hệ Riêng');
      expect(full.statusReason).toBe('Lý do nội bộ');
    }
  });
});

describe('people are named, not e-mailed', () => {
  it('names who approved, saved a version, commented and acted by title and name, with the e-mail for the parties only', async () => {
    const [a, b, c] = await Promise.all([buildTenant(db()), buildTenant(db()), buildTenant(db())]);
    await buildConsortium(db(), [a.institution.id, b.institution.id, c.institution.id]);
    const person = await buildPerson(db(), a.institution.id, { fullName: 'Nguyễn Văn An', title: 'PGS.TS.' });
    const named = await buildUser(db(), a.institution.id, ['cooperation_officer'], { personId: person.id });
    const officer = await t.login(named.email);
    const created = await ok(
      officer.post('/api/v1/agreements', {
        visibility: 'consortium',
        content: { kind: 'mou', titleVi: 'Tên người', titleEn: 'Names', startDate: '2026-01-01', parties: [{ institutionId: a.institution.id }, { institutionId: b.institution.id }] },
      }),
      201,
    );
    await ok(officer.post(`/api/v1/agreements/${created.id}/approvals`, { contentHash: created.contentHash }));
    await ok(officer.post(`/api/v1/agreements/${created.id}/comments`, { body: 'Góp ý' }), 201);
    const partner = await t.login(b.officer.email);
    const seen = (await partner.get(`/api/v1/agreements/${created.id}`)).body;
    expect(seen.approvals[0]).toMatchObject({ approvedByName: 'PGS.TS. Nguyễn Văn An', approvedBy: 'PGS.TS. Nguyễn Văn An', approvedByEmail: named.email });
    const versions = (await partner.get(`/api/v1/agreements/${created.id}/versions`)).body.items;
    expect(versions[0]).toMatchObject({ createdByName: 'PGS.TS. Nguyễn Văn An', createdByEmail: named.email });
    const comments = (await partner.get(`/api/v1/agreements/${created.id}/comments`)).body.items;
    expect(comments[0]).toMatchObject({ authorName: 'PGS.TS. Nguyễn Văn An', authorEmail: named.email });
    const timeline = (await partner.get(`/api/v1/agreements/${created.id}/timeline`)).body.items;
    expect(timeline[0]).toMatchObject({ action: 'create', actorName: 'PGS.TS. Nguyễn Văn An', actor: 'PGS.TS. Nguyễn Văn An', actorEmail: named.email });
    // A user without a person: the display name. Another institution reading the announcement: the institution.
    const plain = (await (await t.login(b.officer.email)).post(`/api/v1/agreements/${created.id}/comments`, { body: 'B' })).body;
    expect(plain.authorName).toMatch(/^Tester /);
    const outsider = (await (await t.login(c.officer.email)).get(`/api/v1/agreements/${created.id}/timeline`)).body.items;
    expect(outsider).toEqual([expect.objectContaining({ action: 'create', actorName: a.institution.code, actorEmail: null })]);
    expect(JSON.stringify(outsider)).not.toContain(named.email);
  });
});
