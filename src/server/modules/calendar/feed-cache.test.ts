import { gunzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsortium, buildTenant } from '../../testing/factories.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../testing/test-app.ts';

// The personal feed rendered once per data generation and day (feed-cache.ts, platform/data-changes.ts): an
// unchanged calendar is served from memory with the same bytes and ETag (DTSTAMP, the time of rendering, proves it),
// If-None-Match gets a 304, and any committed write, a new day or a process that cannot hear of changes renders again.
let now = new Date('2026-07-01T05:00:00Z');
let t: TestApp;
let officer: ApiClient;
let agreementId: string;
let hustId: string;
let feedPath: string;

beforeAll(async () => {
  t = await startTestApp({ clock: { now: () => now }, changes: true });
  const db = t.database.db;
  const hust = await buildTenant(db, { code: 'HUFC' });
  const partner = await buildTenant(db, { code: 'PAFC' });
  await buildConsortium(db, [hust.institution.id, partner.institution.id]);
  hustId = hust.institution.id;
  officer = await t.login(hust.officer.email);
  const res = await officer.post('/api/v1/agreements', {
    content: {
      kind: 'cooperation',
      titleVi: 'Thỏa thuận thử bộ nhớ lịch',
      titleEn: 'Feed cache agreement',
      startDate: '2026-01-01',
      endDate: '2028-12-31',
      parties: [{ institutionId: hustId }, { institutionId: partner.institution.id }],
      areas: [{ key: 'research', kind: 'research', titleVi: 'Nghiên cứu', titleEn: 'Research' }],
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  agreementId = res.body.id;
  await db.updateTable('agreements').set({ status: 'active', signing_date: '2025-12-20' }).where('id', '=', agreementId).execute();
  await record('Hội thảo đầu tiên', '2026-07-10');
  const feed = await officer.post('/api/v1/me/calendar-feed');
  expect(feed.status).toBe(201);
  feedPath = new URL(feed.body.url).pathname;
});
afterAll(() => t.close());

async function record(titleVi: string, day: string) {
  const res = await officer.post(`/api/v1/agreements/${agreementId}/activities`, {
    areaKey: 'research',
    kind: 'seminar',
    status: 'planned',
    organiserIds: [hustId],
    titleVi,
    titleEn: titleVi,
    startDate: day,
    endDate: day,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

async function fetchFeed(headers: Record<string, string> = {}) {
  const res = await t.app.inject({ method: 'GET', url: feedPath, headers });
  return { status: res.statusCode, etag: String(res.headers.etag), text: res.body, stamp: /DTSTAMP:(\w+)/.exec(res.body)?.[1] };
}

const generation = () => t.deps.changes!.generation();
/** Waits until the process heard of a change after `before` (a notification arrives after its commit). */
async function untilChanged(before: number | null) {
  const deadline = Date.now() + 5_000;
  while (generation() === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  expect(generation()).not.toBe(before);
}
const later = (ms: number) => {
  now = new Date(now.getTime() + ms);
};

describe('the rendered feed in memory', () => {
  it('is served again while nothing changed: the same bytes and ETag, and 304 for If-None-Match', async () => {
    const first = await fetchFeed();
    expect(first.status).toBe(200);
    expect(first.text).toContain('Hội thảo đầu tiên');
    expect(first.etag).toMatch(/^"[\w-]{27}"$/);
    later(60_000);
    const second = await fetchFeed();
    expect(second.stamp).toBe(first.stamp); // rendered at the first fetch, not a minute later
    expect(second.text).toBe(first.text);
    expect(second.etag).toBe(first.etag);

    const unchanged = await fetchFeed({ 'if-none-match': `"other", ${first.etag}` });
    expect(unchanged.status).toBe(304);
    expect(unchanged.text).toBe('');
    expect(unchanged.etag).toBe(first.etag);
    expect((await fetchFeed({ 'if-none-match': '"something-else"' })).status).toBe(200);
  });

  it('is gzipped for a client that accepts it, as another representation with its own ETag', async () => {
    const plain = await fetchFeed();
    const res = await t.app.inject({ method: 'GET', url: feedPath, headers: { 'accept-encoding': 'br;q=1, gzip;q=0.8' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers.vary).toBe('accept-encoding');
    expect(gunzipSync(res.rawPayload).toString('utf8')).toBe(plain.text);
    expect(res.rawPayload.length).toBeLessThan(plain.text.length);
    expect(res.headers.etag).toBe(`${plain.etag.slice(0, -1)}-gz"`);
    const again = await t.app.inject({ method: 'GET', url: feedPath, headers: { 'accept-encoding': 'gzip', 'if-none-match': String(res.headers.etag) } });
    expect(again.statusCode).toBe(304);
    for (const refused of ['gzip;q=0', 'identity', 'gzip;q=0, *']) {
      const raw = await t.app.inject({ method: 'GET', url: feedPath, headers: { 'accept-encoding': refused } });
      expect(raw.headers['content-encoding'], refused).toBeUndefined();
      expect(raw.body).toBe(plain.text);
    }
    const any = await t.app.inject({ method: 'GET', url: feedPath, headers: { 'accept-encoding': '*' } });
    expect(any.headers['content-encoding']).toBe('gzip');
  });

  it('is rendered again after a committed write, which the feed shows', async () => {
    const before = await fetchFeed();
    const g = generation();
    await record('Hội thảo mới thêm', '2026-08-01');
    await untilChanged(g);
    later(60_000);
    const after = await fetchFeed();
    expect(after.text).toContain('Hội thảo mới thêm');
    expect(after.etag).not.toBe(before.etag);
    expect(after.stamp).not.toBe(before.stamp);
  });

  it('stays while a write is rolled back (nothing is told before a commit) and when a sign-in is recorded', async () => {
    const before = await fetchFeed();
    const g = generation();
    await t.database.db
      .transaction()
      .execute(async (tx) => {
        await tx.updateTable('activities').set({ title_vi: 'Không bao giờ lưu' }).where('agreement_id', '=', agreementId).execute();
        throw new Error('rolled back');
      })
      .catch(() => {});
    await sql`UPDATE users SET last_login_at = now()`.execute(t.database.db);
    // A notification would arrive within milliseconds; then a real write shows the listener was listening all along.
    await new Promise((r) => setTimeout(r, 300));
    expect(generation()).toBe(g);
    later(60_000);
    const same = await fetchFeed();
    expect(same.etag).toBe(before.etag);
    expect(same.stamp).toBe(before.stamp);
    await sql`UPDATE users SET language = language`.execute(t.database.db);
    await untilChanged(g);
  });

  it('is rendered again on a new day (the window moves with it)', async () => {
    const before = await fetchFeed();
    later(24 * 3600_000);
    const after = await fetchFeed();
    expect(after.stamp).not.toBe(before.stamp);
  });

  it('is rendered at every fetch while the process cannot hear of changes', async () => {
    await t.deps.changes!.close();
    expect(generation()).toBeNull();
    const first = await fetchFeed();
    later(60_000);
    const second = await fetchFeed();
    expect(second.status).toBe(200);
    expect(second.stamp).not.toBe(first.stamp);
  });
});
