import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsortium, buildPerson, buildTenant } from '../../testing/factories.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../testing/test-app.ts';
import { metricQueries } from './metrics.ts';
import * as repo from './repository.ts';

// The stored actuals (target_actuals and commitment_actuals, kept by the database in the same transaction as each
// write: 0015, 0018) and the dashboard's activity tallies (0019) are always what the records say: after any sequence of writes — through the API and straight
// into the tables, activities, participants, counts, organisers, statuses, areas, dates, deletions, new versions of
// the agreement with other targets and commitments, other agreement dates — every stored figure equals the figure
// computed from the records, and no target lacks one.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock: { now: () => new Date('2026-07-01T05:00:00Z') } });
});
afterAll(() => t.close());

const key = (a: { agreement_id: string; area_key: string; target_key: string }) => `${a.agreement_id}/${a.area_key}/${a.target_key}`;

async function expectExact() {
  const db = t.database.db;
  const agreements = (await db.selectFrom('agreement_targets').select('agreement_id').distinct().execute()).map((r) => r.agreement_id);
  const live = await repo.actuals(db, agreements, metricQueries());
  const stored = await repo.allStoredActuals(db);
  expect(new Map(stored.map((s) => [key(s), Number(s.actual)]))).toEqual(new Map(live.map((l) => [key(l), Number(l.actual)])));
  for (const a of await db.selectFrom('agreements').select(['id', 'start_date', 'end_date']).execute()) {
    await expectCommitmentsExact(a);
    // The dashboard's tallies (0019): done and planned activities per month and per kind and year.
    const tallies = await repo.activityTallies(db, a.id);
    expect(tallies.stored, `tallies of ${a.id}`).toEqual(tallies.live);
  }
}

/** Each quantified commitment's stored figure per year (per year) or over the agreement (year 0) equals the records'; nothing else is stored. */
async function expectCommitmentsExact(a: { id: string; start_date: string; end_date: string | null }) {
  const db = t.database.db;
  const expected = new Map<string, number>();
  for (const c of await repo.commitmentsProgress(db, a.id, 2026)) {
    const who = { fromInstitutionId: c.from_institution_id, toInstitutionId: c.to_institution_id };
    const periods: [number, string, string][] = c.per_year
      ? [2024, 2025, 2026, 2027, 2028].map((y) => [y, [`${y}-01-01`, a.start_date].sort()[1], [`${y}-12-31`, a.end_date ?? '9999-12-31'].sort()[0]])
      : [[0, a.start_date, a.end_date ?? '9999-12-31']];
    for (const [year, from, to] of periods) {
      const actual = from <= to ? await repo.commitmentActual(db, a.id, c.area_key, { ...who, from, to }) : 0;
      if (actual !== 0) expected.set(`${c.area_key}/${c.commitment_key}/${year}`, actual);
    }
  }
  const stored = await repo.storedCommitmentActuals(db, a.id);
  expect(new Map(stored.filter((s) => Number(s.actual) !== 0).map((s) => [`${s.area_key}/${s.commitment_key}/${s.year}`, Number(s.actual)]))).toEqual(expected);
}

describe('stored target actuals', () => {
  it('are defined by the same metrics as the registry', async () => {
    const rows = await repo.metricSources(t.database.db);
    const registry = [...metricQueries()].map(([metric, q]) => ({ metric, counts: q.count, kinds: [...q.kinds].sort(), role: q.count === 'people' ? (q.role ?? null) : null }));
    expect(rows.map((r) => ({ ...r, kinds: [...r.kinds].sort() })).sort((a, b) => a.metric.localeCompare(b.metric))).toEqual(
      registry.sort((a, b) => a.metric.localeCompare(b.metric)),
    );
  });

  describe('after any writes', () => {
    let officer: ApiClient;
    let agreementId: string;
    let tenantA: Awaited<ReturnType<typeof buildTenant>>;
    let tenantB: Awaited<ReturnType<typeof buildTenant>>;
    const people: string[] = [];
    const commitments = () => [
      { area: 'a1', key: 'c1', fromInstitutionId: tenantA.institution.id, toInstitutionId: tenantB.institution.id, textVi: 'A đào tạo B', textEn: 'A trains B', quantity: 10, perYear: true },
      { area: 'a1', key: 'c2', fromInstitutionId: tenantB.institution.id, toInstitutionId: null, textVi: 'B tiếp nhận', textEn: 'B hosts', quantity: 5, perYear: false },
      { area: 'a2', key: 'c1', fromInstitutionId: tenantA.institution.id, toInstitutionId: null, textVi: 'A cử chuyên gia', textEn: 'A sends experts', quantity: 30, perYear: false },
    ];
    const content = (targets: Record<string, unknown>[], keep: (c: { area: string; key: string }, i: number) => boolean = () => true) => ({
      kind: 'cooperation',
      titleVi: 'Thỏa thuận kiểm tra số liệu',
      titleEn: 'Figures check agreement',
      startDate: '2026-01-01',
      endDate: '2027-12-31',
      parties: [{ institutionId: tenantA.institution.id }, { institutionId: tenantB.institution.id }],
      areas: [
        ...(['a1', 'a2'] as const).map((area) => ({
          key: area,
          kind: area === 'a1' ? 'training' : 'research',
          titleVi: area === 'a1' ? 'Đào tạo' : 'Nghiên cứu',
          titleEn: area === 'a1' ? 'Training' : 'Research',
          targets: targets.filter((x) => x.area === area).map(({ area: _a, ...x }) => x),
          commitments: commitments()
            .filter((c, i) => c.area === area && keep(c, i))
            .map(({ area: _a, ...c }) => c),
        })),
      ],
    });
    const TARGETS = [
      { area: 'a1', key: 't1', metric: 'staff_trained', periodStart: '2026-01-01', periodEnd: '2026-12-31', value: 20 },
      { area: 'a1', key: 't2', metric: 'students_placed', periodStart: '2026-03-01', periodEnd: '2026-09-30', value: 10 },
      { area: 'a2', key: 't1', metric: 'seminars_held', periodStart: '2026-01-01', periodEnd: '2026-06-30', value: 4 },
      { area: 'a2', key: 't2', metric: 'lecturer_exchanges', periodStart: '2026-01-01', periodEnd: '2027-12-31', value: 8 },
    ];

    beforeAll(async () => {
      const db = t.database.db;
      tenantA = await buildTenant(db, { code: 'EXA' });
      tenantB = await buildTenant(db, { code: 'EXB' });
      await buildConsortium(db, [tenantA.institution.id, tenantB.institution.id]);
      for (let i = 0; i < 4; i++) people.push((await buildPerson(db, i % 2 ? tenantB.institution.id : tenantA.institution.id)).id);
      officer = await t.login(tenantA.officer.email);
      const created = await officer.post('/api/v1/agreements', { content: content(TARGETS) });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      agreementId = created.body.id;
      await db.updateTable('agreements').set({ status: 'active', signing_date: '2025-12-01' }).where('id', '=', agreementId).execute();
    });

    const kinds = ['seminar', 'training_course', 'internship', 'lecturer_exchange', 'visit'] as const;
    const roles = ['student', 'lecturer', 'staff'] as const;
    const dates = ['2026-01-01', '2026-02-28', '2026-03-01', '2026-06-30', '2026-07-01', '2026-09-30', '2026-10-01'];
    const write = fc.oneof(
      fc.record({
        op: fc.constant('create' as const),
        area: fc.constantFrom('a1', 'a2'),
        kind: fc.constantFrom(...kinds),
        status: fc.constantFrom('done', 'planned', 'cancelled'),
        date: fc.constantFrom(...dates.filter((d) => d <= '2026-07-01')),
        participants: fc.uniqueArray(fc.nat(3), { maxLength: 3 }),
        role: fc.constantFrom(...roles),
        count: fc.nat(5),
        organisers: fc.constantFrom('A', 'B', 'AB'),
      }),
      fc.record({ op: fc.constant('status' as const), pick: fc.nat(), status: fc.constantFrom('done', 'planned', 'cancelled') }),
      fc.record({ op: fc.constant('move' as const), pick: fc.nat(), area: fc.constantFrom('a1', 'a2'), date: fc.constantFrom(...dates) }),
      fc.record({ op: fc.constant('people' as const), pick: fc.nat(), participants: fc.uniqueArray(fc.nat(3), { maxLength: 4 }), role: fc.constantFrom(...roles) }),
      fc.record({ op: fc.constant('count' as const), pick: fc.nat(), count: fc.nat(9) }),
      fc.record({ op: fc.constant('delete' as const), pick: fc.nat() }),
      fc.record({ op: fc.constant('targets' as const), drop: fc.nat(3) }),
      fc.record({ op: fc.constant('organiser' as const), pick: fc.nat(), who: fc.constantFrom('A', 'B') }),
      fc.record({ op: fc.constant('dates' as const), end: fc.constantFrom(null, '2026-08-31', '2027-12-31') }),
    );

    it('equal the records', async () => {
      const db = t.database.db;
      await fc.assert(
        fc.asyncProperty(fc.array(write, { minLength: 1, maxLength: 6 }), async (writes) => {
          for (const w of writes) {
            const ids = (await db.selectFrom('activities').select('id').where('agreement_id', '=', agreementId).orderBy('id').execute()).map((r) => r.id);
            const picked = 'pick' in w && ids.length > 0 ? ids[w.pick % ids.length] : null;
            if (w.op === 'create') {
              const res = await officer.post(`/api/v1/agreements/${agreementId}/activities`, {
                areaKey: w.area,
                kind: w.kind,
                status: w.status,
                titleVi: 'Hoạt động',
                titleEn: 'Activity',
                startDate: w.date,
                endDate: w.date,
                organiserIds: [...w.organisers].map((x) => (x === 'A' ? tenantA : tenantB).institution.id),
                participants: w.participants.map((i) => ({ personId: people[i], role: w.role })),
                counts: w.count > 0 ? [{ institutionId: (w.count % 2 ? tenantB : tenantA).institution.id, role: w.role, count: w.count }] : [],
              });
              expect(res.status, JSON.stringify(res.body)).toBe(201);
            } else if (w.op === 'status' && picked) {
              await db.updateTable('activities').set({ status: w.status }).where('id', '=', picked).execute();
            } else if (w.op === 'move' && picked) {
              await db.updateTable('activities').set({ area_key: w.area, start_date: w.date, end_date: w.date }).where('id', '=', picked).execute();
            } else if (w.op === 'people' && picked) {
              const current = await officer.get(`/api/v1/activities/${picked}`);
              const res = await officer.patch(`/api/v1/activities/${picked}`, {
                version: current.body.version,
                participants: w.participants.map((i) => ({ personId: people[i], role: w.role })),
              });
              expect([200, 400]).toContain(res.status);
            } else if (w.op === 'count' && picked) {
              await db.updateTable('activity_counts').set({ count: w.count }).where('activity_id', '=', picked).execute();
            } else if (w.op === 'delete' && picked) {
              await db.deleteFrom('activities').where('id', '=', picked).execute();
            } else if (w.op === 'organiser' && picked) {
              await db.deleteFrom('activity_organisers').where('activity_id', '=', picked).execute();
              await db.insertInto('activity_organisers').values({ activity_id: picked, institution_id: (w.who === 'A' ? tenantA : tenantB).institution.id }).execute();
            } else if (w.op === 'dates') {
              await db.updateTable('agreements').set({ end_date: w.end }).where('id', '=', agreementId).execute();
            } else if (w.op === 'targets') {
              const current = await officer.get(`/api/v1/agreements/${agreementId}`);
              await db.updateTable('agreements').set({ status: 'negotiation' }).where('id', '=', agreementId).execute();
              const res = await officer.patch(`/api/v1/agreements/${agreementId}`, {
                baseVersion: current.body.versionNo,
                content: content(
                  TARGETS.filter((_, i) => i !== w.drop),
                  (_, i) => i !== w.drop % 3,
                ),
              });
              await db.updateTable('agreements').set({ status: 'active' }).where('id', '=', agreementId).execute();
              expect(res.status, JSON.stringify(res.body)).toBe(200);
            }
            // After each write: a later write recomputes the agreement's figures and would hide a missed one.
            await expectExact();
          }
        }),
        { numRuns: 25, seed: 20261127 },
      );
    }, 240_000);

    it('follow each kind of write straight into the tables', async () => {
      const db = t.database.db;
      const fresh = await officer.post('/api/v1/agreements', { content: content(TARGETS) });
      expect(fresh.status, JSON.stringify(fresh.body)).toBe(201);
      const agreementId = fresh.body.id as string;
      await db.updateTable('agreements').set({ status: 'active', signing_date: '2025-12-01' }).where('id', '=', agreementId).execute();
      const res = await officer.post(`/api/v1/agreements/${agreementId}/activities`, {
        areaKey: 'a1',
        kind: 'training_course',
        status: 'done',
        titleVi: 'Khóa kiểm tra',
        titleEn: 'Check course',
        startDate: '2026-05-05',
        endDate: '2026-05-05',
        organiserIds: [tenantA.institution.id],
        participants: [{ personId: people[0], role: 'staff' }],
        counts: [{ institutionId: tenantB.institution.id, role: 'staff', count: 3 }],
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const id = res.body.items[0].id as string;
      await expectExact();
      // Each step changes one figure (the starting point: staff trained = 1 named + 3 counted).
      const steps: [string, () => Promise<unknown>][] = [
        ['count changed', () => db.updateTable('activity_counts').set({ count: 7 }).where('activity_id', '=', id).execute()],
        ['kind changed', () => db.updateTable('activities').set({ kind: 'internship' }).where('id', '=', id).execute()],
        ['counted role changed', () => db.updateTable('activity_counts').set({ role: 'student' }).where('activity_id', '=', id).execute()],
        ['participant role changed', () => db.updateTable('activity_participants').set({ role: 'student' }).where('activity_id', '=', id).execute()],
        [
          'participant added',
          () => db.insertInto('activity_participants').values({ activity_id: id, person_id: people[1], institution_id: tenantB.institution.id, role: 'student' }).execute(),
        ],
        ['participant removed', () => db.deleteFrom('activity_participants').where('activity_id', '=', id).where('person_id', '=', people[0]).execute()],
        ['counts removed', () => db.deleteFrom('activity_counts').where('activity_id', '=', id).execute()],
        ['moved to another area', () => db.updateTable('activities').set({ area_key: 'a2' }).where('id', '=', id).execute()],
        ['moved back', () => db.updateTable('activities').set({ area_key: 'a1' }).where('id', '=', id).execute()],
        ['moved out of the period', () => db.updateTable('activities').set({ start_date: '2027-01-05', end_date: '2027-01-05' }).where('id', '=', id).execute()],
        ['moved into the period', () => db.updateTable('activities').set({ start_date: '2026-05-05', end_date: '2026-05-05' }).where('id', '=', id).execute()],
        ['cancelled', () => db.updateTable('activities').set({ status: 'cancelled' }).where('id', '=', id).execute()],
        ['done again', () => db.updateTable('activities').set({ status: 'done' }).where('id', '=', id).execute()],
        [
          'target period shortened',
          () => db.updateTable('agreement_targets').set({ period_end: '2026-04-30' }).where('agreement_id', '=', agreementId).where('metric', '=', 'students_placed').execute(),
        ],
        [
          'target period restored',
          () => db.updateTable('agreement_targets').set({ period_end: '2026-09-30' }).where('agreement_id', '=', agreementId).where('metric', '=', 'students_placed').execute(),
        ],
        ['activity deleted', () => db.deleteFrom('activities').where('id', '=', id).execute()],
      ];
      for (const [name, step] of steps) {
        const before = await repo.allStoredActuals(db);
        await step();
        const after = await repo.allStoredActuals(db);
        await expectExact();
        expect(after, `${name}: the write changed no figure, so the step tests nothing`).not.toEqual(before);
      }
    });

    it('stay exact when two writers record under one agreement at the same time', async () => {
      const db = t.database.db;
      const other = await t.login(tenantB.officer.email);
      const body = (i: number) => ({
        areaKey: 'a1',
        kind: 'training_course',
        status: 'done',
        titleVi: `Khóa ${i}`,
        titleEn: `Course ${i}`,
        startDate: '2026-04-01',
        endDate: '2026-04-01',
        organiserIds: [tenantA.institution.id],
        counts: [{ institutionId: tenantA.institution.id, role: 'staff', count: 1 }],
      });
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? other : officer).post(`/api/v1/agreements/${agreementId}/activities`, body(i))));
      expect(results.map((r) => r.status)).toEqual(Array(8).fill(201));
      // Edits of existing activities (no agreement lock) beside new records.
      const ids = (await db.selectFrom('activities').select(['id', 'version']).where('agreement_id', '=', agreementId).where('kind', '=', 'training_course').limit(6).execute());
      await Promise.all(ids.map((a, i) => (i % 2 ? other : officer).patch(`/api/v1/activities/${a.id}`, { version: a.version, status: i % 3 ? 'done' : 'cancelled' })));
      await expectExact();
    }, 120_000);
  });
});
