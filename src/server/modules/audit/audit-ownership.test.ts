import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsortium, buildPerson, buildTenant, buildUser } from '../../testing/factories.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';

// Security review (issue 7), findings 2 and 3: an audit entry belongs to the institutions that own its
// record, and a notification reaches — and stays with — only people who may read its record.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

async function draftBetween(creatorEmail: string, parties: string[], title: string) {
  const db = t.database.db;
  // In one consortium, so the drafter may name the other party's contact (a person it may see: content-rules.ts).
  await buildConsortium(db, parties);
  const contacts = await Promise.all(parties.map(async (institutionId) => ({ institutionId, personId: (await buildPerson(db, institutionId)).id })));
  const c = await t.login(creatorEmail);
  const res = await c.post('/api/v1/agreements', {
    content: {
      kind: 'mou',
      titleVi: title,
      titleEn: `${title} (en)`,
      startDate: '2027-01-01',
      parties: parties.map((institutionId) => ({ institutionId })),
      areas: [{ key: 'research', kind: 'research', titleVi: 'Nghiên cứu', titleEn: 'Research', contacts }],
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

describe('audit log by record ownership', () => {
  it('files an agreement’s entries under its parties, not under the acting operator’s institution', async () => {
    const db = t.database.db;
    const hust = await buildTenant(db);
    const hmu = await buildTenant(db);
    const vinmec = await buildTenant(db);
    const operator = await buildUser(db, hust.institution.id, ['platform_admin']);
    const title = 'Thỏa thuận riêng HMU–Vinmec';
    const id = await draftBetween(operator.email, [hmu.institution.id, vinmec.institution.id], title);

    const hustAdmin = await t.login(hust.admin.email);
    const seenByHust = await hustAdmin.get('/api/v1/admin/audit?limit=200');
    expect(seenByHust.status).toBe(200);
    expect(JSON.stringify(seenByHust.body)).not.toContain(id);
    expect(JSON.stringify(seenByHust.body)).not.toContain(title);

    const token = await hustAdmin.post('/api/v1/admin/api-tokens', { name: 'audit reader', scopes: ['audit:read'] });
    const byToken = await t.client().withToken(token.body.token).get('/api/v1/admin/audit?limit=200');
    expect(byToken.status).toBe(200);
    expect(JSON.stringify(byToken.body)).not.toContain(id);

    for (const party of [hmu, vinmec]) {
      const admin = await t.login(party.admin.email);
      const entries = (await admin.get(`/api/v1/admin/audit?entity=agreement`)).body.items;
      expect(entries.map((e: { entityId: string; action: string }) => `${e.entityId}:${e.action}`)).toContain(`${id}:create`);
    }
    // A party's officer comments: the entry still belongs to both parties only.
    const officer = await t.login(hmu.officer.email);
    expect((await officer.post(`/api/v1/agreements/${id}/comments`, { body: 'Góp ý' })).status).toBe(201);
    const vinmecAdmin = await t.login(vinmec.admin.email);
    const actions = (await vinmecAdmin.get('/api/v1/admin/audit?entity=agreement')).body.items.map((e: { action: string }) => e.action);
    expect(actions).toContain('comment');
    expect(JSON.stringify((await hustAdmin.get('/api/v1/admin/audit?limit=200')).body)).not.toContain(id);
  });

  it('keeps a party’s private note entries to that party', async () => {
    const db = t.database.db;
    const a = await buildTenant(db);
    const b = await buildTenant(db);
    const id = await draftBetween(a.officer.email, [a.institution.id, b.institution.id], 'Ghi chú riêng');
    const officer = await t.login(a.officer.email);
    expect((await officer.put(`/api/v1/agreements/${id}/note`, { body: 'Chỉ A được đọc', version: 0 })).status).toBe(200);
    const bAdmin = await t.login(b.admin.email);
    expect(JSON.stringify((await bAdmin.get('/api/v1/admin/audit?limit=200')).body)).not.toContain('Chỉ A được đọc');
    const aAdmin = await t.login(a.admin.email);
    expect(JSON.stringify((await aAdmin.get('/api/v1/admin/audit?limit=200')).body)).toContain('Chỉ A được đọc');
  });

  it('shows entries about the operator’s account to platform admins only', async () => {
    const db = t.database.db;
    const hust = await buildTenant(db);
    const operator = await buildUser(db, hust.institution.id, ['platform_admin']);
    await t.client().post('/api/v1/auth/password-reset/request', { email: operator.email });
    const member = hust.member;
    await t.client().post('/api/v1/auth/password-reset/request', { email: member.email });
    const hustAdmin = await t.login(hust.admin.email);
    const ids = (await hustAdmin.get('/api/v1/admin/audit?entity=user&limit=200')).body.items.map((e: { entityId: string }) => e.entityId);
    expect(ids).toContain(member.id);
    expect(ids).not.toContain(operator.id);
    const op = await t.login(operator.email);
    const all = (await op.get('/api/v1/admin/audit?entity=user&limit=200')).body.items.map((e: { entityId: string }) => e.entityId);
    expect(all).toContain(operator.id);
  });
});

describe('notifications follow what the reader may read', () => {
  it('are sent to the parties’ officers and contacts only, and hidden again when the reader can no longer read the record', async () => {
    const db = t.database.db;
    const a = await buildTenant(db);
    const b = await buildTenant(db);
    const outsider = await buildTenant(db);
    const title = 'Thỏa thuận có thông báo';
    const id = await draftBetween(a.officer.email, [a.institution.id, b.institution.id], title);
    const bOfficer = await t.login(b.officer.email);
    expect((await bOfficer.post(`/api/v1/agreements/${id}/comments`, { body: 'Xin chào' })).status).toBe(201);

    const recipients = await db.selectFrom('notifications').innerJoin('users', 'users.id', 'notifications.user_id').select('users.institution_id').where('subject_id', '=', id).execute();
    expect(recipients.length).toBeGreaterThan(0);
    expect(recipients.every((r) => r.institution_id === a.institution.id || r.institution_id === b.institution.id)).toBe(true);

    const aOfficer = await t.login(a.officer.email);
    const before = await aOfficer.get('/api/v1/notifications');
    expect(before.body.items.some((n: { subjectId: string; path: string }) => n.subjectId === id && n.path === `/agreements/${id}`)).toBe(true);
    const unreadBefore = before.body.unread as number;

    // The officer moves to another institution: what they were told about A's agreement stays behind.
    await db.updateTable('users').set({ institution_id: outsider.institution.id, person_id: null }).where('id', '=', a.officer.id).execute();
    const after = await aOfficer.get('/api/v1/notifications');
    expect(after.status).toBe(200);
    expect(JSON.stringify(after.body)).not.toContain(id);
    expect(JSON.stringify(after.body)).not.toContain(title);
    expect(after.body.unread).toBeLessThan(unreadBefore);
  });
});
