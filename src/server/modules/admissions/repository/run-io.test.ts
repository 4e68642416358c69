import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../testing/test-db.ts';
import { NO_SCORE } from '../../../../engines/admission/index.ts';
import { finishRunBulk } from './run-finish.ts';
import { readRunInput } from './run-io.ts';

// run-io.ts on its own: rows read in any table order are grouped by candidate (in the CLI's order: ids by UTF-8 bytes)
// and rank; external ids with the characters COPY escapes (tab, backslash, newline) and beyond
// U+FFFF come back and are written back unchanged; results are written only while the run may finish.

let t: TestDatabase;
let seasonId: string;
let institutionId: string;
const programIds: string[] = [];

// UTF-8 byte order: '\t' < '\\' < 'a' < 'Đ' (U+0110) < 'ｚ' (U+FF5A) < '𝒜' (U+1D49C); JavaScript's code-unit order
// would put 𝒜 (U+D835 U+DC9C) before ｚ.
const IDS = ['a\\b', 'ｚ', 'b\tx', '𝒜', 'Đức', 'line\nbreak'];

beforeAll(async () => {
  t = await createTestDatabase();
  const db = t.db;
  institutionId = (
    await sql<{ id: string }>`INSERT INTO institutions (code, kind, country, name_vi, name_en) VALUES ('RUNIO', 'university', 'VN', 'Trường', 'School') RETURNING id`.execute(db)
  ).rows[0].id;
  seasonId = (
    await db.insertInto('admission_seasons').values({ institution_id: institutionId, title_vi: 'Mùa', title_en: 'Season', year: 2026 }).returning('id').executeTakeFirstOrThrow()
  ).id;
  for (const code of ['B', 'A', 'C']) {
    const p = await db
      .insertInto('admission_programs')
      .values({ season_id: seasonId, institution_id: institutionId, code, name_vi: code, name_en: code, quota: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    programIds.push(p.id);
  }
  // Rows scattered: a candidate's preferences not one after the other, ranks out of order, gaps in ranks.
  const rows: [string, number, number, number][] = [
    [IDS[0], 3, 2, 21.5],
    [IDS[1], 1, 0, 20],
    [IDS[0], 1, 1, 21.5],
    [IDS[2], 2, 1, 19.25],
    [IDS[3], 1, 2, 18],
    [IDS[4], 5, 0, 17.75],
    [IDS[2], 1, 0, 19.25],
    [IDS[5], 1, 1, 0],
    [IDS[4], 2, 2, 17.75],
  ];
  for (const [id, rank, program, score] of rows) {
    await db
      .insertInto('admission_preferences')
      .values({ season_id: seasonId, institution_id: institutionId, external_candidate_id: id, external_score: score, program_id: programIds[program], rank })
      .execute();
  }
});

afterAll(async () => {
  await t?.close();
});

describe('run-io', () => {
  it('groups the rows by candidate in UTF-8 byte order of the id and by rank, with programs in code order', async () => {
    const shares: number[] = [];
    const input = await readRunInput(t.db, seasonId, async (s) => {
      shares.push(s);
    });
    expect(input.programs.map((p) => p.code)).toEqual(['A', 'B', 'C']);
    const sorted = [...IDS].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))).map((id) => `ext:${id}`);
    expect(input.keys).toEqual(sorted);
    expect(input.keys.indexOf('ext:ｚ')).toBeLessThan(input.keys.indexOf('ext:𝒜'));
    const code = (i: number) => input.programs[input.program[i]].code;
    const prefs = (key: string) => {
      const c = input.keys.indexOf(`ext:${key}`);
      return Array.from({ length: input.offsets[c + 1] - input.offsets[c] }, (_, k) => {
        const i = input.offsets[c] + k;
        return [input.rank[i], code(i), input.externalScore[i]];
      });
    };
    // programIds: B, A, C (inserted in that order); codes sort A, B, C.
    expect(prefs('a\\b')).toEqual([
      [1, 'A', 21.5],
      [3, 'C', 21.5],
    ]);
    expect(prefs('b\tx')).toEqual([
      [1, 'B', 19.25],
      [2, 'A', 19.25],
    ]);
    expect(prefs('Đức')).toEqual([
      [2, 'C', 17.75],
      [5, 'B', 17.75],
    ]);
    expect(prefs('line\nbreak')).toEqual([[1, 'A', 0]]);
    expect(input.offsets.at(-1)).toBe(9);
    expect(shares).toEqual([]); // reported every 250,000 rows
  });

  it('writes results with escaped keys unchanged, only while the run may finish', async () => {
    const input = await readRunInput(t.db, seasonId);
    const run = async (status: 'running' | 'cancelled', cancel: boolean) =>
      (
        await t.db
          .insertInto('admission_runs')
          .values({ season_id: seasonId, institution_id: institutionId, kind: 'dry', started_by_label: 'test', status, cancel_requested: cancel })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const n = input.keys.length;
    const program = Int32Array.from({ length: n }, (_, i) => (i % 2 === 0 ? input.program[input.offsets[i]] : -1));
    const output = {
      program,
      rank: Int32Array.from({ length: n }, (_, i) => (i % 2 === 0 ? input.rank[input.offsets[i]] : 0)),
      scoreHundredths: Int32Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 1925 : 0)),
      // Every other preference scored (2150 hundredths), the rest not applications.
      preferenceScore: Int32Array.from({ length: input.program.length }, (_, j) => (j % 2 === 0 ? 2150 : NO_SCORE)),
    };
    const done = await run('running', false);
    expect(await finishRunBulk(t.db, done, { candidates: n, applications: 9, matched: 3 }, input, output)).toBe(true);
    const written = await t.db
      .selectFrom('admission_run_results')
      .select(['candidate_key', 'exam_candidate_id', 'external_candidate_id', 'program_id', 'rank', sql<string | null>`score::text`.as('score')])
      .where('run_id', '=', done)
      .execute();
    const byKey = new Map(written.map((w) => [w.candidate_key, w]));
    expect(written).toHaveLength(n);
    input.keys.forEach((key, i) => {
      const w = byKey.get(key)!;
      expect(w.external_candidate_id).toBe(key.slice(4));
      expect(w.exam_candidate_id).toBeNull();
      expect(w.program_id).toBe(i % 2 === 0 ? input.programs[input.program[input.offsets[i]]].id : null);
      expect(w.score).toBe(i % 2 === 0 ? '19.25' : null);
    });
    const preferences = await t.db
      .selectFrom('admission_run_results')
      .select(['candidate_key', 'preference_ranks', 'preference_positions', sql<(string | null)[]>`preference_scores::text[]`.as('scores')])
      .where('run_id', '=', done)
      .execute();
    const preferencesOf = new Map(preferences.map((a) => [a.candidate_key, a]));
    input.keys.forEach((key, i) => {
      const kept = preferencesOf.get(key)!;
      const from = input.offsets[i];
      const to = input.offsets[i + 1];
      expect(kept.preference_ranks).toEqual(Array.from(input.rank.subarray(from, to)));
      expect(kept.preference_positions).toEqual(Array.from(input.program.subarray(from, to)));
      expect(kept.scores).toEqual(Array.from({ length: to - from }, (_, k) => ((from + k) % 2 === 0 ? '21.50' : null)));
    });
    const kept = await t.db.selectFrom('admission_run_programs').select(['position', 'code', 'quota', 'tie_break', 'tie_policy']).where('run_id', '=', done).orderBy('position').execute();
    expect(kept).toEqual(input.programs.map((p, position) => ({ position, code: p.code, quota: p.quota, tie_break: p.tie_break, tie_policy: p.tie_policy })));
    // Each program's figures, counted here from the output: admitted (every other candidate, at 19.25, in its first
    // choice) and applicants with a score (every other preference, at 21.50).
    const figures = await t.db
      .selectFrom('admission_run_programs')
      .select(['position', 'admitted', sql<string | null>`cutoff::text`.as('cutoff'), 'applicants', 'admitted_bins', 'applicant_bins'])
      .where('run_id', '=', done)
      .orderBy('position')
      .execute();
    expect(figures).toEqual(
      input.programs.map((_, position) => {
        const admitted = Array.from(program).filter((p) => p === position).length;
        const applicants = Array.from(input.program).filter((p, j) => p === position && j % 2 === 0).length;
        const bins = (at: number, count: number) => Array.from({ length: 30 }, (_, b) => (b === at ? count : 0));
        return { position, admitted, cutoff: admitted > 0 ? '19.25' : null, applicants, admitted_bins: bins(19, admitted), applicant_bins: bins(21, applicants) };
      }),
    );

    // Inside a transaction (the demo loader), the same rows through ordinary statements.
    const inTx = await run('running', false);
    expect(await t.db.transaction().execute((tx) => finishRunBulk(tx, inTx, { candidates: n, applications: 9, matched: 3 }, input, output))).toBe(true);
    const rowsOf = async (id: string) => ({
      results: await t.db
        .selectFrom('admission_run_results')
        .select(['candidate_key', 'exam_candidate_id', 'external_candidate_id', 'program_id', 'rank', sql<string>`score::text`.as('score'),
          'preference_ranks', 'preference_positions', sql<string>`preference_scores::text`.as('scores')])
        .where('run_id', '=', id)
        .orderBy('candidate_key')
        .execute(),
      programs: await t.db
        .selectFrom('admission_run_programs')
        .select(['program_id', 'position', 'code', 'quota', sql<string>`floor::text`.as('floor'), 'tie_break', 'tie_policy', 'admitted',
          sql<string>`cutoff::text`.as('cutoff'), 'applicants', 'admitted_bins', 'applicant_bins'])
        .where('run_id', '=', id)
        .orderBy('position')
        .execute(),
    });
    expect(await rowsOf(inTx)).toEqual(await rowsOf(done));

    // Results have no foreign key to their run: they go with it all the same (0028's trigger), and no other run's do.
    await t.db.deleteFrom('admission_runs').where('id', '=', inTx).execute();
    expect(await rowsOf(inTx)).toEqual({ results: [], programs: [] });
    expect((await rowsOf(done)).results).toHaveLength(n);
    expect(await t.db.selectFrom('admission_runs').select(['status', 'progress', 'matched']).where('id', '=', done).executeTakeFirst()).toEqual({
      status: 'done',
      progress: 1,
      matched: 3,
    });

    for (const [status, cancel] of [
      ['running', true],
      ['cancelled', false],
    ] as const) {
      const other = await run(status, cancel);
      expect(await finishRunBulk(t.db, other, { candidates: n, applications: 9, matched: 3 }, input, output)).toBe(false);
      expect(await t.db.selectFrom('admission_run_results').select('run_id').where('run_id', '=', other).execute()).toEqual([]);
    }
  });
});
