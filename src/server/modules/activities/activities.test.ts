import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsortium, buildPerson, buildTenant, buildUser } from '../../testing/factories.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../testing/test-app.ts';

// Activities under an agreement's areas and the progress computed from them. The clock is fixed at 1 July 2026
// (Vietnam), half-way through the targets' 2026 period.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock: { now: () => new Date('2026-07-01T05:00:00Z') } });
});
afterAll(() => t.close());

type Tenant = Awaited<ReturnType<typeof buildTenant>>;

let hust: Tenant;
let bmh: Tenant;
let outsider: Tenant;
let officer: ApiClient;
let partnerOfficer: ApiClient;
let agreementId: string;
let lecturer: { id: string };
let lecturer2: { id: string };
let partnerDoctor: { id: string };
let outsiderPerson: { id: string };

const base = () => ({
  areaKey: 'research',
  kind: 'seminar',
  status: 'done',
  titleVi: 'Hội thảo',
  titleEn: 'Seminar',
  startDate: '2026-03-10',
  endDate: '2026-03-10',
  organiserIds: [hust.institution.id],
});

async function record(c: ApiClient, body: Record<string, unknown>, agreement = agreementId) {
  const res = await c.post(`/api/v1/agreements/${agreement}/activities`, { ...base(), ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.items[0] as { id: string; version: number };
}

const progressOf = async (c: ApiClient, id = agreementId) => {
  const res = await c.get(`/api/v1/agreements/${id}/progress`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { targets: { targetKey: string; actual: number; status: string; measured: boolean }[] };
};
const target = async (key: string, c = officer) => (await progressOf(c)).targets.find((x) => x.targetKey === key)!;

beforeAll(async () => {
  const db = t.database.db;
  hust = await buildTenant(db, { code: 'HUSA' });
  bmh = await buildTenant(db, { code: 'BMHA', kind: 'hospital' });
  outsider = await buildTenant(db, { code: 'OUTA' });
  await buildConsortium(db, [hust.institution.id, bmh.institution.id, outsider.institution.id]);
  lecturer = await buildPerson(db, hust.institution.id, { fullName: 'Giảng Viên Một' });
  lecturer2 = await buildPerson(db, hust.institution.id, { fullName: 'Giảng Viên Hai' });
  partnerDoctor = await buildPerson(db, bmh.institution.id, { fullName: 'Bác Sĩ Đối Tác' });
  outsiderPerson = await buildPerson(db, outsider.institution.id, { fullName: 'Người Ngoài' });
  officer = await t.login(hust.officer.email);
  partnerOfficer = await t.login(bmh.officer.email);
  const created = await officer.post('/api/v1/agreements', {
    content: {
      kind: 'cooperation',
      titleVi: 'Thỏa thuận hợp tác nghiên cứu',
      titleEn: 'Research cooperation agreement',
      startDate: '2026-01-01',
      endDate: '2028-12-31',
      parties: [{ institutionId: hust.institution.id }, { institutionId: bmh.institution.id }],
      areas: [
        {
          key: 'research',
          kind: 'research',
          titleVi: 'Nghiên cứu',
          titleEn: 'Research',
          contacts: [{ institutionId: hust.institution.id, personId: lecturer.id }],
          targets: [
            { key: 'seminars', metric: 'seminars_held', periodStart: '2026-01-01', periodEnd: '2026-12-31', value: 4 },
            { key: 'exchanges', metric: 'lecturer_exchanges', periodStart: '2026-01-01', periodEnd: '2026-12-31', value: 10 },
            { key: 'placed', metric: 'students_placed', periodStart: '2026-01-01', periodEnd: '2026-12-31', value: 5 },
            { key: 'admitted', metric: 'admitted_students', periodStart: '2026-01-01', periodEnd: '2026-12-31', value: 5 },
          ],
        },
        { key: 'training', kind: 'training', titleVi: 'Đào tạo', titleEn: 'Training' },
      ],
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  agreementId = created.body.id;
  await db.updateTable('agreements').set({ status: 'active', signing_date: '2025-12-20' }).where('id', '=', agreementId).execute();
});

describe('progress computed from the records', () => {
  it('counts done seminars of the area within the period only', async () => {
    expect(await target('seminars')).toMatchObject({ actual: 0, status: 'at_risk' });
    const done = await record(officer, {});
    await record(officer, { kind: 'workshop', startDate: '2026-01-01', endDate: '2026-01-01' }); // first day of the period
    await record(officer, { status: 'planned', startDate: '2026-09-01', endDate: '2026-09-01' }); // planned: not counted
    await record(officer, { status: 'cancelled' }); // cancelled: not counted
    await record(officer, { areaKey: 'training' }); // another area: not counted
    await record(officer, { kind: 'visit' }); // another metric's kind
    const seminars = await target('seminars');
    expect(seminars.actual).toBe(2);
    // The records behind the figure: exactly the activities it counts.
    const behind = await officer.get(`/api/v1/agreements/${agreementId}/activities?target=research.seminars&limit=50`);
    expect(behind.status, JSON.stringify(behind.body)).toBe(200);
    expect(behind.body.total).toBe(2);
    expect(behind.body.items.map((i: { id: string }) => i.id)).toContain(done.id);
    const unknown = await officer.get(`/api/v1/agreements/${agreementId}/activities?target=research.nope`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.fields[0]).toMatchObject({ field: 'target', code: 'unknown_reference' });
    expect(seminars.status).toBe('on_track'); // 2 of 4 with half of the year gone
  });

  it('refuses an activity before the agreement starts, naming the field', async () => {
    const res = await officer.post(`/api/v1/agreements/${agreementId}/activities`, { ...base(), startDate: '2025-12-31', endDate: '2025-12-31' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields).toEqual([expect.objectContaining({ field: 'startDate', code: 'outside_agreement_period' })]);
  });

  it('counts each person once across the activities of one target, plus the counted ones', async () => {
    await record(officer, { kind: 'lecturer_exchange', participants: [{ personId: lecturer.id, role: 'lecturer' }, { personId: partnerDoctor.id, role: 'expert' }] });
    await record(officer, {
      kind: 'lecturer_exchange',
      startDate: '2026-04-01',
      endDate: '2026-04-05',
      participants: [{ personId: lecturer.id, role: 'lecturer' }, { personId: lecturer2.id, role: 'lecturer' }],
      counts: [{ institutionId: bmh.institution.id, role: 'staff', count: 3 }],
    });
    expect((await target('exchanges')).actual).toBe(3 + 3);
  });

  it('counts students only for students placed', async () => {
    await record(officer, {
      kind: 'internship',
      participants: [{ personId: lecturer.id, role: 'lecturer' }],
      counts: [
        { institutionId: hust.institution.id, role: 'student', count: 4 },
        { institutionId: hust.institution.id, role: 'staff', count: 2 },
      ],
    });
    expect((await target('placed')).actual).toBe(4);
  });

  it('shows a metric without a source as not measured', async () => {
    expect(await target('admitted')).toMatchObject({ measured: false, actual: 0 });
  });

  it('is the same for the partner, and its dashboard counts the partner', async () => {
    expect((await target('seminars', partnerOfficer)).actual).toBe(2);
    const dash = await partnerOfficer.get(`/api/v1/institutions/${bmh.institution.id}/dashboard?year=2026&partnerId=${hust.institution.id}`);
    expect(dash.status, JSON.stringify(dash.body)).toBe(200);
    expect(dash.body.partners).toEqual([expect.objectContaining({ code: 'HUSA', agreements: 1 })]);
    expect(dash.body.activitiesByMonth).toHaveLength(12);
    expect(dash.body.activitiesByMonth.find((m: { month: string }) => m.month === '2026-03').done).toBeGreaterThan(0);
  });

  it('gives the exchange balance in both directions', async () => {
    await record(officer, {
      kind: 'student_exchange',
      organiserIds: [bmh.institution.id],
      counts: [{ institutionId: hust.institution.id, role: 'student', count: 5 }],
    });
    const res = await officer.get(`/api/v1/institutions/${hust.institution.id}/exchange-balance?partnerId=${bmh.institution.id}&year=2026`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ sent: 5 });
    // HUST organised the lecturer exchanges: BMH's doctor and its 3 counted staff came to HUST.
    expect(res.body.received).toBe(4);
  });
});

describe('bad input', () => {
  const fieldsOf = (res: { body: { error: { details?: { fields?: { field: string; code: string }[] } } } }) =>
    (res.body.error.details?.fields ?? []).map((f) => `${f.field}:${f.code}`);
  it('names the field of each problem', async () => {
    const res = await officer.post(`/api/v1/agreements/${agreementId}/activities`, {
      ...base(),
      areaKey: 'nope',
      startDate: '2026-05-02',
      endDate: '2026-05-01',
      organiserIds: [outsider.institution.id],
      participants: [{ personId: outsiderPerson.id, role: 'expert' }],
    });
    expect(res.status).toBe(400);
    expect(fieldsOf(res)).toEqual(expect.arrayContaining(['areaKey:unknown_reference', 'endDate:before_start', 'organiserIds.0:not_a_party', 'participants.0.personId:participant_not_party']));
  });
  it('refuses a negative count and a done activity in the future', async () => {
    const neg = await officer.post(`/api/v1/agreements/${agreementId}/activities`, { ...base(), counts: [{ institutionId: hust.institution.id, role: 'student', count: -1 }] });
    expect(neg.status).toBe(400);
    expect(fieldsOf(neg)[0]).toMatch(/^counts\.0\.count:/);
    const future = await officer.post(`/api/v1/agreements/${agreementId}/activities`, { ...base(), startDate: '2026-08-01', endDate: '2026-08-01' });
    expect(fieldsOf(future)).toEqual(['status:done_in_future']);
  });
  it('refuses a recurrence of more than 500 occurrences, and makes a shorter one', async () => {
    const many = await officer.post(`/api/v1/agreements/${agreementId}/activities`, {
      ...base(),
      status: 'planned',
      startDate: '2026-07-06',
      endDate: '2026-07-06',
      recurrence: { every: 'week', until: '2028-12-31' },
    });
    expect(many.status).toBe(201); // 6 Jul 2026 … 26 Dec 2028: 130 weeks
    expect(many.body.items).toHaveLength(130);
    const yearly = await t.database.db.selectFrom('activities').select('series_id').where('id', '=', many.body.items[0].id).executeTakeFirstOrThrow();
    expect(yearly.series_id).not.toBeNull();
    const open = await officer.post('/api/v1/agreements', {
      content: {
        kind: 'mou',
        titleVi: 'Thỏa thuận không thời hạn',
        titleEn: 'Open-ended agreement',
        startDate: '2026-01-01',
        parties: [{ institutionId: hust.institution.id }, { institutionId: bmh.institution.id }],
        areas: [{ key: 'research', kind: 'research', titleVi: 'Nghiên cứu', titleEn: 'Research' }],
      },
    });
    await t.database.db.updateTable('agreements').set({ status: 'active' }).where('id', '=', open.body.id).execute();
    const tooMany = await officer.post(`/api/v1/agreements/${open.body.id}/activities`, {
      ...base(),
      status: 'planned',
      startDate: '2026-07-06',
      endDate: '2026-07-06',
      recurrence: { every: 'week', until: '2036-12-31' },
    });
    expect(tooMany.status).toBe(400);
    expect(fieldsOf(tooMany)).toEqual(['recurrence.until:too_many_occurrences']);
    expect(await t.database.db.selectFrom('activities').select('id').where('agreement_id', '=', open.body.id).execute()).toEqual([]);
  });
});

describe('concurrent edits', () => {
  it('gives the second editor a version conflict, never a silent overwrite', async () => {
    const a = await record(officer, { status: 'planned', startDate: '2026-10-01', endDate: '2026-10-01' });
    const first = await officer.patch(`/api/v1/activities/${a.id}`, { version: a.version, titleVi: 'Sửa lần một' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const second = await partnerOfficer.patch(`/api/v1/activities/${a.id}`, { version: a.version, titleVi: 'Sửa lần hai' });
    expect(second.status).toBe(409);
    expect((await officer.get(`/api/v1/activities/${a.id}`)).body.titleVi).toBe('Sửa lần một');
  });
});

describe('who sees and records', () => {
  it('hides every activity and the progress from a non-party, even in the consortium', async () => {
    const a = await record(officer, {});
    const stranger = await t.login(outsider.officer.email);
    expect((await stranger.get(`/api/v1/activities/${a.id}`)).status).toBe(404);
    expect((await stranger.get(`/api/v1/agreements/${agreementId}/activities`)).status).toBe(404);
    expect((await stranger.get(`/api/v1/agreements/${agreementId}/progress`)).status).toBe(404);
    expect((await stranger.patch(`/api/v1/activities/${a.id}`, { version: 1, titleVi: 'x' })).status).toBe(404);
    expect((await stranger.get(`/api/v1/institutions/${hust.institution.id}/dashboard`)).status).toBe(403);
  });

  it("lets a party's student read but not record; the area's point of contact records in that area only", async () => {
    const student = await t.login(hust.student.email);
    const list = await student.get(`/api/v1/agreements/${agreementId}/activities`);
    expect(list.status).toBe(200);
    expect(list.body.items.every((i: { permissions: { edit: boolean } }) => !i.permissions.edit)).toBe(true);
    expect(list.body.permissions).toEqual({ record: false, recordAreas: [] });
    expect((await student.post(`/api/v1/agreements/${agreementId}/activities`, base())).status).toBe(403);
    const contactUser = await buildUser(t.database.db, hust.institution.id, ['member'], { personId: lecturer.id });
    const contact = await t.login(contactUser.email);
    expect((await contact.get(`/api/v1/agreements/${agreementId}/activities`)).body.permissions).toEqual({ record: true, recordAreas: ['research'] });
    expect((await officer.get(`/api/v1/agreements/${agreementId}/activities`)).body.permissions).toEqual({ record: true, recordAreas: ['research', 'training'] });
    expect((await contact.post(`/api/v1/agreements/${agreementId}/activities`, base())).status).toBe(201);
    expect((await contact.post(`/api/v1/agreements/${agreementId}/activities`, { ...base(), areaKey: 'training' })).status).toBe(403);
  });

  it('records nothing under a draft', async () => {
    const draft = await officer.post('/api/v1/agreements', {
      content: {
        kind: 'mou',
        titleVi: 'Dự thảo',
        titleEn: 'Draft',
        startDate: '2026-01-01',
        parties: [{ institutionId: hust.institution.id }, { institutionId: bmh.institution.id }],
        areas: [{ key: 'research', kind: 'research', titleVi: 'Nghiên cứu', titleEn: 'Research' }],
      },
    });
    const res = await officer.post(`/api/v1/agreements/${draft.body.id}/activities`, base());
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/nháp|draft/);
  });
});

describe('the home page', () => {
  it('asks recorders to report planned activities that took place, and shows readers what is coming up', async () => {
    const past = await record(officer, { status: 'planned', titleVi: 'Tọa đàm đã diễn ra', titleEn: 'Talk that took place', startDate: '2026-06-20', endDate: '2026-06-20' });
    await record(officer, { status: 'planned', titleVi: 'Tọa đàm sắp tới', titleEn: 'Upcoming talk', startDate: '2026-07-20', endDate: '2026-07-20' });
    const sectionsOf = async (c: ApiClient) => (await c.get('/api/v1/home')).body.sections as { key: string; items: { id: string; title: string }[] }[];
    const officerHome = await sectionsOf(officer);
    expect(officerHome.find((s) => s.key === 'activities.toReport')?.items.map((i) => i.id)).toContain(past.id);
    const student = await t.login(hust.student.email);
    const studentHome = await sectionsOf(student);
    expect(studentHome.find((s) => s.key === 'activities.toReport')).toBeUndefined();
    expect(studentHome.find((s) => s.key === 'activities.upcoming')?.items.map((i) => i.title)).toContain('Tọa đàm sắp tới');
    const stranger = await t.login(outsider.officer.email);
    const strangerHome = await sectionsOf(stranger);
    expect(JSON.stringify(strangerHome)).not.toContain('Tọa đàm');
  });
});

describe('quantified commitments', () => {
  it("measure the receiving party's people in the activities the committing party organised, per year", async () => {
    const created = await officer.post('/api/v1/agreements', {
      content: {
        kind: 'cooperation',
        titleVi: 'Thỏa thuận có cam kết định lượng',
        titleEn: 'Agreement with quantified commitments',
        startDate: '2025-06-01',
        parties: [{ institutionId: hust.institution.id }, { institutionId: bmh.institution.id }],
        areas: [
          {
            key: 'training',
            kind: 'training',
            titleVi: 'Đào tạo',
            titleEn: 'Training',
            commitments: [
              { key: 'hust-trains-bmh', fromInstitutionId: hust.institution.id, toInstitutionId: bmh.institution.id, textVi: 'HUST đào tạo 10 cán bộ BMH mỗi năm', textEn: 'HUST trains 10 BMH staff a year', quantity: 10, perYear: true },
              { key: 'bmh-hosts', fromInstitutionId: bmh.institution.id, toInstitutionId: null, textVi: 'BMH tiếp nhận 50 lượt', textEn: 'BMH hosts 50', quantity: 50, perYear: false },
              { key: 'words-only', fromInstitutionId: bmh.institution.id, textVi: 'Hỗ trợ', textEn: 'Support' },
            ],
          },
        ],
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    await t.database.db.updateTable('agreements').set({ status: 'active', signing_date: '2025-05-20' }).where('id', '=', id).execute();
    const course = (extra: Record<string, unknown>) => record(officer, { areaKey: 'training', kind: 'training_course', ...extra }, id);
    const counted = await course({
      participants: [{ personId: partnerDoctor.id, role: 'staff' }, { personId: lecturer.id, role: 'lecturer' }],
      counts: [{ institutionId: bmh.institution.id, role: 'staff', count: 4 }],
    });
    await course({ startDate: '2025-09-01', endDate: '2025-09-01', counts: [{ institutionId: bmh.institution.id, role: 'staff', count: 7 }] }); // last year
    await course({ organiserIds: [bmh.institution.id], counts: [{ institutionId: hust.institution.id, role: 'staff', count: 6 }] }); // organised by BMH
    const res = await officer.get(`/api/v1/agreements/${id}/progress`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const byKey = Object.fromEntries((res.body.commitments as { commitmentKey: string }[]).map((c) => [c.commitmentKey, c]));
    expect(Object.keys(byKey).sort()).toEqual(['bmh-hosts', 'hust-trains-bmh']);
    expect(byKey['hust-trains-bmh']).toMatchObject({ actual: 5, quantity: 10, share: 0.5, periodStart: '2026-01-01', periodEnd: '2026-12-31' });
    expect(byKey['bmh-hosts']).toMatchObject({ actual: 6, periodStart: '2025-06-01' });
    // The records behind each figure: this year's course HUST organised for BMH; every course BMH organised.
    const behind = async (commitment: string) => {
      const list = await officer.get(`/api/v1/agreements/${id}/activities?commitment=${commitment}`);
      expect(list.status, JSON.stringify(list.body)).toBe(200);
      return { ids: (list.body.items as { id: string }[]).map((a) => a.id), total: list.body.total };
    };
    expect(await behind('training.hust-trains-bmh')).toEqual({ ids: [counted.id], total: 1 });
    expect((await behind('training.bmh-hosts')).total).toBe(1);
    const unknown = await officer.get(`/api/v1/agreements/${id}/activities?commitment=training.words-only`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.fields[0]).toMatchObject({ field: 'commitment', code: 'unknown_reference' });
    // A new version with another quantity and receiver moves the figure at once (stored by the database: 0018).
    const current = await officer.get(`/api/v1/agreements/${id}`);
    await t.database.db.updateTable('agreements').set({ status: 'negotiation' }).where('id', '=', id).execute();
    const content = structuredClone(current.body.content);
    content.areas[0].commitments[0] = { ...content.areas[0].commitments[0], toInstitutionId: null, quantity: 4 };
    const edited = await officer.patch(`/api/v1/agreements/${id}`, { baseVersion: current.body.versionNo, content });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    const after = await officer.get(`/api/v1/agreements/${id}/progress`);
    const changed = (after.body.commitments as { commitmentKey: string }[]).find((c) => c.commitmentKey === 'hust-trains-bmh');
    expect(changed).toMatchObject({ actual: 5, quantity: 4, share: 1.25, toInstitutionId: null });
  });
});
