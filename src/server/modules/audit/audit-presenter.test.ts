import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildInstitution, buildPerson, buildTenant, buildUser } from '../../testing/factories.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';

// The audit log names people and records (issue 9, items 3 and 4): who acted by their title and name, the
// record each entry is about by its title and page, the records and areas its before/after name by id or key —
// each only while the reader may see that record.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

type Entry = {
  entity: string;
  entityId: string;
  action: string;
  actorName: string;
  actorKind: string;
  actorLabel: string;
  record: { titleVi: string; titleEn: string; path: string | null } | null;
  refs: Record<string, { titleVi: string; titleEn: string; path: string | null }>;
  after: Record<string, unknown> | null;
};

describe('the audit log names records and people', () => {
  it('gives the record’s title and page, and names the records its fields point to', async () => {
    const db = t.database.db;
    const a = await buildTenant(db);
    const admin = await t.login(a.admin.email);
    const unit = await admin.post(`/api/v1/institutions/${a.institution.id}/units`, { kind: 'faculty', nameVi: 'Khoa Hóa', nameEn: 'Faculty of Chemistry' });
    expect(unit.status).toBe(201);
    const person = await admin.post(`/api/v1/institutions/${a.institution.id}/people`, { fullName: 'Trần Văn Hóa', title: 'TS.', unitId: unit.body.id });
    expect(person.status).toBe(201);

    const entries = (await admin.get('/api/v1/admin/audit?limit=50')).body.items as Entry[];
    const unitEntry = entries.find((e) => e.entity === 'unit' && e.entityId === unit.body.id);
    expect(unitEntry?.record).toEqual({ titleVi: 'Khoa Hóa', titleEn: 'Faculty of Chemistry', path: `/institutions/${a.institution.id}` });
    const personEntry = entries.find((e) => e.entity === 'person' && e.entityId === person.body.id);
    expect(personEntry?.record).toEqual({ titleVi: 'TS. Trần Văn Hóa', titleEn: 'TS. Trần Văn Hóa', path: `/people/${person.body.id}` });
    expect(personEntry?.refs[unit.body.id]).toEqual({ titleVi: 'Khoa Hóa', titleEn: 'Faculty of Chemistry', path: `/institutions/${a.institution.id}` });
    expect(personEntry?.refs[a.institution.id]?.path).toBe(`/institutions/${a.institution.id}`);
    // The admin's account speaks for no person: named by its display name, the e-mail kept as the label.
    expect(personEntry?.actorKind).toBe('user');
    expect(personEntry?.actorLabel).toBe(a.admin.email);
    expect(personEntry?.actorName).toMatch(/^Tester /);
  });

  it('names the actor by their person, the agreement by its title and an area by its title', async () => {
    const db = t.database.db;
    const a = await buildTenant(db);
    const b = await buildTenant(db);
    const me = await buildPerson(db, a.institution.id, { fullName: 'Lê Thị Hợp Tác', title: 'ThS.' });
    const officer = await buildUser(db, a.institution.id, ['cooperation_officer'], { personId: me.id });
    const c = await t.login(officer.email);
    const created = await c.post('/api/v1/agreements', {
      content: {
        kind: 'mou',
        titleVi: 'Biên bản ghi nhớ thử nghiệm',
        titleEn: 'Test memorandum',
        startDate: '2027-01-01',
        parties: [{ institutionId: a.institution.id }, { institutionId: b.institution.id }],
        areas: [{ key: 'research', kind: 'research', titleVi: 'Nghiên cứu chung', titleEn: 'Joint research' }],
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    expect((await c.post(`/api/v1/agreements/${id}/comments`, { body: 'Góp ý', areaKey: 'research' })).status).toBe(201);

    const admin = await t.login(a.admin.email);
    const entries = (await admin.get('/api/v1/admin/audit?entity=agreement')).body.items as Entry[];
    const comment = entries.find((e) => e.entityId === id && e.action === 'comment');
    expect(comment?.actorName).toBe('ThS. Lê Thị Hợp Tác');
    expect(comment?.record).toEqual({ titleVi: 'Biên bản ghi nhớ thử nghiệm', titleEn: 'Test memorandum', path: `/agreements/${id}` });
    expect(comment?.refs.research).toEqual({ titleVi: 'Nghiên cứu chung', titleEn: 'Joint research', path: `/agreements/${id}` });
  });

  it('leaves out the title of a record the reader may no longer see', async () => {
    const db = t.database.db;
    const a = await buildTenant(db);
    const b = await buildTenant(db);
    const other = await buildInstitution(db);
    const c = await t.login(a.officer.email);
    const content = {
      kind: 'mou',
      titleVi: 'Thỏa thuận đổi bên',
      titleEn: 'Agreement that changes parties',
      startDate: '2027-01-01',
      parties: [{ institutionId: a.institution.id }, { institutionId: b.institution.id }],
    };
    const created = await c.post('/api/v1/agreements', { content });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    const edited = await c.patch(`/api/v1/agreements/${id}`, {
      baseVersion: 1,
      content: { ...content, parties: [{ institutionId: a.institution.id }, { institutionId: other.id }] },
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);

    // B was a party when the draft was made: its admin keeps reading that entry, but no longer the record.
    const bAdmin = await t.login(b.admin.email);
    const entries = (await bAdmin.get('/api/v1/admin/audit?entity=agreement')).body.items as Entry[];
    const create = entries.find((e) => e.entityId === id && e.action === 'create');
    expect(create).toBeDefined();
    expect(create?.record).toBeNull();
    const aAdmin = await t.login(a.admin.email);
    const mine = (await aAdmin.get('/api/v1/admin/audit?entity=agreement')).body.items as Entry[];
    expect(mine.find((e) => e.entityId === id && e.action === 'create')?.record?.path).toBe(`/agreements/${id}`);
  });
});
