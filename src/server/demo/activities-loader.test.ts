import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../testing/test-app.ts';
import { activityId, loadDemoActivities } from './activities-loader.ts';
import { ACTIVITIES_TODAY, demoActivities, validateDemoActivities } from './data/activities.ts';
import { demoAgreements } from './data/agreements.ts';
import { DEMO_PASSWORD, demoAccounts } from './data/index.ts';
import type { DemoIds } from './load.ts';
import { targetStatus } from '../../engines/progress/target-status.ts';
import { metricDefinition } from '../modules/activities/metrics.ts';

// The demo's activities: loaded with the demo, each by the rules the activities service enforces, and telling the
// story data/activities.ts describes on the progress and dashboard endpoints, as of the demo's today.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ demo: true, clock: { now: () => new Date('2026-11-27T03:00:00Z') } });
});
afterAll(() => t.close());

const db = () => t.database.db;

async function agreementId(key: string): Promise<string> {
  const ag = demoAgreements.find((a) => a.key === key)!;
  const content = ag.versions[ag.versions.length - 1].content;
  const row = await db().selectFrom('agreements').select('id').where('title_vi', '=', content.titleVi).executeTakeFirstOrThrow();
  return row.id;
}
async function institutionId(code: string): Promise<string> {
  return (await db().selectFrom('institutions').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}

describe('demo activities data', () => {
  it('is consistent with the agreements and the directory', () => {
    expect(validateDemoActivities()).toEqual([]);
  });

  it('spans late 2024 to 2027, with done, planned and cancelled activities', () => {
    const starts = demoActivities.map((a) => a.start).sort();
    expect(starts[0] < '2025-01-01').toBe(true);
    expect(starts[starts.length - 1] > '2027-01-01').toBe(true);
    for (const s of ['done', 'planned', 'cancelled'] as const) expect(demoActivities.filter((a) => a.status === s).length).toBeGreaterThan(2);
  });
});

describe('loaded demo activities', () => {
  it('are all loaded, every one sample data', async () => {
    const rows = await db().selectFrom('activities').select(['id', 'is_sample']).execute();
    expect(rows).toHaveLength(demoActivities.length);
    expect(rows.every((r) => r.is_sample)).toBe(true);
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(demoActivities.map((a) => activityId(a.key))));
  });

  it('obey the rules of the activities service', async () => {
    const bad = async (query: ReturnType<typeof sql>) => (await query.execute(db())).rows;
    // Dates in order, within the agreement's period; done only once started.
    expect(
      await bad(sql`SELECT a.id FROM activities a JOIN agreements g ON g.id = a.agreement_id
        WHERE a.end_date < a.start_date OR a.start_date < g.start_date OR (g.end_date IS NOT NULL AND a.end_date > g.end_date)
          OR (a.status = 'done' AND a.start_date > ${ACTIVITIES_TODAY}::date)`),
    ).toEqual([]);
    // The area is one of the agreement's current content.
    expect(
      await bad(sql`SELECT a.id FROM activities a WHERE NOT EXISTS (
        SELECT 1 FROM agreement_areas ar WHERE ar.agreement_id = a.agreement_id AND ar.area_key = a.area_key)`),
    ).toEqual([]);
    // Every activity has organisers, all parties; participants (of their own institution) and counts of parties only.
    expect(await bad(sql`SELECT a.id FROM activities a WHERE NOT EXISTS (SELECT 1 FROM activity_organisers o WHERE o.activity_id = a.id)`)).toEqual([]);
    expect(
      await bad(sql`SELECT o.activity_id FROM activity_organisers o JOIN activities a ON a.id = o.activity_id
        WHERE NOT EXISTS (SELECT 1 FROM agreement_parties p WHERE p.agreement_id = a.agreement_id AND p.institution_id = o.institution_id)`),
    ).toEqual([]);
    expect(
      await bad(sql`SELECT ap.activity_id FROM activity_participants ap JOIN activities a ON a.id = ap.activity_id JOIN people pe ON pe.id = ap.person_id
        WHERE pe.institution_id <> ap.institution_id
          OR NOT EXISTS (SELECT 1 FROM agreement_parties p WHERE p.agreement_id = a.agreement_id AND p.institution_id = ap.institution_id)`),
    ).toEqual([]);
    expect(
      await bad(sql`SELECT c.activity_id FROM activity_counts c JOIN activities a ON a.id = c.activity_id
        WHERE c.count < 1 OR NOT EXISTS (SELECT 1 FROM agreement_parties p WHERE p.agreement_id = a.agreement_id AND p.institution_id = c.institution_id)`),
    ).toEqual([]);
    // Titles in both languages; recorded by an officer of an organiser (or the demo, for RUMED).
    expect(await bad(sql`SELECT id FROM activities WHERE btrim(title_vi) = '' OR btrim(title_en) = '' OR title_vi = title_en`)).toEqual([]);
    expect(
      await bad(sql`SELECT a.id FROM activities a JOIN users u ON u.id = a.created_by
        WHERE NOT EXISTS (SELECT 1 FROM activity_organisers o WHERE o.activity_id = a.id AND o.institution_id = u.institution_id)`),
    ).toEqual([]);
  });

  it('has the HNUE–HMU working session of 13 January 2026 as a done visit with the leaders the seed names', async () => {
    const session = await db()
      .selectFrom('activities')
      .selectAll()
      .where('agreement_id', '=', await agreementId('hnue-hmu-strategic'))
      .where('start_date', '=', '2026-01-13')
      .executeTakeFirstOrThrow();
    expect([session.kind, session.status, session.end_date]).toEqual(['visit', 'done', '2026-01-13']);
    expect(session.place).toContain('Trường Đại học Y Hà Nội');
    const named = await db()
      .selectFrom('activity_participants as p')
      .innerJoin('people as pe', 'pe.id', 'p.person_id')
      .select('pe.full_name')
      .where('p.activity_id', '=', session.id)
      .execute();
    expect(named.map((n) => n.full_name).sort()).toEqual(['Lê Đình Tùng', 'Nguyễn Hữu Tú', 'Nguyễn Đức Sơn'].sort());
    const organisers = await db()
      .selectFrom('activity_organisers as o')
      .innerJoin('institutions as i', 'i.id', 'o.institution_id')
      .select('i.code')
      .where('o.activity_id', '=', session.id)
      .execute();
    expect(organisers.map((o) => o.code).sort()).toEqual(['HMU', 'HNUE']);
  });

  it('loads again without duplicates', async () => {
    const count = async () =>
      (
        await sql<{ n: string }>`SELECT (SELECT count(*) FROM activities) + (SELECT count(*) FROM activity_organisers)
          + (SELECT count(*) FROM activity_participants) + (SELECT count(*) FROM activity_counts) AS n`.execute(db())
      ).rows[0].n;
    const before = await count();
    const ids: DemoIds = { institutions: new Map(), units: new Map(), people: new Map(), users: new Map() };
    for (const i of await db().selectFrom('institutions').select(['id', 'code']).execute()) ids.institutions.set(i.code, i.id);
    for (const p of await db().selectFrom('people').select(['id', 'email', 'full_name']).execute()) ids.people.set(p.email ?? p.full_name, p.id);
    for (const u of await db().selectFrom('users').select(['id', 'email']).execute()) ids.users.set(u.email, u.id);
    await db().transaction().execute((tx) => loadDemoActivities(tx, ids));
    expect(await count()).toBe(before);
  });
});

/**
 * Each target's actual value and status computed from the data alone, the way the metric registry defines it
 * (activities of the metric's kinds under the target's area starting within its period; people once per target,
 * plus the counted ones), as of the demo's today.
 */
function storyOf(agreementKey: string): Record<string, string> {
  const ag = demoAgreements.find((a) => a.key === agreementKey)!;
  const content = ag.versions[ag.versions.length - 1].content;
  const out: Record<string, string> = {};
  for (const area of content.areas) {
    for (const target of area.targets ?? []) {
      const query = metricDefinition(target.metric).query;
      if (!query) continue;
      const matching = demoActivities.filter(
        (a) =>
          a.agreement === agreementKey && a.area === area.key && a.status === 'done' && (query.kinds as readonly string[]).includes(a.kind) &&
          a.start >= target.periodStart && a.start <= target.periodEnd,
      );
      const role = query.count === 'people' ? query.role : undefined;
      const actual =
        query.count === 'activities'
          ? matching.length
          : new Set(matching.flatMap((a) => (a.participants ?? []).filter((p) => !role || p.role === role).map((p) => p.person))).size +
            matching.flatMap((a) => (a.counts ?? []).filter((c) => !role || c.role === role)).reduce((n, c) => n + c.count, 0);
      out[`${area.key}/${target.key}`] = targetStatus({ actual, target: target.value, periodStart: target.periodStart, periodEnd: target.periodEnd, today: ACTIVITIES_TODAY }).status;
    }
  }
  return out;
}

describe('the story the data tells as of 27 November 2026', () => {
  it('HUST–Bach Mai MoU: staff trained achieved, internships and projects on track, trainings behind, publications at risk', () => {
    expect(storyOf('hust-bmh-mou')).toEqual({
      'training/t1': 'achieved',
      'training/t2': 'behind',
      'internship/t1': 'on_track',
      'research/t1': 'on_track',
      'research/t2': 'at_risk',
      'research/t3': 'at_risk', // seminars of 2026: the browser journey (e2e/activities-journey.test.ts) records one more
    });
  });

  it('HMU–Vinmec–VinUni: trainings and seminars achieved, exchanges, projects and placements on track, staff trained and publications behind', () => {
    expect(storyOf('hmu-vinmec-vinuni')).toEqual({
      'training/t1': 'achieved',
      'training/t2': 'behind',
      'exchange/t1': 'on_track',
      'research/t1': 'on_track',
      'research/t2': 'behind',
      'internship/t1': 'on_track',
      'events/t1': 'achieved',
    });
  });

  it('VNU–VNU-HCM–HUST, HMU–Russia and the VinUni–HUST exchange', () => {
    expect(storyOf('vnu-vnuhcm-hust-nq57')).toEqual({
      'exchange/t1': 'missed',
      'exchange/t2': 'achieved',
      'research/t1': 'behind',
      'research/t2': 'on_track',
      'business/t1': 'achieved',
    });
    expect(storyOf('hmu-rumed')).toEqual({ 'exchange/t1': 'behind', 'exchange/t2': 'achieved', 'clinical/t1': 'behind' });
    expect(storyOf('vinuni-hust-exchange')).toEqual({ 'exchange/t1': 'at_risk', 'exchange/t2': 'behind' });
  });
});

describe('progress and dashboards of the loaded demo (today: 27 November 2026)', () => {
  type Target = { areaKey: string; targetKey: string; actual: number; status: string };

  it('HUST–Bach Mai MoU: progress computed from the records', async () => {
    const officer = await t.login('officer@hust.demo.hoptac.vn', DEMO_PASSWORD);
    const res = await officer.get(`/api/v1/agreements/${await agreementId('hust-bmh-mou')}/progress`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const targets = res.body.targets as Target[];
    expect(targets).toHaveLength(6);
    expect(targets.some((x) => x.actual > 0)).toBe(true);
    expect(res.body.activities.done).toBeGreaterThan(10);
    expect(res.body.activities.planned).toBeGreaterThan(0);
    expect(res.body.activities.cancelled).toBeGreaterThan(0);
    expect(res.body.activities.lastDone).toBe('2026-10-02');
  });

  it("HUST's 2026 dashboard: activities per month, targets at risk or behind, one dormant agreement", async () => {
    const officer = await t.login('officer@hust.demo.hoptac.vn', DEMO_PASSWORD);
    const res = await officer.get(`/api/v1/institutions/${await institutionId('HUST')}/dashboard?year=2026`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const d = res.body;
    expect(d.activitiesByMonth).toHaveLength(12);
    expect(d.activitiesByMonth.filter((m: { done: number }) => m.done > 0).length).toBeGreaterThanOrEqual(8);
    expect(d.activitiesByMonth.some((m: { planned: number }) => m.planned > 0)).toBe(true);
    expect(d.activitiesByKind.length).toBeGreaterThan(5);
    expect(d.targetsAtRisk.some((x: Target) => x.status === 'at_risk')).toBe(true);
    expect(d.targetsAtRisk.some((x: Target) => x.status === 'behind')).toBe(true);
    expect(d.targets.achieved + d.targets.onTrack).toBeGreaterThan(0);
    expect(d.dormant).toEqual([{ agreementId: await agreementId('vinuni-hust-exchange'), title: expect.any(String), lastDone: '2025-10-13' }]);
    expect(d.partners.some((p: { activitiesDone: number }) => p.activitiesDone > 0)).toBe(true);
  });

  it('exactly one agreement is dormant across the demo institutions', async () => {
    const dormant = new Set<string>();
    for (const account of demoAccounts.filter((a) => a.roles.includes('cooperation_officer'))) {
      const officer = await t.login(account.email, DEMO_PASSWORD);
      const res = await officer.get(`/api/v1/institutions/${await institutionId(account.institution)}/dashboard?year=2026`);
      expect(res.status, account.email).toBe(200);
      for (const d of res.body.dormant as { agreementId: string }[]) dormant.add(d.agreementId);
    }
    expect([...dormant]).toEqual([await agreementId('vinuni-hust-exchange')]);
  });
});
