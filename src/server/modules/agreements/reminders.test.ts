import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsortium, buildPerson, buildTenant, buildUser } from '../../testing/factories.ts';
import { type SmtpCapture, startSmtpCapture } from '../../testing/smtp-capture.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';
import { runAgreementLifecycle } from './lifecycle-job.ts';

// A controllable clock: the app and the daily job both read `now`.
let now = new Date('2026-01-05T03:00:00Z');
let t: TestApp;
let smtp: SmtpCapture;
beforeAll(async () => {
  smtp = await startSmtpCapture();
  t = await startTestApp({ smtpUrl: smtp.url, jobs: true, clock: { now: () => now } });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

const at = (iso: string) => new Date(`${iso}T03:00:00Z`); // 10:00 in Hanoi

async function activeAgreement(endDate: string, renewal: Record<string, unknown> = {}) {
  const a = await buildTenant(t.database.db);
  const b = await buildTenant(t.database.db);
  const poc = await buildPerson(t.database.db, b.institution.id, { fullName: 'Đầu Mối Nhận Nhắc' });
  const pocUser = await buildUser(t.database.db, b.institution.id, ['member'], { personId: poc.id });
  await buildConsortium(t.database.db, [a.institution.id, b.institution.id]); // A may name B's contact
  const officerA = await t.login(a.officer.email);
  const officerB = await t.login(b.officer.email);
  const created = await officerA.post('/api/v1/agreements', {
    content: {
      kind: 'cooperation',
      titleVi: 'Thỏa thuận nhắc hạn',
      titleEn: 'Reminder agreement',
      signingDate: '2025-12-20', // in force only with its signing date
      startDate: '2026-01-01',
      endDate,
      ...renewal,
      parties: [{ institutionId: a.institution.id }, { institutionId: b.institution.id }],
      areas: [{ key: 'training', kind: 'training', titleVi: 'Đào tạo', titleEn: 'Training', contacts: [{ institutionId: b.institution.id, personId: poc.id }] }],
    },
  });
  const id = created.body.id as string;
  await officerA.post(`/api/v1/agreements/${id}/approvals`, { contentHash: created.body.contentHash });
  await officerB.post(`/api/v1/agreements/${id}/approvals`, { contentHash: created.body.contentHash });
  const boundary = 'b0undary';
  const body = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nsigned\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="s.pdf"\r\n\r\n%PDF-1.4\n%%EOF\r\n--${boundary}--\r\n`,
  );
  const up = await officerA.request('POST', `/api/v1/agreements/${id}/documents`, body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
  expect(up.status).toBe(201);
  return { id, a, b, pocUser, officerA, officerB };
}

const countExpiryMails = (to: string) => smtp.messages.filter((m) => m.to.includes(to) && /Sắp hết hạn|Expires in/.test(m.subject)).length;

describe('reminders and notifications', () => {
  it('sends expiry reminders on the 180th, 90th and 30th day before the end, once each, by e-mail and in the app', async () => {
    now = at('2026-01-05');
    const { id, a, pocUser } = await activeAgreement('2027-01-01');
    expect((await (await t.login(a.officer.email)).get(`/api/v1/agreements/${id}`)).body.status).toBe('active');

    await runAgreementLifecycle(t.deps, at('2026-07-04')); // 181 days before
    await new Promise((r) => setTimeout(r, 300));
    expect(countExpiryMails(a.officer.email)).toBe(0);

    await runAgreementLifecycle(t.deps, at('2026-07-05')); // 180 days before
    await smtp.waitFor((m) => m.to.includes(a.officer.email) && m.subject.includes('180'));
    await smtp.waitFor((m) => m.to.includes(pocUser.email) && m.subject.includes('180'));
    await runAgreementLifecycle(t.deps, at('2026-07-06')); // same threshold again: nothing new
    await runAgreementLifecycle(t.deps, at('2026-10-02')); // 91 days
    await new Promise((r) => setTimeout(r, 300));
    expect(countExpiryMails(a.officer.email)).toBe(1);

    const r90 = await runAgreementLifecycle(t.deps, at('2026-10-03')); // 90 days: also becomes expiring
    expect(r90.reminders).toBeGreaterThanOrEqual(1);
    await smtp.waitFor((m) => m.to.includes(a.officer.email) && m.subject.includes('90'));
    expect((await (await t.login(a.officer.email)).get(`/api/v1/agreements/${id}`)).body.status).toBe('expiring');

    await runAgreementLifecycle(t.deps, at('2026-12-02')); // 30 days
    await smtp.waitFor((m) => m.to.includes(a.officer.email) && m.subject.includes('30'));
    expect(countExpiryMails(a.officer.email)).toBe(3);

    await runAgreementLifecycle(t.deps, at('2027-01-02'));
    expect((await (await t.login(a.officer.email)).get(`/api/v1/agreements/${id}`)).body.status).toBe('expired');

    const inbox = await (await t.login(pocUser.email)).get('/api/v1/notifications');
    const texts = inbox.body.items.map((n: { message: string }) => n.message);
    expect(texts.filter((m: string) => m.includes('sẽ hết hạn sau'))).toHaveLength(3);
    expect(texts).toContain('“Thỏa thuận nhắc hạn” đã có hiệu lực.');
    expect(texts).toContain('“Thỏa thuận nhắc hạn” sẽ hết hạn sau 30 ngày (01/01/2027).');
    // Read later in English, the same notifications speak English, dates included.
    const reader = await t.login(pocUser.email);
    reader.language = 'en';
    const me = await reader.get('/api/v1/me');
    await reader.patch('/api/v1/me', { language: 'en', version: me.body.user.version });
    const english = (await reader.get('/api/v1/notifications')).body.items.map((n: { message: string }) => n.message);
    expect(english).toContain('“Reminder agreement” expires in 30 days (01 Jan 2027).');
  });

  it('sends only the tightest reminder when an agreement is first seen late', async () => {
    now = at('2026-01-05');
    const { a } = await activeAgreement('2026-02-01');
    await runAgreementLifecycle(t.deps, at('2026-01-10'));
    await smtp.waitFor((m) => m.to.includes(a.officer.email) && m.subject.includes('(22'));
    await new Promise((r) => setTimeout(r, 300));
    expect(countExpiryMails(a.officer.email)).toBe(1);
  });

  it('renews an agreement with an automatic renewal clause instead of letting it expire', async () => {
    now = at('2026-01-05');
    const { id, a } = await activeAgreement('2026-12-31', { renewal: 'automatic', renewalYears: 2 });
    await runAgreementLifecycle(t.deps, at('2026-12-31'));
    const officer = await t.login(a.officer.email);
    expect((await officer.get(`/api/v1/agreements/${id}`)).body.status).toBe('expiring');
    await runAgreementLifecycle(t.deps, at('2027-01-01'));
    const old = (await officer.get(`/api/v1/agreements/${id}`)).body;
    expect(old.status).toBe('renewed');
    const next = (await officer.get(`/api/v1/agreements/${old.successorId}`)).body;
    expect(next.status).toBe('active');
    expect(next.predecessorId).toBe(id);
    expect([next.content.startDate, next.content.endDate]).toEqual(['2027-01-01', '2028-12-31']);
    expect(next.content.areas).toEqual(old.content.areas);
    expect(next.approvals).toHaveLength(2);
    expect(next.approvals.every((x: { verified: boolean; approvedBy: string }) => x.verified && x.approvedBy === 'Điều khoản gia hạn tự động (phiên bản 1 của thỏa thuận trước)')).toBe(true);
    expect(next.signedDocumentId).toBe(old.signedDocumentId);
    // Running again the same day changes nothing more.
    await runAgreementLifecycle(t.deps, at('2027-01-01'));
    expect((await officer.get(`/api/v1/agreements?q=${encodeURIComponent('nhac han')}&partnerId=${next.parties[1].institutionId}`)).body.items).toHaveLength(2);
  });

  it('lets an agreement with an automatic renewal clause expire when the parties already started its successor', async () => {
    now = at('2026-01-05');
    const { id, officerA } = await activeAgreement('2026-12-31', { renewal: 'automatic', renewalYears: 2 });
    const successor = await officerA.post(`/api/v1/agreements/${id}/renewal`, { startDate: '2027-03-01', endDate: '2030-12-31' });
    expect(successor.status).toBe(201);
    await runAgreementLifecycle(t.deps, at('2027-01-01'));
    const old = (await officerA.get(`/api/v1/agreements/${id}`)).body;
    expect(old.status).toBe('expired');
    expect(old.successorId).toBeNull();
    const successors = await t.database.db.selectFrom('agreements').select('id').where('predecessor_id', '=', id).execute();
    expect(successors.map((x) => x.id)).toEqual([successor.body.id]);
  });

  it('notifies the other parties of approvals and comments, as each user chose', async () => {
    now = at('2026-01-05');
    const a = await buildTenant(t.database.db);
    const b = await buildTenant(t.database.db);
    const officerA = await t.login(a.officer.email);
    const officerB = await t.login(b.officer.email);
    const prefs = await officerB.put('/api/v1/me/notification-preferences', {
      items: [{ kind: 'commented', email: false, inApp: true }],
    });
    expect(prefs.body.items.find((p: { kind: string }) => p.kind === 'commented')).toEqual({ kind: 'commented', email: false, inApp: true });
    const created = await officerA.post('/api/v1/agreements', {
      content: { kind: 'mou', titleVi: 'Thông báo thử', titleEn: 'Notify test', startDate: '2026-02-01', parties: [{ institutionId: a.institution.id }, { institutionId: b.institution.id }] },
    });
    await officerA.post(`/api/v1/agreements/${created.body.id}/approvals`, { contentHash: created.body.contentHash });
    await smtp.waitFor((m) => m.to.includes(b.officer.email) && m.subject === 'Đã phê duyệt: Thông báo thử');
    await officerA.post(`/api/v1/agreements/${created.body.id}/comments`, { body: 'Đề nghị bổ sung điều khoản', areaKey: null });
    const inbox = await officerB.get('/api/v1/notifications');
    expect(inbox.body.unread).toBe(2);
    expect(inbox.body.items[0].message).toContain('đã góp ý về “Thông báo thử”');
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.messages.some((m) => m.to.includes(b.officer.email) && m.subject.startsWith('Góp ý mới'))).toBe(false);
    // The actor is not notified of their own acts.
    expect((await officerA.get('/api/v1/notifications')).body.items).toHaveLength(0);
    await officerB.post('/api/v1/notifications/read-all');
    expect((await officerB.get('/api/v1/notifications')).body.unread).toBe(0);
  });
});
