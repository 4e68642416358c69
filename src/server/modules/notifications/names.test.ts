import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsortium, buildPerson, buildTenant } from '../../testing/factories.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../testing/test-app.ts';

// People are named, not e-mailed: a notification says who acted by their title and name (the person linked
// to their account, when partners may see that person; else the account's name), in the app and in the
// e-mail; notifications stored with an e-mail before are shown with the name; the outbox shows each
// recipient's name beside the address.

let t: TestApp;
let hust: Awaited<ReturnType<typeof buildTenant>>;
let bmh: Awaited<ReturnType<typeof buildTenant>>;
let officer: ApiClient;
let agreementId: string;
const TITLE = 'Thỏa thuận thử về tên người';

beforeAll(async () => {
  t = await startTestApp();
  const db = t.database.db;
  hust = await buildTenant(db);
  bmh = await buildTenant(db, { kind: 'hospital' });
  await buildConsortium(db, [hust.institution.id, bmh.institution.id]);
  const named = await buildPerson(db, hust.institution.id, { fullName: 'Nguyễn Văn An', title: 'PGS.TS.' });
  await db.updateTable('users').set({ person_id: named.id }).where('id', '=', hust.officer.id).execute();
  // Bach Mai's officer is a private person: partners are told the account's name instead.
  const hidden = await buildPerson(db, bmh.institution.id, { fullName: 'Người Riêng Tư', title: 'TS.', visibility: 'private' });
  await db.updateTable('users').set({ person_id: hidden.id, display_name: 'Cán bộ Bạch Mai' }).where('id', '=', bmh.officer.id).execute();
  officer = await t.login(hust.officer.email);
  const created = await officer.post('/api/v1/agreements', {
    content: {
      kind: 'mou',
      titleVi: TITLE,
      titleEn: 'Test agreement about names',
      startDate: '2026-01-01',
      parties: [{ institutionId: hust.institution.id }, { institutionId: bmh.institution.id }],
      areas: [],
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  agreementId = created.body.id;
  const approved = await officer.post(`/api/v1/agreements/${agreementId}/approvals`, { contentHash: created.body.contentHash });
  expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  const partner = await t.login(bmh.officer.email);
  expect((await partner.post(`/api/v1/agreements/${agreementId}/comments`, { body: 'Góp ý thử' })).status).toBe(201);
});
afterAll(() => t.close());

describe('notifications name who acted', () => {
  it('in the app: title and name of the linked person, never the e-mail', async () => {
    const partner = await t.login(bmh.officer.email);
    const list = await partner.get('/api/v1/notifications');
    const messages: string[] = list.body.items.map((n: { message: string }) => n.message);
    expect(messages).toContain(`PGS.TS. Nguyễn Văn An đã phê duyệt phiên bản 1 của “${TITLE}”.`);
    expect(JSON.stringify(list.body)).not.toContain(hust.officer.email);
  });

  it("by the account's name when partners may not see the person", async () => {
    const list = await officer.get('/api/v1/notifications');
    const messages: string[] = list.body.items.map((n: { message: string }) => n.message);
    expect(messages).toContain(`Cán bộ Bạch Mai đã góp ý về “${TITLE}”.`);
    expect(JSON.stringify(list.body)).not.toContain('Người Riêng Tư');
    expect(JSON.stringify(list.body)).not.toContain(bmh.officer.email);
  });

  it('in the e-mail too', async () => {
    const mails = await t.database.db.selectFrom('mail_outbox').select(['to_address', 'text_body']).where('to_address', '=', bmh.admin.email).execute();
    const approval = mails.find((m) => m.text_body.includes('phê duyệt'));
    expect(approval?.text_body).toContain('PGS.TS. Nguyễn Văn An đã phê duyệt phiên bản 1');
    expect(mails.map((m) => m.text_body).join('\n')).not.toContain(hust.officer.email);
  });

  it('shows notifications stored with an e-mail by the name', async () => {
    await t.database.db
      .insertInto('notifications')
      .values({ user_id: bmh.admin.id, kind: 'changed', subject_type: 'agreement', subject_id: agreementId, params: JSON.stringify({ actor: hust.officer.email, version: 2, titleVi: TITLE, titleEn: 'x' }) })
      .execute();
    const admin = await t.login(bmh.admin.email);
    const messages: string[] = (await admin.get('/api/v1/notifications')).body.items.map((n: { message: string }) => n.message);
    expect(messages).toContain(`PGS.TS. Nguyễn Văn An đã sửa “${TITLE}” (phiên bản 2); các phê duyệt trước bị hủy.`);
  });
});

describe('the outbox names its recipients', () => {
  it("by the person's title and name, the account's name, or the invitee's name, beside the address", async () => {
    const admin = await t.login(hust.admin.email);
    const invited = await admin.post('/api/v1/admin/invitations', { email: 'moi.den@example.test', displayName: 'Khách Mời Mới', roles: ['member'] });
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    const outbox = await admin.get('/api/v1/admin/outbox');
    expect(outbox.status).toBe(200);
    const byAddress = new Map(outbox.body.items.map((m: { toAddress: string; recipientName: string | null }) => [m.toAddress, m.recipientName]));
    expect(byAddress.get(hust.officer.email)).toBe('PGS.TS. Nguyễn Văn An');
    expect(byAddress.get('moi.den@example.test')).toBe('Khách Mời Mới');
  });
});
