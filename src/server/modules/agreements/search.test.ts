import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildInstitution, buildTenant } from '../../testing/factories.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../testing/test-app.ts';

// The agreement search finds an agreement by its titles and by its parties' codes and names in both
// languages, without diacritics (0009: `parties_doc`, kept by triggers when parties or names change).
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

type Tenant = Awaited<ReturnType<typeof buildTenant>>;

const content = (parties: string[], overrides: Record<string, unknown> = {}) => ({
  kind: 'cooperation',
  titleVi: 'Thỏa thuận hợp tác về nền tảng dữ liệu lớn',
  titleEn: 'Cooperation agreement on a big-data platform',
  startDate: '2026-01-01',
  parties: parties.map((institutionId) => ({ institutionId })),
  ...overrides,
});

async function draft(c: ApiClient, body: unknown) {
  const res = await c.post('/api/v1/agreements', { content: body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; versionNo: number };
}

const titlesFound = async (c: ApiClient, q: string) =>
  ((await c.get(`/api/v1/agreements?q=${encodeURIComponent(q)}`)).body.items as { id: string }[]).map((a) => a.id);

describe('agreement search', () => {
  let hust: Tenant;
  let officer: ApiClient;
  let bigData: { id: string; versionNo: number };
  let nursing: { id: string };
  beforeAll(async () => {
    hust = await buildTenant(t.database.db, { code: 'HUSX', nameVi: 'Đại học Bách khoa Thử', nameEn: 'Test University of Technology' });
    const bmh = await buildInstitution(t.database.db, { code: 'BMHX', kind: 'hospital', nameVi: 'Bệnh viện Bạch Mai Thử', nameEn: 'Bach Mai Test Hospital' });
    const hmu = await buildInstitution(t.database.db, { code: 'HMUX', nameVi: 'Trường Đại học Y Thử', nameEn: 'Test Medical University' });
    officer = await t.login(hust.officer.email);
    bigData = await draft(officer, content([hust.institution.id, bmh.id]));
    nursing = await draft(officer, content([hust.institution.id, hmu.id, bmh.id], { titleVi: 'Thỏa thuận đào tạo điều dưỡng', titleEn: 'Nursing training agreement' }));
    await draft(officer, content([hust.institution.id, hmu.id], { titleVi: 'Thỏa thuận trao đổi giảng viên', titleEn: 'Lecturer exchange agreement' }));
  });

  it("finds a partner by its code, though the title does not name it", async () => {
    expect((await titlesFound(officer, 'BMHX')).sort()).toEqual([bigData.id, nursing.id].sort());
    expect((await titlesFound(officer, 'bmhx')).sort()).toEqual([bigData.id, nursing.id].sort());
  });

  it('finds a partner by its name in either language, without diacritics', async () => {
    expect((await titlesFound(officer, 'bach mai')).sort()).toEqual([bigData.id, nursing.id].sort());
    expect((await titlesFound(officer, 'Bạch Mai')).sort()).toEqual([bigData.id, nursing.id].sort());
    expect((await titlesFound(officer, 'benh vien')).sort()).toEqual([bigData.id, nursing.id].sort());
    expect((await titlesFound(officer, 'test hospital')).sort()).toEqual([bigData.id, nursing.id].sort());
  });

  it('needs every word, from the title or a party', async () => {
    expect(await titlesFound(officer, 'dieu duong bach mai')).toEqual([nursing.id]);
    expect(await titlesFound(officer, 'du lieu bmhx')).toEqual([bigData.id]);
    expect(await titlesFound(officer, 'giang vien bmhx')).toEqual([]);
  });

  it('follows a change of parties and a renamed institution', async () => {
    const viet = await buildInstitution(t.database.db, { code: 'VDUX', nameVi: 'Bệnh viện Việt Đức Thử', nameEn: 'Viet Duc Test Hospital' });
    const current = (await officer.get(`/api/v1/agreements/${bigData.id}`)).body;
    const edited = await officer.patch(`/api/v1/agreements/${bigData.id}`, {
      baseVersion: current.versionNo,
      content: { ...current.content, parties: [{ institutionId: hust.institution.id }, { institutionId: viet.id }] },
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(await titlesFound(officer, 'viet duc')).toEqual([bigData.id]);
    expect(await titlesFound(officer, 'bmhx')).toEqual([nursing.id]);

    await t.database.db.updateTable('institutions').set({ name_vi: 'Bệnh viện Hữu nghị Việt Đức Thử' }).where('id', '=', viet.id).execute();
    expect(await titlesFound(officer, 'huu nghi')).toEqual([bigData.id]);
    await t.database.db.updateTable('institutions').set({ code: 'VDHX' }).where('id', '=', viet.id).execute();
    expect(await titlesFound(officer, 'vdhx')).toEqual([bigData.id]);
    expect(await titlesFound(officer, 'vdux')).toEqual([]);
  });
});
