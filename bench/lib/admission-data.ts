import type pg from 'pg';

// Seeded generator of a consortium-size admission season, written by PostgreSQL itself (INSERT … SELECT over
// generate_series; no rows travel through Node): one institution that organises the exam and runs the season,
// an exam with 5 subjects on a 0–10 scale in 0.25 steps, N candidates (every one has math and literature, each other
// subject with probability 0.7), `programs` programs with quotas (0.75 seats per candidate, quota falling with
// popularity as 1/√rank), program floors (15: 30%, 19: 10%, 20.5: 5%), 1–2 methods of 3 subjects each (some with a
// method floor), tie-breaks rank>lottery (strict; 5% accept-all), and 5–10 ranked preferences per candidate (7.5 on
// average), the first choice skewed towards popular programs.
// Rows are written candidate by candidate, as an import writes them (the run reads them in table order).
// Randomness is hashint8extended(g, seed): the same N gives the same data, run after run; candidate ids are
// md5('cand' || g)::uuid (deterministic, spread over the uuid order).
// admission_preferences is loaded with its primary key and unique constraints dropped and created again afterwards,
// and with session_replication_role = replica (no FK triggers; the generated rows reference existing rows by
// construction) — a bulk load's usual way. The table ends with the same definition as the migration made it.

export interface SeasonIds {
  institutionId: string;
  examId: string;
  seasonId: string;
  programIds: string[];
  year: number;
}

const SUBJECTS = ['math', 'literature', 'english', 'physics', 'biology'];
const COMBOS = [
  ['math', 'physics', 'english'],
  ['math', 'literature', 'english'],
  ['math', 'biology', 'literature'],
  ['literature', 'english', 'math'],
  ['math', 'physics', 'biology'],
];

/** u(g, k) in [0, 1): a seeded hash of (g, k). */
const U = (g: string, k: number | string) => `((hashint8extended((${g})::bigint * 64 + ${k}, 20260528) & 1048575)::float8 / 1048576)`;

export async function seedSeason(client: pg.Client, n: number, programs: number, log: (s: string) => void): Promise<SeasonIds> {
  const t = () => performance.now();
  let t0 = t();
  const step = (what: string) => {
    log(`  ${what}: ${((t() - t0) / 1000).toFixed(1)} s`);
    t0 = t();
  };
  const year = 2026;
  const one = async (q: string, params: unknown[] = []) => (await client.query(q, params)).rows[0];
  const { id: institutionId } = await one(
    `INSERT INTO institutions (code, kind, country, name_vi, name_en) VALUES ('BENCH-ADM', 'university', 'VN', 'Đại học thử tải', 'Load test university') RETURNING id`,
  );
  const { id: examId } = await one(
    `INSERT INTO exams (institution_id, code, title_vi, title_en, year, status, published_at) VALUES ($1, 'SPT-BENCH', 'Kỳ thi thử tải', 'Load test exam', $2, 'published', now()) RETURNING id`,
    [institutionId, year],
  );
  const { id: roundId } = await one(
    `INSERT INTO exam_rounds (exam_id, key, position, name_vi, name_en, start_date, end_date, venues) VALUES ($1, 'r1', 1, 'Đợt 1', 'Round 1', '2026-05-23', '2026-05-24', ARRAY['Hà Nội']) RETURNING id`,
    [examId],
  );
  const subjects = (
    await client.query<{ id: string; key: string; i: number }>(
      `INSERT INTO exam_subjects (exam_id, key, position, name_vi, name_en, min_score, max_score, step)
       SELECT $1, k, i, k, k, 0, 10, 0.25 FROM unnest($2::text[]) WITH ORDINALITY AS s(k, i) RETURNING id, key, position AS i`,
      [examId, SUBJECTS],
    )
  ).rows;
  const subjectIds = SUBJECTS.map((k) => subjects.find((s) => s.key === k)!.id);
  await client.query(
    `INSERT INTO exam_candidates (id, exam_id, number, full_name, date_of_birth, round_id, venue)
     SELECT md5('cand' || g)::uuid, $1, lpad(g::text, 8, '0'), 'Thí sinh ' || g, date '2008-01-01' + (g % 365), $2, 'Hà Nội'
     FROM generate_series(1, $3::int) g`,
    [examId, roundId, n],
  );
  step(`${n.toLocaleString('en')} exam candidates`);
  // An ability per candidate and noise per subject: scores correlate across subjects, as real ones do.
  await client.query('SET session_replication_role = replica');
  await client.query(
    `INSERT INTO exam_scores (candidate_id, subject_id, total)
     SELECT md5('cand' || g)::uuid, s.id, least(10, greatest(0, round((${U('g', 0)} * 6.5 + ${U('g', 's.i')} * 4.5 - 0.5) * 4) / 4))
     FROM generate_series(1, $1::int) g CROSS JOIN unnest($2::uuid[]) WITH ORDINALITY AS s(id, i)
     WHERE s.i <= 2 OR ${U('g', '10 + s.i')} < 0.7
     ORDER BY g, s.i`,
    [n, subjectIds],
  );
  step('exam scores');

  const { id: seasonId } = await one(
    `INSERT INTO admission_seasons (institution_id, title_vi, title_en, year) VALUES ($1, 'Tuyển sinh thử tải', 'Load test season', $2) RETURNING id`,
    [institutionId, year],
  );
  // Quotas: 0.75 seats per candidate, program p's share ∝ 1/√(p+1) (p = popularity rank).
  const weights = Array.from({ length: programs }, (_, p) => 1 / Math.sqrt(p + 1));
  const wsum = weights.reduce((a, b) => a + b, 0);
  const rows = weights.map((w, p) => {
    const r = (k: number) => hash01(p, k);
    const combos = [COMBOS[p % COMBOS.length], ...(r(1) < 0.4 ? [COMBOS[(p + 2) % COMBOS.length]] : [])];
    const methods = combos.map((c, m) => ({
      methodId: `M${m + 1}`,
      ...(r(2 + m) < 0.1 ? { floor: 18 } : {}),
      components: c.map((subject, j) => ({ examId, subject, weight: j === 0 && r(5) < 0.3 ? 2 : 1 })),
    }));
    const f = r(6);
    return {
      code: `P${String(p + 1).padStart(4, '0')}`,
      quota: Math.max(1, Math.floor((0.75 * n * w) / wsum)),
      floor: f < 0.3 ? 15 : f < 0.4 ? 19 : f < 0.45 ? 20.5 : null,
      methods: JSON.stringify(methods),
      policy: r(7) < 0.05 ? 'accept-all' : 'strict',
    };
  });
  const programIds = (
    await client.query<{ id: string }>(
      `INSERT INTO admission_programs (season_id, institution_id, code, name_vi, name_en, quota, methods, floor, tie_policy)
       SELECT $1, $2, code, 'Ngành ' || code, 'Program ' || code, quota, methods::jsonb, floor, policy
       FROM unnest($3::text[], $4::int[], $5::text[], $6::numeric[], $7::text[]) WITH ORDINALITY AS x(code, quota, methods, floor, policy, i)
       ORDER BY i RETURNING id`,
      [seasonId, institutionId, rows.map((r) => r.code), rows.map((r) => r.quota), rows.map((r) => r.methods), rows.map((r) => r.floor), rows.map((r) => r.policy)],
    )
  ).rows.map((r) => r.id);
  step(`${programs} programs`);

  // Preferences: k = 5–10 per candidate; the first choice p0 = ⌊P·u³⌋ (popular programs first), the others
  // p0 + j·stride (mod P) with 9·stride < P, so a candidate never names a program twice.
  await client.query('ALTER TABLE admission_preferences DROP CONSTRAINT admission_preferences_pkey, DROP CONSTRAINT admission_preferences_rank_key, DROP CONSTRAINT admission_preferences_program_key');
  await client.query(
    `INSERT INTO admission_preferences (id, season_id, institution_id, exam_candidate_id, program_id, rank)
     SELECT gen_random_uuid(), $1, $2, md5('cand' || c.g)::uuid, ($3::uuid[])[1 + (c.p0 + (r - 1) * c.stride) % $4::int], r
     FROM (SELECT g, floor($4::int * ${U('g', 20)} ^ 3)::int AS p0, 1 + floor(${U('g', 21)} * greatest(1, $4::int / 10 - 1))::int AS stride,
                  5 + floor(${U('g', 22)} * 6)::int AS k
           FROM generate_series(1, $5::int) g) c
     CROSS JOIN generate_series(1, 10) r
     WHERE r <= c.k
     ORDER BY c.g, r`,
    [seasonId, institutionId, programIds, programs, n],
  );
  step('preferences');
  await client.query('RESET session_replication_role');
  await client.query(`ALTER TABLE admission_preferences ADD CONSTRAINT admission_preferences_pkey PRIMARY KEY (id),
    ADD CONSTRAINT admission_preferences_rank_key UNIQUE (season_id, candidate_key, rank),
    ADD CONSTRAINT admission_preferences_program_key UNIQUE (season_id, candidate_key, program_id)`);
  step('preference constraints created again');
  await client.query('VACUUM (ANALYZE) exam_candidates, exam_scores, admission_preferences, admission_programs');
  step('VACUUM (ANALYZE)');
  return { institutionId, examId, seasonId, programIds, year };
}

/** A seeded number in [0, 1) for program p and key k (program settings; small, so computed here). */
function hash01(p: number, k: number) {
  let h = Math.imul(p + 1, 0x9e3779b1) ^ Math.imul(k + 7, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}
