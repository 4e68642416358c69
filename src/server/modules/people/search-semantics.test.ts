import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsortium, buildInstitution, buildPerson, buildTenant } from '../../testing/factories.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../testing/test-app.ts';
import { overrideNameWordStats } from './repository.ts';

// What a directory search finds, and in which order, pinned against a plain statement of the rule (below, `expected`):
// every query word (the first eight, split on spaces) must start a word of the person's search document (name, title,
// positions, e-mail, expertise), diacritics and case ignored; the caller sees their institution's people and the people
// that partner institutions share with the consortium; archived people only when asked. Searched without `sort`, a
// query with a word of three letters or more lists by relevance — every word a whole word of the name (0), else every
// word the start of a word of the name (1), else matched elsewhere (2) — then by name and id; shorter queries list by
// name. The repository reads rank-0 pages from `people_name_words` or through the trigram index, as the statistics
// of name words suggest (people/repository.ts `nameWordsPlan`): each query is listed both ways, from each query word's
// entries, and paging with small limits crosses from one to the other at every possible place.
let t: TestApp;
let officer: ApiClient;
let home: string;
let partner: string;
let stranger: string;

const NAMES_HOME = [
  'Nguyễn Văn An',
  'Nguyễn Văn Anh',
  'Nguyễn Văn Bình',
  'Nguyễn Văn Bình',
  'Nguyễn Thị Vân',
  'Nguyễn Vân Anh',
  'Trần Văn Nguyên',
  'Nguyễn Nguyễn',
  'Lê Văn',
  'Vân Nguyễn Thị',
  'Nguyễn Vănh Tú',
  'Phạm Đức Nguyện',
  'Đỗ Đức Đạt',
  'Jean-Pierre Nguyen',
  'Nguyễn-Văn Hải',
  'Ngô Văn Nguyên Anh',
  'Nguyen Van',
  'Văn Nguyễn',
  'Hồ Văn Lê',
  'Lê Thị Hà',
  'Vũ Thị Hà',
  'Hà Thị Vũ',
  'Ông Ích Khiêm',
  'A B C D E F G H I',
  'Đặng Ngọc Đăng',
  // Each query word must be whole for rank 0; these start with one without being it.
  'Anh Vănh',
  'Anh Văng Lê',
  'Lêna Văn Anh',
];

beforeAll(async () => {
  t = await startTestApp();
  const db = t.database.db;
  const tenant = await buildTenant(db);
  home = tenant.institution.id;
  officer = await t.login(tenant.officer.email);
  partner = (await buildInstitution(db)).id;
  stranger = (await buildInstitution(db)).id;
  await buildConsortium(db, [home, partner]);
  for (const [i, fullName] of NAMES_HOME.entries()) {
    await buildPerson(db, home, { fullName, email: null, visibility: i % 5 === 4 ? 'private' : 'consortium' });
  }
  // Matched outside the name: title, e-mail, position, expertise.
  await buildPerson(db, home, { fullName: 'Hoàng Minh Tâm', title: 'PGS.TS.', email: 'nguyen.van@example.test' });
  await buildPerson(db, home, { fullName: 'Bùi Thanh Tùng', title: 'TS.', email: 'tung@example.test' });
  const expert = await buildPerson(db, home, { fullName: 'Cao Thị Lan', email: null });
  await db.updateTable('people').set({ expertise: ['văn học', 'Nguyễn Du'], position_vi: 'Trưởng khoa Văn' }).where('id', '=', expert.id).execute();
  const archived = await buildPerson(db, home, { fullName: 'Nguyễn Văn Cũ', email: null });
  await db.updateTable('people').set({ archived_at: sql`now()` }).where('id', '=', archived.id).execute();
  // A partner shares some people with the consortium; a stranger's people are never seen.
  await buildPerson(db, partner, { fullName: 'Nguyễn Văn Đối Tác', email: null });
  await buildPerson(db, partner, { fullName: 'Nguyễn Văn Riêng', email: null, visibility: 'private' });
  await buildPerson(db, stranger, { fullName: 'Nguyễn Văn Lạ', email: null });
});
afterAll(() => t.close());

interface Query {
  q: string;
  institutionId?: string;
  archived?: 'include' | 'only';
  sort?: 'name' | 'relevance';
}

/** The rule, stated directly over `people` (no words table, no trigram index needed). */
async function expected(query: Query): Promise<string[]> {
  const words = query.q.split(/\s+/).filter(Boolean).slice(0, 8);
  const sort = query.sort ?? (words.some((w) => w.length >= 3) ? 'relevance' : 'name');
  const all = (pattern: (w: string) => ReturnType<typeof sql>) => (words.length ? sql.join(words.map(pattern), sql` AND `) : sql`true`);
  const match = all((w) => sql`p.search_doc LIKE '% ' || hoptac_fold(${w}) || '%'`);
  const whole = all((w) => sql`p.name_doc LIKE '% ' || hoptac_fold(${w}) || ' %'`);
  const start = all((w) => sql`p.name_doc LIKE '% ' || hoptac_fold(${w}) || '%'`);
  const rank = sort === 'relevance' ? sql`CASE WHEN ${whole} THEN 0 WHEN ${start} THEN 1 ELSE 2 END` : sql`NULL::int`;
  const archived = query.archived === 'include' ? sql`true` : query.archived === 'only' ? sql`p.archived_at IS NOT NULL` : sql`p.archived_at IS NULL`;
  const { rows } = await sql<{ id: string }>`
    SELECT p.id FROM people p
    WHERE (p.institution_id = ${home}::uuid OR (p.visibility = 'consortium' AND p.institution_id IN (${home}::uuid, ${partner}::uuid)))
      AND ${match} AND ${archived} AND (${query.institutionId ?? null}::uuid IS NULL OR p.institution_id = ${query.institutionId ?? null}::uuid)
    ORDER BY ${rank}, p.full_name, p.id`.execute(t.database.db);
  return rows.map((r) => r.id);
}

/** Every page of the API's answer, `limit` at a time. */
async function listed(query: Query, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams({ q: query.q, limit: String(limit) });
    if (query.institutionId) params.set('institutionId', query.institutionId);
    if (query.archived) params.set('archived', query.archived);
    if (query.sort) params.set('sort', query.sort);
    if (cursor) params.set('cursor', cursor);
    const res: { status: number; body: { items: { id: string }[]; nextCursor: string | null } } = await officer.get(`/api/v1/people?${params}`);
    expect(res.status).toBe(200);
    ids.push(...res.body.items.map((p) => p.id));
    cursor = res.body.nextCursor;
  } while (cursor);
  return ids;
}

const QUERIES = [
  'nguyen van',
  'van nguyen',
  'Nguyễn Văn',
  'NGUYEN',
  'nguyen',
  'van',
  'vân',
  'nguyen van an',
  'van an',
  'an van',
  'an',
  'anh',
  'van anh',
  'anh van',
  'anh van le',
  'le van anh',
  'nguyen van a',
  'thi v',
  'nguyen van binh',
  'nguyen thi van',
  'nguyen nguyen',
  'van van',
  'ngu',
  'guyen',
  'uyen van',
  'hanh',
  'nguy van',
  'van ng',
  'vanh',
  'jean-pierre',
  'jean pierre',
  'nguyen-van',
  'nguyen-van hai',
  'duc',
  'dat',
  'dang',
  'pgs nguyen',
  'ts',
  'van hoc',
  'hoc',
  'khiem',
  'ich',
  'ha thi',
  'thi ha',
  'vu thi ha',
  'le',
  'ho van le',
  'a b c d e f g h i',
  'i h g f e d c b a',
  'ng',
  'd',
  'ha',
  '%',
  '%_ nguyen',
  'nguyen %',
  'xyz',
  'tam',
  'doi tac',
  'rieng',
  'la',
];

/** Figures under which every page is read from name words first, led by the query word `lead` picks. */
function nameWordsFirst(lead: (words: string[]) => string) {
  return (q: string) => {
    const words = q.split(/\s+/).filter(Boolean).map((w) => w.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase());
    const first = lead(words);
    return { people: 1e12, shares: new Map(words.map((w) => [w, w === first ? 0.5 : 1])) };
  };
}
const WAYS = [
  { way: 'by the statistics (none: trigram index)', stats: () => undefined },
  { way: 'name words first, led by the first word', stats: nameWordsFirst((w) => w[0]) },
  { way: 'name words first, led by the last word', stats: nameWordsFirst((w) => w[w.length - 1]) },
];

describe('directory search: what is found and in which order', () => {
  afterAll(() => overrideNameWordStats(t.database.db, undefined));

  it('lists what the rule finds, page after page, at every page size, read either way', async () => {
    for (const q of QUERIES) {
      const want = await expected({ q });
      for (const { way, stats } of WAYS) {
        overrideNameWordStats(t.database.db, stats(q));
        for (const limit of [1, 2, 50]) {
          expect({ q, way, limit, ids: await listed({ q }, limit) }).toEqual({ q, way, limit, ids: want });
        }
      }
    }
  });

  it('keeps the rule with filters and an explicit order', async () => {
    for (const q of ['nguyen van', 'van', 'nguyen', 'ngu', 'ha thi', 'pgs nguyen']) {
      for (const query of [
        { q, institutionId: partner },
        { q, institutionId: home },
        { q, archived: 'include' as const },
        { q, archived: 'only' as const },
        { q, sort: 'name' as const },
        { q, sort: 'relevance' as const },
      ]) {
        const want = await expected(query);
        for (const { way, stats } of WAYS) {
          overrideNameWordStats(t.database.db, stats(q));
          for (const limit of [1, 2, 50]) expect({ query, way, limit, ids: await listed(query, limit) }).toEqual({ query, way, limit, ids: want });
        }
      }
    }
  });

  it('finds a renamed person by the new name only, and keeps the words of every name', async () => {
    const db = t.database.db;
    overrideNameWordStats(db, nameWordsFirst((w) => w[0])('quach tinh hoang dung'));
    const person = await buildPerson(db, home, { fullName: 'Quách Tĩnh', email: null });
    expect(await listed({ q: 'quach tinh' }, 50)).toEqual([person.id]);
    await db.updateTable('people').set({ full_name: 'Hoàng Dung' }).where('id', '=', person.id).execute();
    expect(await listed({ q: 'quach tinh' }, 50)).toEqual([]);
    expect(await listed({ q: 'hoang dung' }, 50)).toEqual(await expected({ q: 'hoang dung' }));
    expect(await listed({ q: 'hoang dung' }, 50)).toContain(person.id);
    // The words table holds exactly the words of every name (0023’s triggers), whoever wrote the people.
    const { rows } = await sql<{ missing: number; extra: number }>`
      WITH want AS (SELECT w AS word, p.full_name, p.id AS person_id, p.institution_id, p.name_doc FROM people p, hoptac_doc_words(p.name_doc) w),
        held AS (SELECT word, full_name, person_id, institution_id, name_doc FROM people_name_words)
      SELECT (SELECT count(*)::int FROM (SELECT * FROM want EXCEPT SELECT * FROM held) x) AS missing,
             (SELECT count(*)::int FROM (SELECT * FROM held EXCEPT SELECT * FROM want) x) AS extra`.execute(db);
    expect(rows[0]).toEqual({ missing: 0, extra: 0 });
    await db.deleteFrom('people').where('id', '=', person.id).execute();
    const left = await db.selectFrom('people_name_words').select('word').where('person_id', '=', person.id).execute();
    expect(left).toEqual([]);
  });
});
