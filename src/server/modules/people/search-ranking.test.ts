import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsortium, buildInstitution, buildPerson, buildTenant } from '../../testing/factories.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../testing/test-app.ts';

// Searching the directory lists the best matches first (platform/search.ts `matchRank`): the query's words as
// whole words of the name, then as word starts of the name, then matches elsewhere (position, e-mail,
// expertise), each group by name. An explicit `sort` is kept.
let t: TestApp;
let admin: ApiClient;
beforeAll(async () => {
  t = await startTestApp();
  const tenant = await buildTenant(t.database.db);
  admin = await t.login(tenant.admin.email);
  const db = t.database.db;
  const inst = tenant.institution.id;
  const tuan = await buildPerson(db, inst, { fullName: 'Ngô Minh Tuấn', email: 'tuan.ngo@example.test' });
  await db.updateTable('people').set({ expertise: ['công nghệ sinh học', 'khoa học sự sống'] }).where('id', '=', tuan.id).execute();
  await buildPerson(db, inst, { fullName: 'Nguyễn Thanh Sơn', email: null });
  await buildPerson(db, inst, { fullName: 'Lê Sơn', email: null });
  await buildPerson(db, inst, { fullName: 'Phạm Sonia', email: null });
  await buildPerson(db, inst, { fullName: 'Đỗ Văn Bình', email: 'binh.son@example.test' });
  await buildPerson(db, inst, { fullName: 'Trần Thị Hà', email: null });

  const mainz = await buildInstitution(db, { code: 'MZX', nameVi: 'Bệnh viện Mainz', nameEn: 'Mainz Hospital' });
  const maiHacDe = await buildInstitution(db, { code: 'MHDX', nameVi: 'Trường Đại học Mai Hắc Đế', nameEn: 'Mai Hac De University' });
  const dongMai = await buildInstitution(db, { code: 'MAI', nameVi: 'Cao đẳng Đông Á', nameEn: 'East Asia College' });
  await buildConsortium(db, [inst, mainz.id, maiHacDe.id, dongMai.id]);
});
afterAll(() => t.close());

const names = async (url: string) => ((await admin.get(url)).body.items as { fullName?: string; code?: string }[]).map((r) => r.fullName ?? r.code);

describe('directory search ranking', () => {
  it('lists people whose name holds the word first ("son" does not start with Ngô Minh Tuấn)', async () => {
    expect(await names('/api/v1/people?q=son')).toEqual(['Lê Sơn', 'Nguyễn Thanh Sơn', 'Phạm Sonia', 'Đỗ Văn Bình', 'Ngô Minh Tuấn']);
    expect(await names('/api/v1/people?q=S%C6%A1n')).toEqual(['Lê Sơn', 'Nguyễn Thanh Sơn', 'Phạm Sonia', 'Đỗ Văn Bình', 'Ngô Minh Tuấn']);
  });

  it('ranks by every word of the query', async () => {
    expect(await names('/api/v1/people?q=thanh%20son')).toEqual(['Nguyễn Thanh Sơn']);
    expect(await names('/api/v1/people?q=ha')).toEqual(['Trần Thị Hà']);
    expect(await names('/api/v1/people?q=ngo%20tuan')).toEqual(['Ngô Minh Tuấn']);
  });

  it('keeps an explicit order', async () => {
    expect(await names('/api/v1/people?q=son&sort=name')).toEqual(['Đỗ Văn Bình', 'Lê Sơn', 'Ngô Minh Tuấn', 'Nguyễn Thanh Sơn', 'Phạm Sonia']);
    expect(await names('/api/v1/people?q=son&sort=relevance')).toEqual(['Lê Sơn', 'Nguyễn Thanh Sơn', 'Phạm Sonia', 'Đỗ Văn Bình', 'Ngô Minh Tuấn']);
  });

  it('pages through the ranked list with the cursor, and refuses a forged one', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { fullName: string }[]; nextCursor: string | null } } = await admin.get(
        `/api/v1/people?q=son&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...res.body.items.map((p) => p.fullName));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Lê Sơn', 'Nguyễn Thanh Sơn', 'Phạm Sonia', 'Đỗ Văn Bình', 'Ngô Minh Tuấn']);
    const forged = Buffer.from(JSON.stringify({ k: 'best:Lê Sơn', id: '00000000-0000-4000-8000-000000000000' })).toString('base64url');
    const refused = await admin.get(`/api/v1/people?q=son&cursor=${forged}`);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.fields[0].field).toBe('cursor');
  });

  it('lists institutions whose code or name holds the word first', async () => {
    // "mai": MAI's code and Mai Hắc Đế's name hold the whole word; Mainz only starts with it.
    expect(await names('/api/v1/institutions?q=mai')).toEqual(['MAI', 'MHDX', 'MZX']);
    expect(await names('/api/v1/institutions?q=mai&sort=name')).toEqual(['MZX', 'MAI', 'MHDX']);
    expect(await names('/api/v1/institutions?q=mai&limit=1')).toEqual(['MAI']);
  });
});
