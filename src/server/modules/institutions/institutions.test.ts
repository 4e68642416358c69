import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildInstitution, buildTenant, buildUnit, buildUser } from '../../testing/factories.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('institutions and units', () => {
  it('lets only platform admins add institutions; a duplicate code is 409 on the code field', async () => {
    const { institution, admin } = await buildTenant(t.database.db);
    const op = await buildUser(t.database.db, institution.id, ['platform_admin']);
    const body = { code: 'NEWU', kind: 'university', country: 'vn', nameVi: 'Trường Mới', nameEn: 'New University' };
    expect((await (await t.login(admin.email)).post('/api/v1/institutions', body)).status).toBe(403);
    const c = await t.login(op.email);
    const created = await c.post('/api/v1/institutions', body);
    expect(created.status).toBe(201);
    expect(created.body.country).toBe('VN');
    const dup = await c.post('/api/v1/institutions', { ...body, code: 'newu' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.details.fields).toEqual([{ field: 'code', code: 'duplicate', message: 'Mã viết tắt: giá trị này đã được sử dụng.' }]);
  });

  it('searches institutions without diacritics and filters by kind', async () => {
    const { officer } = await buildTenant(t.database.db, { nameVi: 'Trường Đại học Y Hà Nội thử', kind: 'university' });
    const c = await t.login(officer.email);
    const res = await c.get(`/api/v1/institutions?q=${encodeURIComponent('dai hoc y ha noi')}&kind=university`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { nameVi: string }) => i.nameVi)).toContain('Trường Đại học Y Hà Nội thử');
    const none = await c.get(`/api/v1/institutions?q=${encodeURIComponent('dai hoc y ha noi')}&kind=hospital`);
    expect(none.body.items).toHaveLength(0);
  });

  it('lets an institution admin edit their own institution with version checks, not another one', async () => {
    const { institution, admin, officer } = await buildTenant(t.database.db);
    const other = await buildInstitution(t.database.db);
    const a = await t.login(admin.email);
    const ok = await a.patch(`/api/v1/institutions/${institution.id}`, { website: 'https://example.test', version: 1 });
    expect(ok.status).toBe(200);
    expect(ok.body.version).toBe(2);
    expect((await a.patch(`/api/v1/institutions/${institution.id}`, { city: 'Huế', version: 1 })).status).toBe(409);
    expect((await a.patch(`/api/v1/institutions/${other.id}`, { city: 'Huế', version: 1 })).status).toBe(404);
    expect((await (await t.login(officer.email)).patch(`/api/v1/institutions/${institution.id}`, { city: 'Huế', version: 2 })).status).toBe(403);
  });

  it('builds a unit tree, refuses cycles and parents from another institution', async () => {
    const { institution, officer } = await buildTenant(t.database.db);
    const other = await buildInstitution(t.database.db);
    const foreign = await buildUnit(t.database.db, other.id);
    const c = await t.login(officer.email);
    const school = await c.post(`/api/v1/institutions/${institution.id}/units`, { kind: 'school', nameVi: 'Trường Điện - Điện tử', nameEn: 'School of Electrical and Electronic Engineering' });
    expect(school.status).toBe(201);
    const lab = await c.post(`/api/v1/institutions/${institution.id}/units`, { kind: 'lab', parentId: school.body.id, nameVi: 'Phòng thí nghiệm Robot', nameEn: 'Robotics Lab' });
    expect(lab.status).toBe(201);
    const cycle = await c.patch(`/api/v1/units/${school.body.id}`, { parentId: lab.body.id, version: 1 });
    expect(cycle.status).toBe(400);
    expect(cycle.body.error.details.fields[0].field).toBe('parentId');
    const wrongParent = await c.post(`/api/v1/institutions/${institution.id}/units`, { kind: 'lab', parentId: foreign.id, nameVi: 'X', nameEn: 'X' });
    expect(wrongParent.status).toBe(400);
    expect(wrongParent.body.error.details.fields[0].field).toBe('parentId');
    const tree = await c.get(`/api/v1/institutions/${institution.id}/units`);
    expect(tree.body.items.find((u: { id: string }) => u.id === lab.body.id).parentId).toBe(school.body.id);
    const archived = await c.patch(`/api/v1/units/${lab.body.id}`, { archived: true, version: 1 });
    expect(archived.body.archived).toBe(true);
    expect((await c.get(`/api/v1/institutions/${institution.id}/units`)).body.items).toHaveLength(1);
    expect((await c.get(`/api/v1/institutions/${institution.id}/units?archived=include`)).body.items).toHaveLength(2);
  });
});

describe('HTTP edges', () => {
  it('answers 413 for a body over the limit and 401 without a session', async () => {
    const { officer, institution } = await buildTenant(t.database.db);
    const c = await t.login(officer.email);
    const huge = await c.post(`/api/v1/institutions/${institution.id}/people`, { fullName: 'x'.repeat(2_000_000) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('payload_too_large');
    expect((await t.client().get('/api/v1/people')).status).toBe(401);
  });

  it('publishes an OpenAPI 3 document with every route', async () => {
    const doc = await t.client().get('/api/docs/json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    for (const path of ['/api/v1/auth/login', '/api/v1/me', '/api/v1/people', '/api/v1/institutions/{id}/units', '/api/v1/admin/audit']) {
      expect(Object.keys(doc.body.paths)).toContain(path);
    }
    expect((await t.client().get('/api/docs/')).status).toBe(200);
  });
});
