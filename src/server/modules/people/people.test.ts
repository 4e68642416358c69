import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsortium, buildPerson, buildTenant, buildUser } from '../../testing/factories.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('people directory', () => {
  it('finds people by name typed without diacritics, every word anywhere', async () => {
    const { institution, officer } = await buildTenant(t.database.db);
    await buildPerson(t.database.db, institution.id, { fullName: 'Nguyễn Đức Sơn', title: 'PGS.TS.' });
    await buildPerson(t.database.db, institution.id, { fullName: 'Trần Văn Đức' });
    const c = await t.login(officer.email);
    const res = await c.get(`/api/v1/people?q=${encodeURIComponent('nguyen duc son')}`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((p: { fullName: string }) => p.fullName)).toEqual(['Nguyễn Đức Sơn']);
    // Every query word must start a word of the record: "ngu" is a prefix of "Nguyễn", "guyen" is not.
    expect((await c.get(`/api/v1/people?q=ngu+so&institutionId=${institution.id}`)).body.items).toHaveLength(1);
    expect((await c.get(`/api/v1/people?q=guyen&institutionId=${institution.id}`)).body.items).toHaveLength(0);
    // LIKE wildcards typed by the user are ordinary characters, not patterns.
    expect((await c.get(`/api/v1/people?q=${encodeURIComponent('%_')}&institutionId=${institution.id}`)).status).toBe(200);
    const both = await c.get(`/api/v1/people?q=duc&institutionId=${institution.id}`);
    expect(both.body.items.map((p: { fullName: string }) => p.fullName).sort()).toEqual(['Nguyễn Đức Sơn', 'Trần Văn Đức']);
  });

  it('pages through a sorted list with keyset cursors, without gaps or repeats', async () => {
    const { institution, officer } = await buildTenant(t.database.db);
    for (let i = 0; i < 7; i++) await buildPerson(t.database.db, institution.id, { fullName: `Lê Thị ${String.fromCharCode(65 + i)}` });
    const c = await t.login(officer.email);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { fullName: string }[]; nextCursor: string | null } } = await c.get(
        `/api/v1/people?institutionId=${institution.id}&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...res.body.items.map((p) => p.fullName));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Lê Thị A', 'Lê Thị B', 'Lê Thị C', 'Lê Thị D', 'Lê Thị E', 'Lê Thị F', 'Lê Thị G']);
  });

  it('rejects bad input naming each field, in the caller’s language', async () => {
    const { institution, officer } = await buildTenant(t.database.db);
    const c = await t.login(officer.email);
    const res = await c.post(`/api/v1/institutions/${institution.id}/people`, { fullName: '', email: 'not-an-email', phone: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    const fields = res.body.error.details.fields.map((f: { field: string }) => f.field).sort();
    expect(fields).toEqual(['email', 'fullName', 'phone']);
    expect(res.body.error.details.fields.find((f: { field: string }) => f.field === 'fullName').message).toBe('Họ và tên: bắt buộc.');
    c.language = 'en';
    const anon = t.client();
    anon.language = 'en';
    const en = await anon.post('/api/v1/auth/login', { email: 'x' });
    expect(en.status).toBe(400);
    expect(en.body.error.details.fields.map((f: { message: string }) => f.message)).toEqual(['E-mail: wrong format.', 'Password: required.']);
    expect(res.body.requestId).toBeTruthy();
  });

  it('answers 409 naming the field on a duplicate e-mail, and changes nothing', async () => {
    const { institution, officer } = await buildTenant(t.database.db);
    const c = await t.login(officer.email);
    const first = await c.post(`/api/v1/institutions/${institution.id}/people`, { fullName: 'Phạm Minh', email: 'minh@example.test' });
    expect(first.status).toBe(201);
    const dup = await c.post(`/api/v1/institutions/${institution.id}/people`, { fullName: 'Phạm Minh 2', email: 'MINH@example.test' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.details.fields[0].field).toBe('email');
    const list = await c.get(`/api/v1/people?institutionId=${institution.id}&q=pham minh`);
    expect(list.body.items).toHaveLength(1);
  });

  it('refuses a stale edit with 409 and the current record', async () => {
    const { institution, officer, admin } = await buildTenant(t.database.db);
    const person = await buildPerson(t.database.db, institution.id, { fullName: 'Vũ Hoàng' });
    const a = await t.login(officer.email);
    const b = await t.login(admin.email);
    const ok = await a.patch(`/api/v1/people/${person.id}`, { positionVi: 'Trưởng phòng', version: 1 });
    expect(ok.status).toBe(200);
    expect(ok.body.version).toBe(2);
    const stale = await b.patch(`/api/v1/people/${person.id}`, { positionVi: 'Phó phòng', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('version_conflict');
    expect(stale.body.error.details.current.positionVi).toBe('Trưởng phòng');
  });

  it('keeps private people to their institution and shares the rest with consortium partners only', async () => {
    const a = await buildTenant(t.database.db);
    const b = await buildTenant(t.database.db);
    const outsider = await buildTenant(t.database.db);
    await buildConsortium(t.database.db, [a.institution.id, b.institution.id]);
    const shared = await buildPerson(t.database.db, a.institution.id, { fullName: 'Hoàng Chia Sẻ' });
    const hidden = await buildPerson(t.database.db, a.institution.id, { fullName: 'Hoàng Riêng Tư', visibility: 'private' });
    const partner = await t.login(b.officer.email);
    expect((await partner.get(`/api/v1/people/${shared.id}`)).status).toBe(200);
    expect((await partner.get(`/api/v1/people/${hidden.id}`)).status).toBe(404);
    const list = await partner.get(`/api/v1/people?q=hoang`);
    expect(list.body.items.map((p: { id: string }) => p.id)).toContain(shared.id);
    expect(list.body.items.map((p: { id: string }) => p.id)).not.toContain(hidden.id);
    // A partner sees but may not edit.
    expect((await partner.patch(`/api/v1/people/${shared.id}`, { title: 'TS.', version: 1 })).status).toBe(403);
    const stranger = await t.login(outsider.officer.email);
    expect((await stranger.get(`/api/v1/people/${shared.id}`)).status).toBe(404);
    expect((await stranger.get(`/api/v1/people?q=hoang`)).body.items).toHaveLength(0);
    const own = await t.login(a.member.email);
    expect((await own.get(`/api/v1/people/${hidden.id}`)).status).toBe(200);
  });

  it('offers staff, not students, to the picker of points of contact (staff=true)', async () => {
    const { institution, officer } = await buildTenant(t.database.db);
    const student = await buildPerson(t.database.db, institution.id, { fullName: 'Sinh Viên Chọn' });
    const lecturer = await buildPerson(t.database.db, institution.id, { fullName: 'Giảng Viên Chọn' });
    const staff = await buildPerson(t.database.db, institution.id, { fullName: 'Cán Bộ Chọn' }); // no account
    const both = await buildPerson(t.database.db, institution.id, { fullName: 'Trợ Giảng Chọn' });
    await buildUser(t.database.db, institution.id, ['student'], { personId: student.id });
    await buildUser(t.database.db, institution.id, ['member'], { personId: lecturer.id });
    await buildUser(t.database.db, institution.id, ['student', 'coordinator'], { personId: both.id });
    const c = await t.login(officer.email);
    const names = async (query: string) =>
      (await c.get(`/api/v1/people?institutionId=${institution.id}&q=chon${query}`)).body.items.map((p: { fullName: string }) => p.fullName).sort();
    expect(await names('&staff=true')).toEqual(['Cán Bộ Chọn', 'Giảng Viên Chọn', 'Trợ Giảng Chọn']);
    expect(await names('')).toEqual(['Cán Bộ Chọn', 'Giảng Viên Chọn', 'Sinh Viên Chọn', 'Trợ Giảng Chọn']);
    expect(await names('&staff=false')).toHaveLength(4);
    const bad = await c.get(`/api/v1/people?staff=yes`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].field).toBe('staff');
  });

  it('lets a member edit the person record of their own account, but not others', async () => {
    const { institution } = await buildTenant(t.database.db);
    const me = await buildPerson(t.database.db, institution.id, { fullName: 'Đinh Tự Sửa' });
    const other = await buildPerson(t.database.db, institution.id, { fullName: 'Đinh Người Khác' });
    const { buildUser } = await import('../../testing/factories.ts');
    const user = await buildUser(t.database.db, institution.id, ['member'], { personId: me.id });
    const c = await t.login(user.email);
    expect((await c.patch(`/api/v1/people/${me.id}`, { expertise: ['AI'], version: 1 })).status).toBe(200);
    expect((await c.patch(`/api/v1/people/${other.id}`, { expertise: ['AI'], version: 1 })).status).toBe(403);
    expect((await c.patch(`/api/v1/people/${me.id}`, { archived: true, version: 2 })).status).toBe(403);
  });

  it('records every write in the audit log with before and after', async () => {
    const { institution, officer, admin } = await buildTenant(t.database.db);
    const c = await t.login(officer.email);
    const created = await c.post(`/api/v1/institutions/${institution.id}/people`, { fullName: 'Bùi Kiểm Toán' });
    await c.patch(`/api/v1/people/${created.body.id}`, { title: 'TS.', version: 1 });
    const adminClient = await t.login(admin.email);
    const audit = await adminClient.get(`/api/v1/admin/audit?entity=person`);
    expect(audit.status).toBe(200);
    const update = audit.body.items.find((e: { action: string }) => e.action === 'update');
    expect(update.before.title).toBeNull();
    expect(update.after.title).toBe('TS.');
    expect(update.actorLabel).toBe(officer.email);
    expect(audit.body.items.some((e: { action: string }) => e.action === 'create')).toBe(true);
  });
});

describe('audit log pages', () => {
  it('lists newest first and pages through every entry once', async () => {
    const { institution, officer, admin } = await buildTenant(t.database.db);
    const c = await t.login(officer.email);
    for (let i = 0; i < 5; i++) await c.post(`/api/v1/institutions/${institution.id}/people`, { fullName: `Người Ghi Nhật Ký ${i}` });
    const a = await t.login(admin.email);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { id: string; createdAt: string }[]; nextCursor: string | null } } = await a.get(
        `/api/v1/admin/audit?entity=person&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...res.body.items.map((e) => e.createdAt));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect([...seen].sort().reverse()).toEqual(seen);
  });
});

describe('keyset pages on timestamps', () => {
  it('keeps rows changed within the same millisecond (cursors carry microseconds)', async () => {
    const { institution, officer } = await buildTenant(t.database.db);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await buildPerson(t.database.db, institution.id, { fullName: `Cùng Mili Giây ${i}` })).id);
    // Four changes 100 µs apart, all within one millisecond.
    for (const [i, id] of ids.entries()) {
      await sql`UPDATE people SET updated_at = '2026-11-23 10:00:00.0001'::timestamptz + ${i * 100} * interval '1 microsecond' WHERE id = ${id}::uuid`.execute(t.database.db);
    }
    const c = await t.login(officer.email);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { id: string }[]; nextCursor: string | null } } = await c.get(
        `/api/v1/people?institutionId=${institution.id}&sort=updated&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...res.body.items.map((p) => p.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
  });
});
