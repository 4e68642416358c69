import ical, { type VEvent } from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../platform/secrets.ts';
import { buildConsortium, buildPerson, buildTenant, buildUser } from '../../testing/factories.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../testing/test-app.ts';

// The calendar (the activities source) and the personal iCalendar feed, parsed by a real iCalendar parser. The
// clock is fixed at 1 July 2026 (Vietnam): the feed covers 2 April 2026 – 5 August 2027.
const PUBLIC_URL = 'https://hoptac.test';
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock: { now: () => new Date('2026-07-01T05:00:00Z') }, env: { PUBLIC_URL } });
});
afterAll(() => t.close());

type Tenant = Awaited<ReturnType<typeof buildTenant>>;
let hust: Tenant;
let bmh: Tenant;
let outsider: Tenant;
let officer: ApiClient;
let member: ApiClient;
let partnerOfficer: ApiClient;
let outsiderOfficer: ApiClient;
let officerEn: { id: string; email: string };
const ids: Record<string, string> = {};
const agreements: Record<string, string> = {};

const SEMINAR_VI = 'Hội thảo Việt–Nga về y học cổ truyền';

async function agreement(c: ApiClient, parties: string[], titleVi: string, titleEn: string, status: string) {
  const res = await c.post('/api/v1/agreements', {
    content: {
      kind: 'cooperation',
      titleVi,
      titleEn,
      startDate: '2026-01-01',
      endDate: '2028-12-31',
      parties: parties.map((institutionId) => ({ institutionId })),
      areas: [{ key: 'research', kind: 'research', titleVi: 'Nghiên cứu', titleEn: 'Research' }],
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  await t.database.db.updateTable('agreements').set({ status: status as 'active', signing_date: status === 'active' ? '2025-12-20' : null }).where('id', '=', res.body.id).execute();
  return res.body.id as string;
}

/** The user takes part in these activities (a person of the directory, named as a participant). */
async function involve(user: { id: string }, institutionId: string, activityIds: string[]) {
  const db = t.database.db;
  const person = await buildPerson(db, institutionId);
  await db.updateTable('users').set({ person_id: person.id }).where('id', '=', user.id).execute();
  for (const id of activityIds) {
    await db.insertInto('activity_participants').values({ activity_id: id, person_id: person.id, institution_id: institutionId, role: 'staff' }).execute();
  }
  return person;
}

async function activity(c: ApiClient, agreementId: string, organiser: string, body: Record<string, unknown>) {
  const res = await c.post(`/api/v1/agreements/${agreementId}/activities`, {
    areaKey: 'research',
    kind: 'seminar',
    status: 'planned',
    organiserIds: [organiser],
    ...body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.items[0].id as string;
}

beforeAll(async () => {
  const db = t.database.db;
  hust = await buildTenant(db, { code: 'HUSC' });
  bmh = await buildTenant(db, { code: 'BMHC', kind: 'hospital' });
  outsider = await buildTenant(db, { code: 'OUTC' });
  await buildConsortium(db, [hust.institution.id, bmh.institution.id, outsider.institution.id]);
  officerEn = await buildUser(db, hust.institution.id, ['cooperation_officer'], { language: 'en' });
  officer = await t.login(hust.officer.email);
  member = await t.login(hust.member.email);
  partnerOfficer = await t.login(bmh.officer.email);
  outsiderOfficer = await t.login(outsider.officer.email);
  const h = hust.institution.id;
  agreements.signed = await agreement(officer, [h, bmh.institution.id], 'Thỏa thuận hợp tác Bách khoa – Bạch Mai', 'HUST – Bach Mai cooperation agreement', 'active');
  agreements.negotiating = await agreement(officer, [h, bmh.institution.id], 'Thỏa thuận đang đàm phán', 'Agreement under negotiation', 'negotiation');
  agreements.outsider = await agreement(outsiderOfficer, [outsider.institution.id, bmh.institution.id], 'Thỏa thuận của bên ngoài', 'Outsider agreement', 'active');
  ids.seminar = await activity(officer, agreements.signed, h, {
    titleVi: SEMINAR_VI,
    titleEn: 'Vietnam–Russia seminar on traditional medicine',
    startDate: '2026-07-10',
    endDate: '2026-07-12',
    place: 'Bệnh viện Bạch Mai, Hà Nội',
  });
  ids.done = await activity(officer, agreements.signed, h, { status: 'done', kind: 'visit', titleVi: 'Buổi làm việc đã diễn ra', titleEn: 'Working visit held', startDate: '2026-06-15', endDate: '2026-06-15', online: true });
  ids.cancelled = await activity(officer, agreements.signed, h, { status: 'cancelled', titleVi: 'Hội thảo bị hủy', titleEn: 'Cancelled seminar', startDate: '2026-07-20', endDate: '2026-07-20' });
  ids.negotiation = await activity(officer, agreements.negotiating, h, { kind: 'visit', titleVi: 'Phiên đàm phán kín', titleEn: 'Closed negotiation session', startDate: '2026-07-05', endDate: '2026-07-05' });
  ids.outsider = await activity(outsiderOfficer, agreements.outsider, outsider.institution.id, { titleVi: 'Hoạt động của bên ngoài', titleEn: 'Outsider activity', startDate: '2026-07-15', endDate: '2026-07-15' });
  ids.later = await activity(officer, agreements.signed, h, { titleVi: 'Hội nghị năm sau', titleEn: 'Next year’s conference', kind: 'conference', startDate: '2027-06-01', endDate: '2027-06-03' });
  ids.tooLate = await activity(officer, agreements.signed, h, { titleVi: 'Quá xa', titleEn: 'Too far ahead', startDate: '2027-09-01', endDate: '2027-09-01' });
  ids.tooEarly = await activity(officer, agreements.signed, h, { status: 'done', titleVi: 'Quá sớm', titleEn: 'Too long ago', startDate: '2026-03-01', endDate: '2026-03-01' });
});

type Event = { id: string; type: string; recordId: string; title: string; detail: string | null; start: string; end: string; place: string | null; status: string; path: string };
async function calendar(c: ApiClient, from = '2026-06-01', to = '2026-07-31') {
  const res = await c.get(`/api/v1/calendar?from=${from}&to=${to}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items as Event[];
}
const recordIds = (events: { recordId: string }[]) => events.map((e) => e.recordId);

describe('the calendar', () => {
  it('lists the planned and done activities of the agreements a party reads, sorted by start, in the caller’s language', async () => {
    const items = await calendar(officer);
    expect(recordIds(items)).toEqual([ids.done, ids.negotiation, ids.seminar]);
    const seminar = items.find((e) => e.recordId === ids.seminar)!;
    expect(seminar).toEqual({
      id: `activity:${ids.seminar}`,
      type: 'activity',
      recordId: ids.seminar,
      title: SEMINAR_VI,
      detail: 'Thỏa thuận hợp tác Bách khoa – Bạch Mai',
      start: '2026-07-10',
      end: '2026-07-12',
      place: 'Bệnh viện Bạch Mai, Hà Nội',
      status: 'planned',
      path: `/agreements/${agreements.signed}?activity=${ids.seminar}`,
    });
    expect(items.find((e) => e.recordId === ids.done)).toMatchObject({ status: 'done', place: 'Trực tuyến' });
    const english = await calendar(await t.login(officerEn.email));
    expect(english.find((e) => e.recordId === ids.seminar)).toMatchObject({ title: 'Vietnam–Russia seminar on traditional medicine', detail: 'HUST – Bach Mai cooperation agreement' });
  });

  it('lists the other party’s too, and nothing of agreements the caller is no party of', async () => {
    expect(recordIds(await calendar(partnerOfficer))).toEqual([ids.done, ids.negotiation, ids.seminar, ids.outsider]);
    expect(recordIds(await calendar(outsiderOfficer))).toEqual([ids.outsider]);
  });

  it('lists a negotiation’s working session only for those who read the negotiation', async () => {
    expect(recordIds(await calendar(member))).toEqual([ids.done, ids.seminar]);
  });

  it('lists what overlaps the range', async () => {
    expect(recordIds(await calendar(officer, '2026-07-12', '2026-07-12'))).toEqual([ids.seminar]);
    expect(recordIds(await calendar(officer, '2026-07-13', '2026-07-19'))).toEqual([]);
  });

  it('answers API tokens by their scopes', async () => {
    const admin = await t.login(hust.admin.email);
    const reader = await admin.post('/api/v1/admin/api-tokens', { name: 'calendar reader', scopes: ['agreements:read'] });
    const directory = await admin.post('/api/v1/admin/api-tokens', { name: 'directory only', scopes: ['directory:read'] });
    expect(recordIds(await calendar(t.client().withToken(reader.body.token)))).toEqual([ids.done, ids.negotiation, ids.seminar]);
    expect(await calendar(t.client().withToken(directory.body.token))).toEqual([]);
    expect((await t.client().withToken(reader.body.token).post('/api/v1/me/calendar-feed')).status).toBe(403);
  });

  it('refuses a range over 400 days or backwards, naming `to`', async () => {
    for (const [from, to, code] of [
      ['2026-01-01', '2027-02-06', 'range_too_long'],
      ['2026-07-02', '2026-07-01', 'before_start'],
    ]) {
      const res = await officer.get(`/api/v1/calendar?from=${from}&to=${to}`);
      expect(res.status).toBe(400);
      expect(res.body.error.details.fields).toEqual([expect.objectContaining({ field: 'to', code })]);
      expect(res.body.error.message).not.toMatch(/validation\./);
    }
    expect((await officer.get('/api/v1/calendar?from=2026-01-01&to=2027-02-05')).status).toBe(200); // exactly 400 days
    const bad = await officer.get('/api/v1/calendar?from=2026-02-30&to=2026-03-01');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].field).toBe('from');
    expect((await t.client().get('/api/v1/calendar?from=2026-01-01&to=2026-01-31')).status).toBe(401);
  });
});

// ---- the feed

const pathOf = (url: string) => {
  expect(url.startsWith(`${PUBLIC_URL}/api/v1/calendar/feed/`)).toBe(true);
  expect(url.endsWith('.ics')).toBe(true);
  return url.slice(PUBLIC_URL.length);
};
async function makeFeed(c: ApiClient) {
  const res = await c.post('/api/v1/me/calendar-feed');
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return pathOf(res.body.url);
}
/** The feed fetched anonymously (a calendar application has no session), parsed with node-ical. */
async function fetchFeed(path: string) {
  const res = await t.client().get(path);
  expect(res.status, String(res.body)).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/calendar/);
  const text = res.body as string;
  const parsed = ical.sync.parseICS(text);
  const events = Object.values(parsed).filter((c): c is VEvent => c?.type === 'VEVENT');
  return { text, events, byUid: new Map(events.map((e) => [e.uid, e])) };
}
async function expectGone(path: string) {
  const res = await t.client().get(path);
  expect(res.status).toBe(404);
  expect(res.body.error.code).toBe('not_found');
  expect(typeof res.body.requestId).toBe('string');
}
/** The calendar day of a parsed all-day date (node-ical makes it midnight, in UTC or local time). */
const day = (d: Date) => (d.getUTCHours() === 0 ? d.toISOString().slice(0, 10) : new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 10));

describe('the personal iCalendar feed', () => {
  it('is made once, shown once, and answers the owner’s events to anyone holding the URL', async () => {
    expect((await officer.get('/api/v1/me/calendar-feed')).body).toEqual({ active: false, createdAt: null, lastUsedAt: null });
    const path = await makeFeed(officer);
    const token = /feed\/(.+)\.ics$/.exec(path)![1];
    const stored = await t.database.db.selectFrom('calendar_feeds').selectAll().where('user_id', '=', hust.officer.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).toBe(sha256(token)); // only the hash is kept
    expect(JSON.stringify(stored)).not.toContain(token);

    const { text, events, byUid } = await fetchFeed(path);
    expect([...byUid.keys()].sort()).toEqual([ids.done, ids.negotiation, ids.seminar, ids.later].map((id) => `activity:${id}`).sort());
    const seminar = byUid.get(`activity:${ids.seminar}`)!;
    expect(seminar.summary).toBe(SEMINAR_VI); // Vietnamese intact through folding and escaping
    expect(text).toContain('DTSTART;VALUE=DATE:20260710');
    expect(text).toContain('DTEND;VALUE=DATE:20260713'); // the day after the last: DTEND is exclusive
    expect(seminar.datetype).toBe('date');
    expect(day(seminar.start)).toBe('2026-07-10');
    expect(day(seminar.end!)).toBe('2026-07-13');
    expect(seminar.location).toBe('Bệnh viện Bạch Mai, Hà Nội');
    const url = seminar.url as unknown as string | { val: string };
    expect(typeof url === 'string' ? url : url.val).toBe(`${PUBLIC_URL}/agreements/${agreements.signed}?activity=${ids.seminar}`);
    expect(String(seminar.description)).toContain('Thỏa thuận hợp tác Bách khoa – Bạch Mai');
    expect(events.every((e) => e.datetype === 'date')).toBe(true);
    expect(text).toContain('X-WR-CALNAME:Lịch hợp tác hoptac');

    const status = (await officer.get('/api/v1/me/calendar-feed')).body;
    expect(status).toMatchObject({ active: true, createdAt: expect.any(String), lastUsedAt: '2026-07-01T05:00:00.000Z' });
    expect(JSON.stringify(status)).not.toContain(token);
  });

  it('holds what its owner takes part in — recorded, participant, point of contact — while the calendar page shows all', async () => {
    const colleague = await buildUser(t.database.db, hust.institution.id, ['cooperation_officer']);
    const c = await t.login(colleague.email);
    const path = await makeFeed(c);
    expect((await fetchFeed(path)).byUid.size).toBe(0); // reads every activity, takes part in none
    const page = await c.get('/api/v1/calendar?from=2026-07-01&to=2026-07-31');
    expect(page.body.items.map((e: { recordId: string }) => e.recordId)).toContain(ids.seminar);
    const person = await involve(colleague, hust.institution.id, [ids.done]);
    expect([...(await fetchFeed(path)).byUid.keys()]).toEqual([`activity:${ids.done}`]);
    // A point of contact of the area: every activity of that area.
    await t.database.db.insertInto('agreement_contacts').values({ agreement_id: agreements.signed, area_key: 'research', institution_id: hust.institution.id, person_id: person.id }).execute();
    expect([...(await fetchFeed(path)).byUid.keys()].sort()).toEqual([ids.done, ids.seminar, ids.later].map((id) => `activity:${id}`).sort());
    await t.database.db.deleteFrom('agreement_contacts').where('person_id', '=', person.id).execute();
  });

  it('is in the owner’s language', async () => {
    await involve(officerEn, hust.institution.id, [ids.seminar]);
    const path = await makeFeed(await t.login(officerEn.email));
    const { byUid, text } = await fetchFeed(path);
    expect(byUid.get(`activity:${ids.seminar}`)?.summary).toBe('Vietnam–Russia seminar on traditional medicine');
    expect(text).toContain('X-WR-CALNAME:hoptac cooperation calendar');
  });

  it('shows only what its owner may read, by the owner’s roles at the time it is fetched', async () => {
    await involve(hust.member, hust.institution.id, [ids.negotiation, ids.seminar]);
    const memberFeed = await fetchFeed(await makeFeed(member));
    expect(memberFeed.byUid.has(`activity:${ids.negotiation}`)).toBe(false);
    expect(memberFeed.byUid.has(`activity:${ids.seminar}`)).toBe(true);
    const outsiderFeed = await fetchFeed(await makeFeed(outsiderOfficer));
    expect([...outsiderFeed.byUid.keys()]).toEqual([`activity:${ids.outsider}`]);
    expect(outsiderFeed.text).not.toContain(SEMINAR_VI);

    const demoted = await buildUser(t.database.db, hust.institution.id, ['cooperation_officer']);
    await involve(demoted, hust.institution.id, [ids.negotiation]);
    const path = await makeFeed(await t.login(demoted.email));
    expect((await fetchFeed(path)).byUid.has(`activity:${ids.negotiation}`)).toBe(true);
    await t.database.db.updateTable('users').set({ roles: ['member'] }).where('id', '=', demoted.id).execute();
    expect((await fetchFeed(path)).byUid.has(`activity:${ids.negotiation}`)).toBe(false);
  });

  it('stops answering the old URL when replaced, and every URL when revoked', async () => {
    const user = await buildUser(t.database.db, hust.institution.id, ['member']);
    const c = await t.login(user.email);
    const first = await makeFeed(c);
    await fetchFeed(first);
    const second = await makeFeed(c);
    expect(second).not.toBe(first);
    await expectGone(first);
    await fetchFeed(second);
    expect((await c.delete('/api/v1/me/calendar-feed')).status).toBe(200);
    await expectGone(second);
    expect((await c.get('/api/v1/me/calendar-feed')).body.active).toBe(false);
    const again = await c.delete('/api/v1/me/calendar-feed');
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('not_found');
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'after']).where('entity', '=', 'calendar_feed').where('actor_user_id', '=', user.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'replace', 'revoke']);
    const owners = await t.database.db
      .selectFrom('audit_owners as o')
      .innerJoin('audit_log as l', 'l.id', 'o.audit_id')
      .select('o.institution_id')
      .where('l.entity', '=', 'calendar_feed')
      .where('l.actor_user_id', '=', user.id)
      .execute();
    expect(owners.map((o) => o.institution_id)).toEqual([hust.institution.id, hust.institution.id, hust.institution.id]);
    expect(JSON.stringify(audit)).not.toContain(/feed\/(.+)\.ics$/.exec(second)![1]);
  });

  it('answers 404 for a disabled account, and again once it is enabled', async () => {
    const user = await buildUser(t.database.db, hust.institution.id, ['member']);
    const path = await makeFeed(await t.login(user.email));
    await t.database.db.updateTable('users').set({ status: 'disabled' }).where('id', '=', user.id).execute();
    await expectGone(path);
    await t.database.db.updateTable('users').set({ status: 'active' }).where('id', '=', user.id).execute();
    await fetchFeed(path);
  });

  it('answers a made-up or malformed secret with a clean 404 or 400 in the error shape', async () => {
    await expectGone('/api/v1/calendar/feed/this-is-not-a-real-feed-secret-0123456789ab.ics');
    await expectGone('/api/v1/calendar/feed/walker-token-0123456789.ics');
    const short = await t.client().get('/api/v1/calendar/feed/short.ics');
    expect(short.status).toBe(400);
    expect(short.body.error.details.fields[0].field).toBe('token');
    // A session is no credential here: the path's secret alone decides.
    const res = await officer.get('/api/v1/calendar/feed/this-is-not-a-real-feed-secret-0123456789ab.ics');
    expect(res.status).toBe(404);
  });
});
