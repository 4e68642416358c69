import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCandidates, runFigures } from '../testing/admission-results.ts';
import { executeRun } from '../modules/admissions/run-job.ts';
import { type ApiClient, startTestApp, type TestApp } from '../testing/test-app.ts';
import { CONSORTIUM_PROGRAMS, HMU_PROGRAMS, HSA_CANDIDATES } from './admissions-loader.ts';
import { DEMO_PASSWORD } from './data/index.ts';

// The demo's admissions (issue 13, item 6) obey the admissions module's rules and tell its story: HMU's admissions
// officer finds the 2026 season with its five programs and a finished dry run over consenting SPT candidates, and the
// HOPTAC-DEMO consortium's joint season with HNUE and VNU, of which HMU sees only its own programs' candidates; both
// runs are what a run computes again on the same data.

let t: TestApp;
let officer: ApiClient;
type Season = { id: string; titleEn: string; consortiumId: string | null; isSample: boolean; members: { code: string; coordinator: boolean }[] };
let seasons: Season[];
const db = () => t.database.db;

beforeAll(async () => {
  t = await startTestApp({ demo: true, clock: { now: () => new Date('2026-11-23T10:00:00+07:00') } });
  officer = await t.login('admissions@hmu.demo.hoptac.vn', DEMO_PASSWORD);
  const list = await officer.get('/api/v1/admission-seasons');
  expect(list.status).toBe(200);
  seasons = list.body.items;
});
afterAll(() => t.close());

const runOf = async (seasonId: string) => {
  const runs = (await officer.get(`/api/v1/admission-seasons/${seasonId}/runs`)).body.items;
  expect(runs).toHaveLength(1);
  return runs[0];
};
const storedResults = (runId: string) =>
  db().selectFrom('admission_run_results').select(['candidate_key', 'program_id', 'score']).where('run_id', '=', runId).orderBy('candidate_key').execute();

/** Runs the season again now, through the run job, and answers its results: they must equal the demo's. */
async function rerun(seasonId: string) {
  const started = await officer.post(`/api/v1/admission-seasons/${seasonId}/runs`, { kind: 'dry' });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  await executeRun(t.deps, started.body.id);
  expect((await officer.get(`/api/v1/admission-runs/${started.body.id}`)).body.status).toBe('done');
  return storedResults(started.body.id);
}

describe('the demo admissions', () => {
  it("has HMU's 2026 season with its five programs over the SPT 2026, and a finished dry run within quotas and floors", async () => {
    const season = seasons.find((s) => s.consortiumId === null)!;
    expect(season).toMatchObject({ titleEn: 'Admissions 2026 (sample data)', isSample: true });
    const programs = (await officer.get(`/api/v1/admission-seasons/${season.id}/programs`)).body.items;
    expect(programs.map((p: { nameVi: string }) => p.nameVi).sort()).toEqual(HMU_PROGRAMS.map((p) => p.nameVi).sort());
    const run = await runOf(season.id);
    expect(run).toMatchObject({ kind: 'dry', status: 'done', startedBy: 'admissions@hmu.demo.hoptac.vn', finishedAt: expect.stringMatching(/^2026-07-20/) });
    expect(run.candidates).toBeGreaterThan(2000);
    expect(run.matched).toBeGreaterThan(300);
    for (const p of await runFigures(officer, run.id)) {
      const demo = HMU_PROGRAMS.find((d) => d.code === p.code)!;
      expect(p.admitted).toBeLessThanOrEqual(demo.quota);
      if (p.admitted > 0) expect(p.cutoff).toBeGreaterThanOrEqual(demo.floor ?? 0);
    }
    // HMU's own season: every applicant in detail, admitted or not.
    const candidates = await runCandidates(officer, run.id);
    expect(candidates).toHaveLength(run.candidates);
    expect(candidates.filter((c) => c.programId !== null)).toHaveLength(run.matched);
    // Every applicant consented to HMU; the run's reads are in HNUE's access log, naming HMU.
    const unconsented = await db()
      .selectFrom('admission_preferences as f')
      .select('f.exam_candidate_id')
      .where('f.season_id', '=', season.id)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('exam_consents as k').select('k.candidate_id').whereRef('k.candidate_id', '=', 'f.exam_candidate_id').where('k.withdrawn_at', 'is', null))))
      .execute();
    expect(unconsented).toEqual([]);
    const reads = await db().selectFrom('exam_result_reads').select(['reader_institution_id', 'candidate_ids']).where('request_id', '=', `admission-run:${run.id}`).execute();
    expect(reads).toHaveLength(1);
    expect(reads[0].candidate_ids.length).toBe(run.candidates);
    expect(await rerun(season.id)).toEqual(await storedResults(run.id));
  });

  it('has the HOPTAC-DEMO consortium season of HMU, HNUE and VNU, of which HMU sees only its own candidates', async () => {
    const season = seasons.find((s) => s.consortiumId !== null)!;
    expect(season.isSample).toBe(true);
    expect(season.members.map((m) => [m.code, m.coordinator])).toEqual([
      ['HMU', true],
      ['HNUE', false],
      ['VNU', false],
    ]);
    const programs = (await officer.get(`/api/v1/admission-seasons/${season.id}/programs`)).body.items;
    expect(programs).toHaveLength(CONSORTIUM_PROGRAMS.length);
    const run = await runOf(season.id);
    expect(run.status).toBe('done');
    const own = new Set(programs.filter((p: { code: string }) => p.code.startsWith('HMU-')).map((p: { id: string }) => p.id));
    // HMU's applicants only: admitted to its programs, or admitted elsewhere (the program not named), or nowhere.
    const candidates = await runCandidates(officer, run.id);
    expect(candidates.filter((c) => c.programId !== null).length).toBeGreaterThan(0);
    expect(candidates.every((c) => c.programId === null || own.has(c.programId))).toBe(true);
    expect(candidates.some((c) => c.admittedElsewhere)).toBe(true);
    expect(candidates.length).toBeLessThan(run.candidates);
    // Every program's figures, for every member; VNU's programs filled by its external candidates.
    const figures = await runFigures(officer, run.id);
    expect(figures).toHaveLength(CONSORTIUM_PROGRAMS.length);
    const vnu = figures.filter((p) => p.code.startsWith('VNU-'));
    expect(vnu.every((p: { admitted: number; quota: number }) => p.admitted === p.quota)).toBe(true);
    const stored = await storedResults(run.id);
    expect(stored.filter((r) => r.candidate_key.startsWith('ext:HSA26-')).length).toBe(HSA_CANDIDATES);
    expect(await rerun(season.id)).toEqual(stored);
  });
});
