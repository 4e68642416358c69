import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMatchCommand } from '../../../cli/admission/match-command.ts';
import { buildTenant, buildUser } from '../../testing/factories.ts';
import { multipartUpload } from '../../testing/multipart.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../testing/test-app.ts';
import { executeRun } from './run-job.ts';

// A run's results in detail (issue 13, items 2 and 3): the paged candidate list and its filters, the per-program figures
// and histograms, publishing (final runs only; a later one replaces it; a failed or cancelled run changes nothing) and
// the candidate's outcome in the public lookup, the comparison of two runs, the exports in the CLI's formats — and that
// the run's assignment is the CLI's on the run's exported input, byte for byte, with ties under every policy and floors.

let t: TestApp;
let officer: ApiClient;
let officerEn: ApiClient;
let admin: ApiClient;
let stranger: ApiClient;
let member: ApiClient;
let exam: string;
let examVersion: number;
const cand: Record<string, string> = {}; // candidate number → exam_candidates.id
const db = () => t.database.db;

beforeAll(async () => {
  t = await startTestApp();
  const adm = await buildTenant(db(), { code: `RADM${Date.now() % 100000}` });
  const other = await buildTenant(db(), { code: `ROTH${Date.now() % 100000}` });
  officer = await t.login((await buildUser(db(), adm.institution.id, ['admissions_officer'])).email);
  officerEn = await t.login((await buildUser(db(), adm.institution.id, ['admissions_officer'], { language: 'en' })).email);
  admin = await t.login(adm.admin.email);
  member = await t.login(adm.member.email);
  stranger = await t.login((await buildUser(db(), other.institution.id, ['admissions_officer'])).email);
  const created = await admin.post('/api/v1/exams', {
    code: 'RES-26',
    titleVi: 'Kỳ thi RES',
    titleEn: 'Exam RES',
    year: 2026,
    rounds: [{ key: 'r1', nameVi: 'Đợt 1', nameEn: 'Round 1', startDate: '2026-05-23', endDate: '2026-05-24', venues: ['Hà Nội'] }],
    subjects: [{ key: 'math', nameVi: 'Toán', nameEn: 'Mathematics', minScore: 0, maxScore: 10, step: 0.25, parts: [] }],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  exam = created.body.id;
  // Scores on the 30-point scale are 3 × math.
  const lines = ['N1,An,2008-01-01,r1,Hà Nội,9', 'N2,Bình,2008-01-02,r1,Hà Nội,8', 'N3,Chi,2008-01-03,r1,Hà Nội,6', 'N4,Dũng,2008-01-04,r1,Hà Nội,8', 'N5,Em,2008-01-05,r1,Hà Nội,8', 'N6,Giang,2008-01-06,r1,Hà Nội,9'];
  const { body, headers } = multipartUpload({ mode: 'all' }, 'results.csv', Buffer.from(`candidateNumber,fullName,dateOfBirth,round,venue,math\r\n${lines.join('\r\n')}\r\n`));
  const imported = await admin.request('POST', `/api/v1/exams/${exam}/import`, body, headers);
  expect(imported.body.created, JSON.stringify(imported.body)).toBe(lines.length);
  examVersion = (await admin.get(`/api/v1/exams/${exam}`)).body.version;
  for (const r of await db().selectFrom('exam_candidates').select(['id', 'number']).where('exam_id', '=', exam).execute()) cand[r.number] = r.id;
});
afterAll(() => t.close());

const method = () => [{ methodId: 'M', components: [{ examId: exam, subject: 'math', weight: 1 }] }];

/**
 * A season with ties at every quota and floors. Programs: P1 (quota 1, floor 20, strict, rank > lottery), P2 (1,
 * accept-all, lottery only), P3 (1, reject-all), P4 (1, strict, lottery only: residual ties fall to candidate order, where
 * the external id "0" comes before every exam candidate's uuid and "Z9" after those starting with a digit).
 */
async function tiedSeason() {
  const season = await officer.post('/api/v1/admission-seasons', { titleVi: `Đợt ${Math.random().toString(36).slice(2, 7)}`, titleEn: 'Tied season', year: 2026 });
  expect(season.status).toBe(201);
  const programs: Record<string, string> = {};
  const defs = [
    { code: 'P1', quota: 1, floor: 20, tieBreak: ['rank', 'lottery'], tiePolicy: 'strict', nameVi: 'Y khoa, hệ 6 năm' },
    { code: 'P2', quota: 1, floor: null, tieBreak: ['lottery'], tiePolicy: 'accept-all', nameVi: 'Răng Hàm Mặt' },
    { code: 'P3', quota: 1, floor: null, tieBreak: ['lottery'], tiePolicy: 'reject-all', nameVi: 'Điều dưỡng' },
    { code: 'P4', quota: 1, floor: null, tieBreak: ['lottery'], tiePolicy: 'strict', nameVi: 'Tâm lý học' },
  ];
  for (const d of defs) {
    const p = await officer.post(`/api/v1/admission-seasons/${season.body.id}/programs`, { ...d, nameEn: `Program ${d.code}`, methods: method() });
    expect(p.status, JSON.stringify(p.body)).toBe(201);
    programs[d.code] = p.body.id;
  }
  const prefs = [
    `${cand.N1},1,P1,`, // 27
    `${cand.N2},1,P1,`, // 24, loses P1 to N1
    `${cand.N2},2,P4,`, // 24 at P4, tied with "0" and N4
    `${cand.N3},1,P1,`, // 18: below P1's floor
    `${cand.N3},2,P2,`, // 18 at P2
    `${cand.N4},1,P2,`, // 24 at P2, tied with Z9: accept-all keeps both
    `${cand.N4},2,P4,`,
    `${cand.N5},1,P3,`, // 24 at P3, tied with "a,b": reject-all admits neither
    `0,1,P4,24`,
    `Z9,1,P2,24`,
    `"a,b",1,P3,24`,
    `Ü1,1,P1,19.5`, // below the floor
    `Ü1,2,P3,19.5`,
  ];
  const { body, headers } = multipartUpload({ mode: 'all' }, 'p.csv', Buffer.from(`candidate_id,rank,program_id,score\r\n${prefs.join('\r\n')}\r\n`));
  const imported = await officer.request('POST', `/api/v1/admission-seasons/${season.body.id}/preferences/import`, body, headers);
  expect(imported.status, JSON.stringify(imported.body)).toBe(200);
  return { season: season.body as { id: string; version: number; titleVi: string }, programs };
}

async function doneRun(seasonId: string, kind: 'dry' | 'final' = 'dry') {
  const started = await officer.post(`/api/v1/admission-seasons/${seasonId}/runs`, { kind });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  await executeRun(t.deps, started.body.id);
  expect((await officer.get(`/api/v1/admission-runs/${started.body.id}`)).body.status).toBe('done');
  return started.body.id as string;
}

async function file(client: ApiClient, url: string) {
  const res = await t.app.inject({ method: 'GET', url, headers: client.cookie ? { cookie: client.cookie } : {} });
  return { status: res.statusCode, type: String(res.headers['content-type']), bytes: res.rawPayload };
}

describe('a run\'s candidates', () => {
  it('pages by candidate with a cursor bound to the run, searches and filters by program and outcome', async () => {
    const { season, programs } = await tiedSeason();
    const run = await doneRun(season.id);
    const all: { candidateId: string; programCode: string | null }[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/admission-runs/${run}/results?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await officer.get(url);
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      all.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(all).toHaveLength(9);
    expect(new Set(all.map((c) => c.candidateId)).size).toBe(9);
    const outcome = Object.fromEntries(all.map((c) => [c.candidateId, c.programCode]));
    // P1: N1 (27); P2 accept-all keeps N4 and Z9 (tied at 24); P3 reject-all admits none of N5 and "a,b" (tied); P4
    // strict: N2, N4 (elsewhere) and "0" tie at 24, "0" comes first in candidate order.
    expect(outcome).toEqual({
      [cand.N1]: 'P1',
      [cand.N2]: null,
      [cand.N3]: null,
      [cand.N4]: 'P2',
      [cand.N5]: null,
      '0': 'P4',
      Z9: 'P2',
      'a,b': null,
      Ü1: null,
    });

    const byNumber = await officer.get(`/api/v1/admission-runs/${run}/results?q=N4`);
    expect(byNumber.body.items).toEqual([
      { candidateId: cand.N4, external: false, candidateNumber: 'N4', programId: programs.P2, programCode: 'P2', rank: 1, score: 24, admittedElsewhere: false },
    ]);
    expect((await officer.get(`/api/v1/admission-runs/${run}/results?q=${cand.N1}`)).body.items.map((c: { candidateNumber: string }) => c.candidateNumber)).toEqual(['N1']);
    expect((await officer.get(`/api/v1/admission-runs/${run}/results?q=Z9`)).body.items).toHaveLength(1);
    const ids = async (query: string) => ((await officer.get(`/api/v1/admission-runs/${run}/results?${query}`)).body.items as { candidateId: string }[]).map((c) => c.candidateId).sort();
    expect(await ids(`program=${programs.P2}&outcome=admitted`)).toEqual([cand.N4, 'Z9'].sort());
    expect(await ids(`program=${programs.P2}&outcome=not_admitted`)).toEqual([cand.N3]);
    expect(await ids(`program=${programs.P4}`)).toEqual([cand.N2, cand.N4, '0'].sort());
    expect(await ids('outcome=admitted')).toEqual([cand.N1, cand.N4, '0', 'Z9'].sort());
    expect(await ids('outcome=not_admitted')).toHaveLength(5);

    // A forged cursor, or one of another run, is a 400 naming `cursor`; bad filters name theirs.
    const forged = await officerEn.get(`/api/v1/admission-runs/${run}/results?cursor=bm9wZQ`);
    expect(forged.status).toBe(400);
    expect(forged.body.error.details.fields[0].field).toBe('cursor');
    const other = await doneRun(season.id);
    const page = await officer.get(`/api/v1/admission-runs/${other}/results?limit=1`);
    const foreign = await officer.get(`/api/v1/admission-runs/${run}/results?cursor=${page.body.nextCursor}`);
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details.fields[0].field).toBe('cursor');
    for (const [query, field] of [['outcome=maybe', 'outcome'], ['program=nope', 'program'], ['q=%00', 'q'], ['limit=2147483648', 'limit']]) {
      const bad = await officer.get(`/api/v1/admission-runs/${run}/results?${query}`);
      expect(bad.status, query).toBe(400);
      expect(bad.body.error.details.fields[0].field).toBe(field);
    }
    // Tenancy and roles.
    expect((await stranger.get(`/api/v1/admission-runs/${run}/results`)).status).toBe(404);
    expect((await member.get(`/api/v1/admission-runs/${run}/results`)).status).toBe(403);
  });

  it('gives each program its figures as the run had them and histograms of the admitted and the applicants', async () => {
    const { season, programs } = await tiedSeason();
    const run = await doneRun(season.id);
    // A later quota change does not change what the run had.
    const p2 = (await officer.get(`/api/v1/admission-seasons/${season.id}/programs`)).body.items.find((p: { code: string }) => p.code === 'P2');
    expect((await officer.patch(`/api/v1/admission-programs/${programs.P2}`, { quota: 9, version: p2.version })).status).toBe(200);
    const summary = await officer.get(`/api/v1/admission-runs/${run}/summary`);
    expect(summary.status).toBe(200);
    const byCode = Object.fromEntries(summary.body.programs.map((p: { code: string }) => [p.code, p]));
    expect(summary.body.programs.map((p: { code: string }) => p.code)).toEqual(['P1', 'P2', 'P3', 'P4']);
    expect(byCode.P1).toMatchObject({ quota: 1, admitted: 1, cutoff: 27, applicants: 4 });
    expect(byCode.P2).toMatchObject({ quota: 1, admitted: 2, cutoff: 24, applicants: 3 });
    expect(byCode.P3).toMatchObject({ quota: 1, admitted: 0, cutoff: null, applicants: 3 });
    expect(byCode.P4).toMatchObject({ quota: 1, admitted: 1, cutoff: 24, applicants: 3 });
    const bins = (code: string, kind: 'admitted' | 'applicants') =>
      Object.fromEntries((byCode[code].histogram as { from: number; admitted: number; applicants: number }[]).filter((b) => b[kind] > 0).map((b) => [b.from, b[kind]]));
    expect(byCode.P1.histogram).toHaveLength(30);
    expect(bins('P1', 'applicants')).toEqual({ 18: 1, 19: 1, 24: 1, 27: 1 });
    expect(bins('P1', 'admitted')).toEqual({ 27: 1 });
    expect(bins('P2', 'applicants')).toEqual({ 18: 1, 24: 2 });
    expect(bins('P2', 'admitted')).toEqual({ 24: 2 });
    expect(summary.body.published).toBe(false);
  });
});

describe('publishing', () => {
  it('publishes a done final run only, replaces it with a later one, and a failed or cancelled run changes nothing', async () => {
    const { season } = await tiedSeason();
    const dry = await doneRun(season.id, 'dry');
    const refused = await officerEn.post(`/api/v1/admission-runs/${dry}/publish`, { version: season.version });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe('Only a final run can be published; a dry run cannot.');
    const first = await doneRun(season.id, 'final');
    const stale = await officer.post(`/api/v1/admission-runs/${first}/publish`, { version: season.version + 5 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('version_conflict');
    expect((await member.post(`/api/v1/admission-runs/${first}/publish`, { version: season.version })).status).toBe(403);
    expect((await stranger.post(`/api/v1/admission-runs/${first}/publish`, { version: season.version })).status).toBe(404);
    const published = await officer.post(`/api/v1/admission-runs/${first}/publish`, { version: season.version });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(published.body).toMatchObject({ status: 'published', publishedRunId: first, version: season.version + 1 });
    expect((await officer.post(`/api/v1/admission-runs/${first}/publish`, { version: published.body.version })).status).toBe(409);
    expect((await officer.get(`/api/v1/admission-runs/${first}/summary`)).body.published).toBe(true);

    // A final run that is cancelled, and one that fails, leave the published run as it is.
    const cancelled = (await officer.post(`/api/v1/admission-seasons/${season.id}/runs`, { kind: 'final' })).body.id;
    expect((await officer.post(`/api/v1/admission-runs/${cancelled}/cancel`)).status).toBe(200);
    await executeRun(t.deps, cancelled);
    const failing = (await officer.post(`/api/v1/admission-seasons/${season.id}/runs`, { kind: 'final' })).body.id;
    // Failed as the start-up sweep fails a run whose process died.
    await db().updateTable('admission_runs').set({ status: 'failed', error: 'the process running it ended', finished_at: new Date() }).where('id', '=', failing).execute();
    const afterFaults = await officer.get(`/api/v1/admission-seasons/${season.id}`);
    expect(afterFaults.body).toMatchObject({ status: 'published', publishedRunId: first, version: published.body.version });
    for (const bad of [cancelled, failing]) {
      const res = await officer.post(`/api/v1/admission-runs/${bad}/publish`, { version: afterFaults.body.version });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('conflict');
    }
    // While a run is in progress publishing waits.
    const later = (await officer.post(`/api/v1/admission-seasons/${season.id}/runs`, { kind: 'final' })).body.id;
    expect((await officer.post(`/api/v1/admission-runs/${first}/publish`, { version: afterFaults.body.version })).status).toBe(409);
    await executeRun(t.deps, later);
    const replaced = await officer.post(`/api/v1/admission-runs/${later}/publish`, { version: afterFaults.body.version });
    expect(replaced.body).toMatchObject({ status: 'published', publishedRunId: later });

    const audit = await db().selectFrom('audit_log').select(['action', 'before', 'after']).where('entity', '=', 'admission_season').where('entity_id', '=', season.id).where('action', '=', 'publish').orderBy('id').execute();
    expect(audit.map((a) => [(a.before as { publishedRunId: string | null }).publishedRunId, (a.after as { publishedRunId: string }).publishedRunId])).toEqual([
      [null, first],
      [first, later],
    ]);
  });

  it('shows candidates their outcome in the public lookup, with the same 404 for the wrong date', async () => {
    const { season } = await tiedSeason();
    const run = await doneRun(season.id, 'final');
    expect((await admin.post(`/api/v1/exams/${exam}/publish`, { version: examVersion })).status).toBe(200);
    const lookup = (number: string, dateOfBirth: string) => t.client().post('/api/v1/public/exam-results', { examId: exam, candidateNumber: number, dateOfBirth });
    // This season's outcome only (other tests publish seasons too); none before it is published.
    const ofSeason = (res: { body: { admissions: { seasonTitleVi: string }[] } }) => res.body.admissions.filter((a) => a.seasonTitleVi === season.titleVi);
    expect(ofSeason(await lookup('N4', '2008-01-04'))).toEqual([]);
    expect((await officer.post(`/api/v1/admission-runs/${run}/publish`, { version: season.version })).status).toBe(200);
    const n4 = await lookup('N4', '2008-01-04');
    expect(n4.status).toBe(200);
    expect(ofSeason(n4)).toEqual([
      {
        institutionNameVi: expect.any(String),
        institutionNameEn: expect.any(String),
        seasonTitleVi: season.titleVi,
        seasonTitleEn: 'Tied season',
        year: 2026,
        admitted: { programCode: 'P2', nameVi: 'Răng Hàm Mặt', nameEn: 'Program P2', rank: 1, score: 24 },
        preferences: [
          { rank: 1, programCode: 'P2', nameVi: 'Răng Hàm Mặt', nameEn: 'Program P2', outcome: 'admitted' },
          { rank: 2, programCode: 'P4', nameVi: 'Tâm lý học', nameEn: 'Program P4', outcome: 'higher_choice_admitted' },
        ],
      },
    ]);
    const n3 = await lookup('N3', '2008-01-03');
    expect(ofSeason(n3)[0]).toMatchObject({ admitted: null, preferences: [{ rank: 1, outcome: 'not_admitted' }, { rank: 2, outcome: 'not_admitted' }] });
    // N6 has no preference in any season: nothing; a wrong date is the lookup's usual 404.
    expect((await lookup('N6', '2008-01-06')).body.admissions).toEqual([]);
    const wrong = await lookup('N4', '2008-01-05');
    const none = await lookup('NX', '2008-01-05');
    expect([wrong.status, none.status]).toEqual([404, 404]);
    expect(wrong.body.error.message).toBe(none.body.error.message);
  });
});

describe('comparing two runs', () => {
  it('gives per program figures in A and B with deltas and the candidates who moved, page by page', async () => {
    const { season, programs } = await tiedSeason();
    const a = await doneRun(season.id);
    // B: P4 has two seats, P1 two seats and its floor below Ü1's 19.5.
    const list = (await officer.get(`/api/v1/admission-seasons/${season.id}/programs`)).body.items as { id: string; code: string; version: number }[];
    const v = (code: string) => list.find((p) => p.code === code)!.version;
    expect((await officer.patch(`/api/v1/admission-programs/${programs.P4}`, { quota: 2, version: v('P4') })).status).toBe(200);
    expect((await officer.patch(`/api/v1/admission-programs/${programs.P1}`, { floor: 19, quota: 2, version: v('P1') })).status).toBe(200);
    const b = await doneRun(season.id);
    const cmp = await officer.get(`/api/v1/admission-runs/${a}/compare?with=${b}`);
    expect(cmp.status, JSON.stringify(cmp.body)).toBe(200);
    const p4 = cmp.body.programs.find((p: { code: string }) => p.code === 'P4');
    expect(p4).toMatchObject({ a: { quota: 1, admitted: 1, cutoff: 24 }, b: { quota: 2, admitted: 1, cutoff: 24 }, delta: { quota: 1, admitted: 0, cutoff: 0 } });
    const p1 = cmp.body.programs.find((p: { code: string }) => p.code === 'P1');
    // B's P1: N1 (27) and N2 (24), who was not admitted in A; Ü1 (19.5) passes the floor but ranks third.
    expect(p1).toMatchObject({ a: { quota: 1, admitted: 1, cutoff: 27 }, b: { quota: 2, admitted: 2, cutoff: 24 }, delta: { quota: 1, admitted: 1, cutoff: -3 } });
    const moves = cmp.body.moves.items as { candidateId: string; from: { programCode: string } | null; to: { programCode: string } | null }[];
    expect(cmp.body.moved).toBe(moves.length);
    expect(Object.fromEntries(moves.map((m) => [m.candidateId, [m.from?.programCode ?? null, m.to?.programCode ?? null]]))).toEqual({ [cand.N2]: [null, 'P1'] });

    const onlyP4 = await officer.get(`/api/v1/admission-runs/${a}/compare?with=${b}&program=${programs.P4}`);
    expect(onlyP4.body.moved).toBe(0);
    const paged = await officer.get(`/api/v1/admission-runs/${b}/compare?with=${a}&limit=1`);
    expect(paged.body.moves.items[0]).toMatchObject({ candidateId: cand.N2, from: { programCode: 'P1', rank: 1, score: 24 }, to: null });

    // Another season's run, an unknown one and a forged cursor: 400 naming the field.
    const { season: elsewhere } = await tiedSeason();
    const foreign = await doneRun(elsewhere.id);
    const other = await officerEn.get(`/api/v1/admission-runs/${a}/compare?with=${foreign}`);
    expect(other.status).toBe(400);
    expect(other.body.error.details.fields[0]).toMatchObject({ field: 'with', code: 'other_season' });
    expect(other.body.error.details.fields[0].message).toContain('another admission season');
    const unknown = await officer.get(`/api/v1/admission-runs/${a}/compare?with=${crypto.randomUUID()}`);
    expect(unknown.body.error.details.fields[0]).toMatchObject({ field: 'with', code: 'unknown_run' });
    expect((await officer.get(`/api/v1/admission-runs/${a}/compare`)).body.error.details.fields[0].field).toBe('with');
    expect((await officer.get(`/api/v1/admission-runs/${a}/compare?with=${b}&cursor=eA`)).body.error.details.fields[0].field).toBe('cursor');
    expect((await stranger.get(`/api/v1/admission-runs/${a}/compare?with=${b}`)).status).toBe(404);
  });
});

describe('exports', () => {
  it('are the CLI\'s output on the run\'s exported input, byte for byte, with ties under every policy and floors', async () => {
    const { season } = await tiedSeason();
    const run = await doneRun(season.id);
    const get = async (name: string) => {
      const res = await file(officer, `/api/v1/admission-runs/${run}/${name}`);
      expect(res.status, name).toBe(200);
      return res;
    };
    const [assignments, cutoffs, programs, applications] = await Promise.all(['assignments.csv', 'cutoffs.csv', 'programs.csv', 'applications.csv'].map(get));
    expect(assignments.type).toBe('text/csv; charset=utf-8');
    const dir = mkdtempSync(join(tmpdir(), 'hoptac-adm-export-'));
    try {
      writeFileSync(join(dir, 'programs.csv'), programs.bytes);
      writeFileSync(join(dir, 'applications.csv'), applications.bytes);
      const err: string[] = [];
      const code = await runMatchCommand(
        ['--programs', join(dir, 'programs.csv'), '--applications', join(dir, 'applications.csv'), '--out', join(dir, 'out'), '--no-progress'],
        { stdout: () => {}, stderr: (s) => err.push(s) },
      );
      expect(code, err.join('')).toBe(0);
      expect(assignments.bytes.toString('utf8')).toBe(readFileSync(join(dir, 'out', 'assignments.csv'), 'utf8'));
      expect(Buffer.compare(assignments.bytes, readFileSync(join(dir, 'out', 'assignments.csv')))).toBe(0);
      expect(Buffer.compare(cutoffs.bytes, readFileSync(join(dir, 'out', 'cutoffs.csv')))).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // What they say, in the CLI's formats.
    expect(programs.bytes.toString('utf8')).toBe(
      'program_id,quota,floor,tie_break,tie_policy,name\nP1,1,20.00,rank>lottery,strict,"Y khoa, hệ 6 năm"\nP2,1,,lottery,accept-all,Răng Hàm Mặt\n' +
        'P3,1,,lottery,reject-all,Điều dưỡng\nP4,1,,lottery,strict,Tâm lý học\n',
    );
    expect(cutoffs.bytes.toString('utf8')).toBe('program_id,quota,admitted,cutoff\nP1,1,1,27.00\nP2,1,2,24.00\nP3,1,0,\nP4,1,1,24.00\n');
    const lines = assignments.bytes.toString('utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('candidate_id,program_id,rank');
    expect(lines[1]).toBe('0,P4,1');
    expect(lines).toContain('"a,b",,');
    expect(lines.at(-1)).toBe('Ü1,,');
    expect(applications.bytes.toString('utf8')).toContain(`\n${cand.N3},1,P1,18.00\n${cand.N3},2,P2,18.00\n`);

    // The XLSX: the same rows as two sheets.
    const xlsx = await get('results.xlsx');
    expect(xlsx.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('assignments')!;
    const rows: string[] = [];
    sheet.eachRow((row) => rows.push([1, 2, 3].map((c) => row.getCell(c).value ?? '').join('|')));
    expect(rows).toEqual(lines.map((l) => (l === '"a,b",,' ? 'a,b||' : l.replaceAll(',', '|'))));
    const cut = wb.getWorksheet('cutoffs')!;
    expect(cut.getRow(1).values).toEqual([undefined, 'program_id', 'quota', 'admitted', 'cutoff']);
    expect([cut.getCell('A2').value, cut.getCell('B2').value, cut.getCell('C2').value, cut.getCell('D2').value]).toEqual(['P1', 1, 1, 27]);
    expect(cut.getCell('D2').numFmt).toBe('0.00');
    expect(cut.getCell('D4').value).toBeNull();

    expect((await file(stranger, `/api/v1/admission-runs/${run}/assignments.csv`)).status).toBe(404);
    expect((await file(member, `/api/v1/admission-runs/${run}/results.xlsx`)).status).toBe(403);
  });
});
