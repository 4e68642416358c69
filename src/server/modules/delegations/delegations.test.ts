import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsortium, buildPerson, buildTenant, buildUser } from '../../testing/factories.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../testing/test-app.ts';
import { runGuestDataErasure } from './erasure-job.ts';

// Delegations under an agreement: the approval flow, who reads the guests' personal data (only the handling office,
// every view audited), its erasure on schedule (the test's own clock), the generated Vietnamese PDFs, the report
// that becomes an activity, and bad input answered with the field. The clock starts on 1 July 2026 (Vietnam).
let now = new Date('2026-07-01T03:00:00Z');
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock: { now: () => now }, env: { GUEST_DATA_RETENTION_DAYS: '30' } });
});
afterAll(() => t.close());

type Tenant = Awaited<ReturnType<typeof buildTenant>>;
let hust: Tenant;
let bmh: Tenant;
let outsider: Tenant;
let officer: ApiClient;
let admin: ApiClient;
let member: ApiClient;
let memberUser: { id: string };
let partnerOfficer: ApiClient;
let partnerAdmin: ApiClient;
let stranger: ApiClient;
let agreementId: string;
let staff: { id: string };

const guest = (over: Record<string, unknown> = {}) => ({
  fullName: 'Ivanova Anna Sergeevna',
  title: 'GS., Phó Hiệu trưởng',
  gender: 'female',
  dateOfBirth: '1972-04-15',
  nationality: 'RU',
  passportNumber: 'P7654321',
  passportExpiry: '2031-01-31',
  ...over,
});
const incoming = (over: Record<string, unknown> = {}) => ({
  direction: 'incoming',
  areaKey: 'exchange',
  partnerId: bmh.institution.id,
  titleVi: 'Đoàn Bệnh viện Bạch Mai thăm Đại học Bách khoa',
  titleEn: 'Bach Mai delegation at HUST',
  purposeVi: 'Trao đổi về hợp tác đào tạo kỹ thuật y sinh.',
  purposeEn: 'Discuss biomedical engineering training.',
  startDate: '2026-09-14',
  endDate: '2026-09-16',
  budgetSource: 'institution',
  lodging: 'Nhà khách Bách khoa, 1 Đại Cồ Việt, Hà Nội',
  members: [{ personId: staff.id, role: 'Trưởng đoàn tiếp' }],
  guests: [guest()],
  programme: [{ date: '2026-09-14', time: '09:00', what: 'Làm việc với Ban Giám hiệu', where: 'Phòng họp C1' }],
  ...over,
});

async function create(c: ApiClient, body: Record<string, unknown>) {
  const res = await c.post(`/api/v1/agreements/${agreementId}/delegations`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; version: number; status: string };
}
async function approved(body: Record<string, unknown> = {}) {
  const d = await create(officer, incoming(body));
  const s = await officer.post(`/api/v1/delegations/${d.id}/submit`, { version: d.version });
  expect(s.status, JSON.stringify(s.body)).toBe(200);
  const a = await admin.post(`/api/v1/delegations/${d.id}/decision`, { version: s.body.version, decision: 'approve', comment: 'Đồng ý' });
  expect(a.status, JSON.stringify(a.body)).toBe(200);
  return a.body as { id: string; version: number; status: string };
}
const fieldsOf = (res: { body: { error?: { details?: { fields?: { field: string; code: string }[] } } } }) =>
  (res.body.error?.details?.fields ?? []).map((f) => `${f.field}:${f.code}`);
const auditOf = (id: string, action: string) =>
  t.database.db.selectFrom('audit_log').selectAll().where('entity', '=', 'delegation').where('entity_id', '=', id).where('action', '=', action).execute();
const pdfText = async (c: ApiClient, url: string) => {
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie: c.cookie! } });
  return { status: res.statusCode, type: res.headers['content-type'], bytes: res.rawPayload };
};

beforeAll(async () => {
  const db = t.database.db;
  hust = await buildTenant(db, { code: 'HUSD' });
  bmh = await buildTenant(db, { code: 'BMHD', kind: 'hospital' });
  outsider = await buildTenant(db, { code: 'OUTD' });
  await buildConsortium(db, [hust.institution.id, bmh.institution.id, outsider.institution.id]);
  staff = await buildPerson(db, hust.institution.id, { fullName: 'Cán Bộ Tiếp Đoàn' });
  memberUser = hust.member;
  officer = await t.login(hust.officer.email);
  admin = await t.login(hust.admin.email);
  member = await t.login(hust.member.email);
  partnerOfficer = await t.login(bmh.officer.email);
  partnerAdmin = await t.login(bmh.admin.email);
  stranger = await t.login(outsider.admin.email);
  const created = await officer.post('/api/v1/agreements', {
    content: {
      kind: 'cooperation',
      titleVi: 'Thỏa thuận hợp tác đón đoàn',
      titleEn: 'Delegations cooperation agreement',
      startDate: '2026-01-01',
      endDate: '2028-12-31',
      parties: [{ institutionId: hust.institution.id }, { institutionId: bmh.institution.id }],
      areas: [
        { key: 'exchange', kind: 'exchange', titleVi: 'Trao đổi', titleEn: 'Exchange' },
        { key: 'research', kind: 'research', titleVi: 'Nghiên cứu', titleEn: 'Research' },
      ],
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  agreementId = created.body.id;
  await db.updateTable('agreements').set({ status: 'active', signing_date: '2025-12-20' }).where('id', '=', agreementId).execute();
});

describe('the approval flow', () => {
  it('goes draft → submitted → approved by the leadership, with version checks', async () => {
    const d = await create(officer, incoming());
    expect(d.status).toBe('draft');
    expect(JSON.stringify(d)).not.toContain('P7654321');
    expect((d as unknown as { guestCount: number }).guestCount).toBe(1);
    const stale = await officer.patch(`/api/v1/delegations/${d.id}`, { version: d.version + 1, titleEn: 'X' });
    expect(stale.status).toBe(409);
    const submitted = await officer.post(`/api/v1/delegations/${d.id}/submit`, { version: d.version });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body.status).toBe('submitted');
    expect(submitted.body.permissions.decide).toBe(false);
    // The officer prepares, the leadership decides; the partner only reads.
    expect((await officer.post(`/api/v1/delegations/${d.id}/decision`, { version: submitted.body.version, decision: 'approve' })).status).toBe(403);
    expect((await partnerAdmin.post(`/api/v1/delegations/${d.id}/decision`, { version: submitted.body.version, decision: 'approve' })).status).toBe(403);
    expect((await stranger.post(`/api/v1/delegations/${d.id}/decision`, { version: submitted.body.version, decision: 'approve' })).status).toBe(404);
    expect((await admin.get(`/api/v1/delegations/${d.id}`)).body.permissions.decide).toBe(true);
    const ok = await admin.post(`/api/v1/delegations/${d.id}/decision`, { version: submitted.body.version, decision: 'approve', comment: 'Đồng ý' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.status).toBe('approved');
    expect(ok.body.decision).toMatchObject({ decision: 'approve', comment: 'Đồng ý' });
    expect((await admin.post(`/api/v1/delegations/${d.id}/decision`, { version: ok.body.version, decision: 'reject', comment: 'x' })).status).toBe(409);
    // The programme may still change; the audit entries are the handling institution's only.
    const prog = await officer.put(`/api/v1/delegations/${d.id}/programme`, {
      version: ok.body.version,
      programme: [{ date: '2026-09-15', time: '14:00', what: 'Thăm phòng thí nghiệm', where: 'C7' }],
    });
    expect(prog.status, JSON.stringify(prog.body)).toBe(200);
    const owners = await t.database.db
      .selectFrom('audit_owners as o')
      .innerJoin('audit_log as a', 'a.id', 'o.audit_id')
      .select('o.institution_id')
      .where('a.entity', '=', 'delegation')
      .where('a.entity_id', '=', d.id)
      .execute();
    expect(owners.length).toBeGreaterThanOrEqual(4);
    expect(new Set(owners.map((o) => o.institution_id))).toEqual(new Set([hust.institution.id]));
    const logged = await t.database.db.selectFrom('audit_log').select(['before', 'after']).where('entity_id', '=', d.id).execute();
    expect(JSON.stringify(logged)).not.toContain('P7654321');
    // The partner's and a stranger's lists.
    expect((await partnerOfficer.get('/api/v1/delegations')).body.items.map((x: { id: string }) => x.id)).toContain(d.id);
    expect((await stranger.get('/api/v1/delegations')).body.items).toEqual([]);
  });

  it('goes to named approvers, and a rejection needs a comment; an edit makes it a draft again', async () => {
    const d = await create(officer, incoming());
    const submitted = await officer.post(`/api/v1/delegations/${d.id}/submit`, { version: d.version, approverIds: [memberUser.id] });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body.approvers.map((a: { userId: string }) => a.userId)).toEqual([memberUser.id]);
    expect((await admin.post(`/api/v1/delegations/${d.id}/decision`, { version: submitted.body.version, decision: 'approve' })).status).toBe(403);
    const noComment = await member.post(`/api/v1/delegations/${d.id}/decision`, { version: submitted.body.version, decision: 'reject' });
    expect(noComment.status).toBe(400);
    expect(fieldsOf(noComment)).toEqual(['comment:required']);
    const rejected = await member.post(`/api/v1/delegations/${d.id}/decision`, { version: submitted.body.version, decision: 'reject', comment: 'Chưa rõ kinh phí' });
    expect(rejected.status).toBe(200);
    expect(rejected.body.status).toBe('rejected');
    const edited = await officer.patch(`/api/v1/delegations/${d.id}`, { version: rejected.body.version, budgetSource: 'partner' });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.status).toBe('draft');
    const cancelled = await officer.post(`/api/v1/delegations/${d.id}/cancel`, { version: edited.body.version, reason: 'Hoãn' });
    expect(cancelled.body.status).toBe('cancelled');
    expect((await member.post(`/api/v1/delegations/${d.id}/submit`, { version: cancelled.body.version })).status).toBe(403);
  });

  it('sends staff out: an outgoing delegation with members from the directory, no guests', async () => {
    const d = await create(officer, incoming({ direction: 'outgoing', guests: [], titleVi: 'Đoàn ra làm việc tại Bạch Mai' }));
    const s = await officer.post(`/api/v1/delegations/${d.id}/submit`, { version: d.version });
    expect(s.status, JSON.stringify(s.body)).toBe(200);
    const withGuests = await officer.post(`/api/v1/agreements/${agreementId}/delegations`, incoming({ direction: 'outgoing' }));
    expect(fieldsOf(withGuests)).toEqual(['guests:incoming_only']);
    const pdf = await pdfText(officer, `/api/v1/delegations/${d.id}/invitation-letter.pdf`);
    expect(pdf.status).toBe(409);
  });
});

describe("the guests' personal data", () => {
  let id: string;
  beforeAll(async () => {
    id = (await approved()).id;
  });

  it('is read by the handling office only, and every view is audited', async () => {
    const before = (await auditOf(id, 'view_guests')).length;
    for (const c of [officer, admin]) {
      const res = await c.get(`/api/v1/delegations/${id}/guests`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.items[0]).toMatchObject({ fullName: 'Ivanova Anna Sergeevna', passportNumber: 'P7654321', nationality: 'RU' });
    }
    expect((await member.get(`/api/v1/delegations/${id}/guests`)).status).toBe(403);
    expect((await partnerOfficer.get(`/api/v1/delegations/${id}/guests`)).status).toBe(403);
    expect((await partnerAdmin.get(`/api/v1/delegations/${id}/guests`)).status).toBe(403);
    expect((await stranger.get(`/api/v1/delegations/${id}/guests`)).status).toBe(404);
    const views = await auditOf(id, 'view_guests');
    expect(views.length).toBe(before + 2);
    expect(JSON.stringify(views)).not.toContain('P7654321');
    // Everyone else who reads the delegation sees how many guests, nothing personal.
    for (const c of [member, partnerOfficer]) {
      const res = await c.get(`/api/v1/delegations/${id}`);
      expect(res.status).toBe(200);
      expect(res.body.guestCount).toBe(1);
      expect(res.body.permissions.readGuests).toBe(false);
      expect(JSON.stringify(res.body)).not.toMatch(/P7654321|Ivanova|1972-04-15/);
    }
    expect((await officer.get(`/api/v1/delegations/${id}`)).body.permissions.readGuests).toBe(true);
    expect((await stranger.get(`/api/v1/delegations/${id}`)).status).toBe(404);
    // The handling institution's audit log has the views; the partner's has nothing of the delegation.
    const mine = (await admin.get('/api/v1/admin/audit?entity=delegation&limit=200')).body.items as { action: string; entityId: string }[];
    expect(mine.filter((e) => e.entityId === id && e.action === 'view_guests').length).toBe(views.length);
    const theirs = (await partnerAdmin.get('/api/v1/admin/audit?entity=delegation&limit=200')).body.items;
    expect(theirs).toEqual([]);
  });

  it('makes the Vietnamese invitation letter and residence notice, for the handling office, audited', async () => {
    const before = (await auditOf(id, 'view_guests')).length;
    const letter = await pdfText(officer, `/api/v1/delegations/${id}/invitation-letter.pdf`);
    expect(letter.status).toBe(200);
    expect(letter.type).toBe('application/pdf');
    let parser = new PDFParse({ data: letter.bytes });
    const text = (await parser.getText()).text;
    await parser.destroy();
    expect(text).toContain('THƯ MỜI');
    expect(text).toContain('Cục Quản lý xuất nhập cảnh');
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Ivanova Anna Sergeevna');
    expect(text).toContain('P7654321');
    expect(text).toContain('Trao đổi về hợp tác đào tạo kỹ thuật y sinh.');
    const notice = await pdfText(admin, `/api/v1/delegations/${id}/residence-notice.pdf`);
    expect(notice.status).toBe(200);
    parser = new PDFParse({ data: notice.bytes });
    const noticeText = (await parser.getText()).text;
    await parser.destroy();
    expect(noticeText).toContain('KHAI BÁO TẠM TRÚ');
    expect(noticeText).toContain('Nhà khách Bách khoa, 1 Đại Cồ Việt, Hà Nội');
    expect(noticeText).toContain('Ivanova Anna Sergeevna');
    expect((await pdfText(member, `/api/v1/delegations/${id}/invitation-letter.pdf`)).status).toBe(403);
    expect((await pdfText(partnerOfficer, `/api/v1/delegations/${id}/residence-notice.pdf`)).status).toBe(403);
    expect((await pdfText(stranger, `/api/v1/delegations/${id}/invitation-letter.pdf`)).status).toBe(404);
    const views = await auditOf(id, 'view_guests');
    expect(views.length).toBe(before + 2);
  });

  it('is erased on schedule (30 days after the visit), logged, and the delegation stays', async () => {
    const early = await runGuestDataErasure(t.deps, new Date('2026-10-15T03:00:00Z')); // 29 days after 16 September
    expect(early.delegations).toBe(0);
    expect((await officer.get(`/api/v1/delegations/${id}/guests`)).body.items).toHaveLength(1);
    const due = await runGuestDataErasure(t.deps, new Date('2026-10-16T03:00:00Z'));
    expect(due.guests).toBeGreaterThanOrEqual(1);
    const rows = await t.database.db.selectFrom('delegation_guests').selectAll().where('delegation_id', '=', id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ full_name: null, passport_number: null, date_of_birth: null, nationality: null });
    const logged = await auditOf(id, 'erase_guests');
    expect(logged).toHaveLength(1);
    expect(logged[0].actor_label).toBe('system');
    const listed = await officer.get(`/api/v1/delegations/${id}/guests`);
    expect(listed.body).toMatchObject({ erased: true, items: [] });
    const kept = await officer.get(`/api/v1/delegations/${id}`);
    expect(kept.body).toMatchObject({ guestCount: 1, guestsErased: true, status: 'approved' });
    expect((await pdfText(officer, `/api/v1/delegations/${id}/invitation-letter.pdf`)).status).toBe(409);
    expect((await runGuestDataErasure(t.deps, new Date('2026-10-17T03:00:00Z'))).delegations).toBe(0);
    expect(await auditOf(id, 'erase_guests')).toHaveLength(1);
  });
});

describe('the report after the visit', () => {
  it('creates a visit activity on the agreement, linked from the delegation', async () => {
    const d = await approved({ titleVi: 'Đoàn báo cáo', titleEn: 'Reported delegation', areaKey: 'research' });
    expect((await officer.post(`/api/v1/delegations/${d.id}/report`, { version: d.version, outcomes: 'Sớm quá' })).status).toBe(409);
    now = new Date('2026-09-20T03:00:00Z');
    try {
      // Sessions are as old as the clock says: sign in again after the visit.
      const [officer, member, partnerOfficer] = [await t.login(hust.officer.email), await t.login(hust.member.email), await t.login(bmh.officer.email)];
      expect((await member.post(`/api/v1/delegations/${d.id}/report`, { version: d.version, outcomes: 'x' })).status).toBe(403);
      const res = await officer.post(`/api/v1/delegations/${d.id}/report`, { version: d.version, outcomes: 'Hai bên thống nhất chương trình trao đổi.' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.status).toBe('done');
      expect(res.body.activityId).toBeTruthy();
      const list = await partnerOfficer.get(`/api/v1/agreements/${agreementId}/activities`);
      const activity = list.body.items.find((a: { id: string }) => a.id === res.body.activityId);
      expect(activity).toMatchObject({
        kind: 'visit',
        status: 'done',
        areaKey: 'research',
        titleVi: 'Đoàn báo cáo',
        outcomes: 'Hai bên thống nhất chương trình trao đổi.',
        startDate: '2026-09-14',
        endDate: '2026-09-16',
      });
      expect(activity.organisers.map((o: { institutionId: string }) => o.institutionId)).toEqual([hust.institution.id]);
      expect(activity.counts).toEqual([expect.objectContaining({ institutionId: bmh.institution.id, count: 1 })]);
      expect(activity.participants.map((p: { personId: string }) => p.personId)).toEqual([staff.id]);
      expect((await officer.post(`/api/v1/delegations/${d.id}/report`, { version: res.body.version, outcomes: 'again' })).status).toBe(409);
    } finally {
      now = new Date('2026-07-01T03:00:00Z');
    }
  });
});

describe('the calendar', () => {
  it('lists submitted and approved delegations of agreements the caller reads', async () => {
    const d = await approved({ titleVi: 'Đoàn trên lịch', startDate: '2026-11-02', endDate: '2026-11-03', programme: [] });
    const draft = await create(officer, incoming({ titleVi: 'Đoàn nháp', startDate: '2026-11-04', endDate: '2026-11-05', programme: [] }));
    const res = await partnerOfficer.get('/api/v1/calendar?from=2026-11-01&to=2026-11-30');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const ids = res.body.items.filter((e: { type: string }) => e.type === 'delegation').map((e: { recordId: string }) => e.recordId);
    expect(ids).toContain(d.id);
    expect(ids).not.toContain(draft.id);
    const theirs = await stranger.get('/api/v1/calendar?from=2026-11-01&to=2026-11-30');
    expect(JSON.stringify(theirs.body)).not.toContain(d.id);
  });
});

describe('bad input', () => {
  const post = (body: Record<string, unknown>) => officer.post(`/api/v1/agreements/${agreementId}/delegations`, body);

  it('refuses a passport expiring before the visit ends', async () => {
    const res = await post(incoming({ guests: [guest(), guest({ passportNumber: 'Q1234567', passportExpiry: '2026-09-15' })] }));
    expect(res.status).toBe(400);
    expect(fieldsOf(res)).toEqual(['guests.1.passportExpiry:passport_expires']);
  });
  it('refuses a guest without nationality', async () => {
    const { nationality: _, ...noNationality } = guest();
    const res = await post(incoming({ guests: [noNationality] }));
    expect(res.status).toBe(400);
    expect(fieldsOf(res)).toEqual(['guests.0.nationality:required']);
  });
  it('refuses an end before the start, and dates outside the agreement', async () => {
    const res = await post(incoming({ startDate: '2026-09-16', endDate: '2026-09-14', programme: [] }));
    expect(fieldsOf(res)).toContain('endDate:before_start');
    const outside = await post(incoming({ startDate: '2029-03-01', endDate: '2029-03-02', programme: [], guests: [guest({ passportExpiry: '2035-01-01' })] }));
    expect(outside.status).toBe(400);
    expect(fieldsOf(outside)).toEqual(['startDate:outside_agreement_period']);
    const programme = await post(incoming({ programme: [{ date: '2026-09-20', what: 'Sau chuyến thăm' }] }));
    expect(fieldsOf(programme)).toEqual(['programme.0.date:outside_visit']);
  });
  it('refuses dates in the past on submission', async () => {
    const d = await create(officer, incoming({ startDate: '2026-06-01', endDate: '2026-06-03', programme: [] }));
    const res = await officer.post(`/api/v1/delegations/${d.id}/submit`, { version: d.version });
    expect(res.status).toBe(400);
    expect(fieldsOf(res)).toEqual(['startDate:past_date']);
    expect(res.body.error.message).toContain('2026-07-01');
  });
  it('refuses members and partners that are not what they should be', async () => {
    const foreign = await buildPerson(t.database.db, bmh.institution.id, { fullName: 'Người Đối Tác' });
    const res = await post(incoming({ partnerId: hust.institution.id, members: [{ personId: foreign.id }] }));
    expect(fieldsOf(res).sort()).toEqual(['members.0.personId:unknown_reference', 'partnerId:not_a_party']);
    const approver = await buildUser(t.database.db, bmh.institution.id, ['institution_admin']);
    const d = await create(officer, incoming());
    const sub = await officer.post(`/api/v1/delegations/${d.id}/submit`, { version: d.version, approverIds: [approver.id] });
    expect(fieldsOf(sub)).toEqual(['approverIds.0:unknown_reference']);
  });
  it('keeps guests from those who are not the handling office and from other institutions', async () => {
    expect((await member.post(`/api/v1/agreements/${agreementId}/delegations`, incoming())).status).toBe(403);
    expect((await partnerOfficer.post(`/api/v1/agreements/${agreementId}/delegations`, incoming({ partnerId: hust.institution.id, members: [] }))).status).toBe(201);
    expect((await stranger.post(`/api/v1/agreements/${agreementId}/delegations`, incoming())).status).toBe(404);
  });
});

describe('notifications', () => {
  const notificationsOf = (userId: string, kind: 'delegation_submitted' | 'delegation_decided') =>
    t.database.db.selectFrom('notifications').selectAll().where('user_id', '=', userId).where('kind', '=', kind).execute();

  it("tell the leadership a request waits for it, and who requested it the decision; named approvers alone when named", async () => {
    const before = (await notificationsOf(hust.admin.id, 'delegation_submitted')).length;
    const d = await create(officer, incoming());
    const s = await officer.post(`/api/v1/delegations/${d.id}/submit`, { version: d.version });
    expect(s.status, JSON.stringify(s.body)).toBe(200);
    expect(await notificationsOf(hust.admin.id, 'delegation_submitted')).toHaveLength(before + 1);
    expect(await notificationsOf(bmh.admin.id, 'delegation_submitted')).toHaveLength(0); // the partner's leadership decides nothing here
    const decidedBefore = (await notificationsOf(hust.officer.id, 'delegation_decided')).length;
    const a = await admin.post(`/api/v1/delegations/${d.id}/decision`, { version: s.body.version, decision: 'approve', comment: 'Đồng ý' });
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    expect(await notificationsOf(hust.officer.id, 'delegation_decided')).toHaveLength(decidedBefore + 1);

    // Named approvers: only they are told (here a member of the handling institution, e.g. a vice-rector).
    const named = await create(officer, incoming({ titleVi: 'Đoàn có người duyệt riêng', titleEn: 'Delegation with a named approver' }));
    const adminBefore = (await notificationsOf(hust.admin.id, 'delegation_submitted')).length;
    const memberBefore = (await notificationsOf(memberUser.id, 'delegation_submitted')).length;
    const s2 = await officer.post(`/api/v1/delegations/${named.id}/submit`, { version: named.version, approverIds: [memberUser.id] });
    expect(s2.status, JSON.stringify(s2.body)).toBe(200);
    expect(await notificationsOf(memberUser.id, 'delegation_submitted')).toHaveLength(memberBefore + 1);
    expect(await notificationsOf(hust.admin.id, 'delegation_submitted')).toHaveLength(adminBefore);
    const listed = await member.get('/api/v1/notifications');
    expect(JSON.stringify(listed.body)).toContain('Thỏa thuận hợp tác đón đoàn');
  });
});
