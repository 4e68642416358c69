import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../testing/test-app.ts';
import { activityId } from './activities-loader.ts';
import { DEMO_PASSWORD } from './data/index.ts';
import { demoDelegations } from './data/delegations.ts';
import { delegationId, loadDemoDelegations } from './delegations-loader.ts';
import type { DemoIds } from './load.ts';

// The demo's delegations: loaded with the demo, in every state, telling data/delegations.ts's story as of the demo's
// today, and by the rules of the delegations module (guests only for the handling office).
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ demo: true, clock: { now: () => new Date('2026-11-27T03:00:00Z') } });
});
afterAll(() => t.close());

describe('demo delegations', () => {
  it('are loaded in their states, incoming and outgoing, each report linked to its activity', async () => {
    const rows = await t.database.db.selectFrom('delegations').selectAll().where('is_sample', '=', true).execute();
    expect(rows).toHaveLength(demoDelegations.length);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['done', 'approved', 'submitted', 'draft']));
    expect(new Set(rows.map((r) => r.direction))).toEqual(new Set(['incoming', 'outgoing']));
    const rumed = rows.find((r) => r.id === delegationId('rumed-hmu-2025-12'))!;
    expect(rumed.activity_id).toBe(activityId('rumed-delegation-2025'));
    const activity = await t.database.db.selectFrom('activities').selectAll().where('id', '=', rumed.activity_id!).executeTakeFirstOrThrow();
    expect(activity).toMatchObject({ kind: 'visit', status: 'done', agreement_id: rumed.agreement_id, start_date: rumed.start_date });
    const session = rows.find((r) => r.id === delegationId('hust-bmh-2026-10'))!;
    expect(session.activity_id).toBe(activityId('hust-bmh-one-year-review'));
  });

  it("show guests' data to the handling office only, erased after the visit, and make the invitation letter", async () => {
    const officer = await t.login('officer@hmu.demo.hoptac.vn', DEMO_PASSWORD);
    const done = await officer.get(`/api/v1/delegations/${delegationId('rumed-hmu-2025-12')}`);
    expect(done.body).toMatchObject({ status: 'done', guestCount: 4, guestsErased: true });
    const upcoming = delegationId('rumed-hmu-2027-03');
    const guests = await officer.get(`/api/v1/delegations/${upcoming}/guests`);
    expect(guests.status).toBe(200);
    expect(guests.body.items).toHaveLength(3);
    const letter = await t.app.inject({ method: 'GET', url: `/api/v1/delegations/${upcoming}/invitation-letter.pdf`, headers: { cookie: officer.cookie! } });
    expect(letter.statusCode).toBe(200);
    const parser = new PDFParse({ data: letter.rawPayload });
    const { text } = await parser.getText();
    await parser.destroy();
    expect(text).toContain('THƯ MỜI');
    expect(text).toContain('Sample Lecturer Alpha');
    const partner = await t.login('irina.sokolova@rumed.demo.hoptac.vn', DEMO_PASSWORD).catch(() => null);
    if (partner) expect((await partner.get(`/api/v1/delegations/${upcoming}/guests`)).status).not.toBe(200);
    const hust = await t.login('officer@hust.demo.hoptac.vn', DEMO_PASSWORD);
    expect((await hust.get(`/api/v1/delegations/${upcoming}`)).status).toBe(404);
    const list = await hust.get('/api/v1/delegations');
    expect(list.body.items.map((d: { id: string }) => d.id).sort()).toEqual([delegationId('hust-bmh-2026-10'), delegationId('hust-bmh-2027-01-draft')].sort());
  });

  it('load twice without changing anything', async () => {
    const before = await t.database.db.selectFrom('delegations').select(['id', 'version', 'updated_at']).orderBy('id').execute();
    const ids: DemoIds = { institutions: new Map(), units: new Map(), people: new Map(), users: new Map() };
    for (const r of await t.database.db.selectFrom('institutions').select(['id', 'code']).execute()) ids.institutions.set(r.code, r.id);
    for (const r of await t.database.db.selectFrom('people').select(['id', 'email', 'full_name']).execute()) ids.people.set(r.email ?? r.full_name, r.id);
    for (const r of await t.database.db.selectFrom('users').select(['id', 'email']).execute()) ids.users.set(r.email, r.id);
    await t.database.db.transaction().execute((tx) => loadDemoDelegations(tx, ids));
    const after = await t.database.db.selectFrom('delegations').select(['id', 'version', 'updated_at']).orderBy('id').execute();
    expect(after).toEqual(before);
  });
});
