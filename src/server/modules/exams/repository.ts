import { type Expression, type Insertable, type SqlBool, sql } from 'kysely';
import type { TenantScope } from '../../platform/access.ts';
import type { Db, Tx } from '../../platform/db.ts';
import type { ExamRoundsTable, ExamSubjectsTable, ExamsTable } from '../../platform/db-schema.ts';
import { afterCursor, type Cursor } from '../../platform/pagination.ts';
import { nextVersion } from '../../platform/versioning.ts';

// All the SQL of exams: the exam and its definition, candidates and scores, imports, statistics, consents, the gate
// that opens an organiser's results to an admitting institution, and the log of those reads.

type Q = Db | Tx;

/**
 * The gate, as SQL: the institution `reader` reaches the results of the exam `exam` (an `exams` row alias) only
 * through an agreement in force on `today` — status active (or expiring: active within its last 90 days), `today`
 * between its start and end dates — with an area of kind `admissions`, of which both the exam's institution and the
 * reader are parties. Candidates are further held to their consent and to having applied to the reader (`appliedTo`).
 */
export function admissionsAgreementsSql(examInstitution: Expression<string>, reader: Expression<string>, today: string) {
  return sql<string>`SELECT ag.id FROM agreements ag
    WHERE ag.status IN ('active', 'expiring') AND ag.start_date <= ${today}::date AND (ag.end_date IS NULL OR ag.end_date >= ${today}::date)
      AND EXISTS (SELECT 1 FROM agreement_parties p1 WHERE p1.agreement_id = ag.id AND p1.institution_id = ${examInstitution})
      AND EXISTS (SELECT 1 FROM agreement_parties p2 WHERE p2.agreement_id = ag.id AND p2.institution_id = ${reader})
      AND EXISTS (SELECT 1 FROM agreement_areas ar WHERE ar.agreement_id = ag.id AND ar.kind = 'admissions')`;
}

/** What the caller's capabilities let it see of exams: its own institution's, and/or those shared with it. */
export interface ExamReach {
  own: boolean;
  shared: boolean;
  today: string;
}

/** SQL condition over an `exams` row aliased `e`: the caller reaches it (404 otherwise). */
function reachable(scope: TenantScope, reach: ExamReach): Expression<SqlBool> {
  if (scope.allInstitutions) return sql<SqlBool>`true`;
  const me = sql<string>`${scope.institutionId}::uuid`;
  // The own institution's exams are found (tenancy; the service answers 403 to roles that read no exam, and an
  // admissions officer of the organiser sees the definition, not the candidates); another institution's only through
  // the gate.
  const own = sql<SqlBool>`${scope.own('e.institution_id')}`;
  const shared = reach.shared
    ? sql<SqlBool>`(e.status = 'published' AND e.institution_id <> ${me} AND EXISTS (${admissionsAgreementsSql(sql.ref('e.institution_id'), me, reach.today)}))`
    : sql<SqlBool>`false`;
  return sql<SqlBool>`(${own} OR ${shared})`;
}

function examQuery(db: Q) {
  return db
    .selectFrom('exams as e')
    .innerJoin('institutions as i', 'i.id', 'e.institution_id')
    .selectAll('e')
    .select(['i.code as institution_code', 'i.name_vi as institution_name_vi', 'i.name_en as institution_name_en'])
    .select(sql<number>`(SELECT count(*)::int FROM exam_candidates c WHERE c.exam_id = e.id)`.as('candidate_count'));
}
export type ExamRow = Awaited<ReturnType<ReturnType<typeof examQuery>['executeTakeFirstOrThrow']>>;

export function listExams(db: Q, scope: TenantScope, reach: ExamReach) {
  return examQuery(db).where(reachable(scope, reach)).orderBy('e.year', 'desc').orderBy('e.title_vi').orderBy('e.id').limit(500).execute();
}

export function findExam(db: Q, scope: TenantScope, reach: ExamReach, id: string, lock = false) {
  const q = examQuery(db).where('e.id', '=', id).where(reachable(scope, reach));
  return (lock ? q.forUpdate('e') : q).executeTakeFirst();
}

export const roundsOf = (db: Q, examId: string) => db.selectFrom('exam_rounds').selectAll().where('exam_id', '=', examId).orderBy('position').execute();
export const subjectsOf = (db: Q, examId: string) => db.selectFrom('exam_subjects').selectAll().where('exam_id', '=', examId).orderBy('position').execute();
export type RoundRow = Awaited<ReturnType<typeof roundsOf>>[number];
export type SubjectRow = Awaited<ReturnType<typeof subjectsOf>>[number];

export async function insertExam(tx: Tx, values: Insertable<ExamsTable>) {
  return (await tx.insertInto('exams').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateExam(tx: Tx, id: string, values: Partial<Insertable<ExamsTable>>) {
  await tx
    .updateTable('exams')
    .set({ ...values, ...nextVersion() })
    .where('id', '=', id)
    .execute();
}

/** Replaces the rounds and subjects of an exam without candidates (keys kept keep their ids). */
export async function writeDefinition(
  tx: Tx,
  examId: string,
  rounds: Omit<Insertable<ExamRoundsTable>, 'exam_id'>[],
  subjects: Omit<Insertable<ExamSubjectsTable>, 'exam_id'>[],
) {
  const roundKeys = rounds.map((r) => r.key);
  const subjectKeys = subjects.map((s) => s.key);
  let delRounds = tx.deleteFrom('exam_rounds').where('exam_id', '=', examId);
  if (roundKeys.length > 0) delRounds = delRounds.where('key', 'not in', roundKeys);
  await delRounds.execute();
  let delSubjects = tx.deleteFrom('exam_subjects').where('exam_id', '=', examId);
  if (subjectKeys.length > 0) delSubjects = delSubjects.where('key', 'not in', subjectKeys);
  await delSubjects.execute();
  for (const r of rounds) {
    await tx
      .insertInto('exam_rounds')
      .values({ ...r, exam_id: examId })
      .onConflict((oc) => oc.constraint('exam_rounds_key').doUpdateSet((eb) => ({
        position: eb.ref('excluded.position'),
        name_vi: eb.ref('excluded.name_vi'),
        name_en: eb.ref('excluded.name_en'),
        start_date: eb.ref('excluded.start_date'),
        end_date: eb.ref('excluded.end_date'),
        venues: eb.ref('excluded.venues'),
      })))
      .execute();
  }
  for (const s of subjects) {
    await tx
      .insertInto('exam_subjects')
      .values({ ...s, exam_id: examId })
      .onConflict((oc) => oc.constraint('exam_subjects_key').doUpdateSet((eb) => ({
        position: eb.ref('excluded.position'),
        name_vi: eb.ref('excluded.name_vi'),
        name_en: eb.ref('excluded.name_en'),
        min_score: eb.ref('excluded.min_score'),
        max_score: eb.ref('excluded.max_score'),
        step: eb.ref('excluded.step'),
        parts: eb.ref('excluded.parts'),
      })))
      .execute();
  }
}

// ---- candidates and scores

export interface CandidateInsert {
  number: string;
  fullName: string;
  dateOfBirth: string;
  roundId: string;
  venue: string;
  scores: { subjectId: string; total: number; parts: Record<string, number> }[];
}

/**
 * Inserts candidates and their scores in bulk (a few statements of up to 5,000 candidates each, through unnest), for
 * the import and the demo. Answers the number inserted.
 */
export async function insertCandidates(tx: Tx, examId: string, importId: string | null, candidates: CandidateInsert[], isSample = false) {
  const CHUNK = 5000;
  for (let start = 0; start < candidates.length; start += CHUNK) {
    const chunk = candidates.slice(start, start + CHUNK);
    const inserted = await sql<{ id: string; number: string }>`
      INSERT INTO exam_candidates (exam_id, number, full_name, date_of_birth, round_id, venue, import_id, is_sample)
      SELECT ${examId}::uuid, n, f, d, r, v, ${importId}::uuid, ${isSample}
      FROM unnest(${chunk.map((c) => c.number)}::text[], ${chunk.map((c) => c.fullName)}::text[], ${chunk.map((c) => c.dateOfBirth)}::date[],
        ${chunk.map((c) => c.roundId)}::uuid[], ${chunk.map((c) => c.venue)}::text[]) AS t(n, f, d, r, v)
      RETURNING id, number`.execute(tx);
    const idOf = new Map(inserted.rows.map((r) => [r.number, r.id]));
    const cand: string[] = [];
    const subj: string[] = [];
    const total: number[] = [];
    const parts: string[] = [];
    for (const c of chunk) {
      for (const s of c.scores) {
        cand.push(idOf.get(c.number)!);
        subj.push(s.subjectId);
        total.push(s.total);
        parts.push(JSON.stringify(s.parts));
      }
    }
    if (cand.length > 0) {
      await sql`INSERT INTO exam_scores (candidate_id, subject_id, total, parts)
        SELECT * FROM unnest(${cand}::uuid[], ${subj}::uuid[], ${total}::numeric[], ${parts}::jsonb[])`.execute(tx);
    }
  }
  return candidates.length;
}

/** The candidate numbers of the exam already registered, among these. */
export async function existingNumbers(db: Q, examId: string, numbers: string[]) {
  if (numbers.length === 0) return new Set<string>();
  const rows = await sql<{ number: string }>`SELECT number FROM exam_candidates WHERE exam_id = ${examId}::uuid AND number = ANY(${numbers}::text[])`.execute(db);
  return new Set(rows.rows.map((r) => r.number));
}

const candidateColumns = sql`c.id, c.number, c.full_name, c.date_of_birth::text AS date_of_birth, r.key AS round_key, c.venue, c.is_sample,
  COALESCE((SELECT json_agg(json_build_object('subjectKey', s.key, 'total', sc.total::float8, 'parts', sc.parts) ORDER BY s.position)
    FROM exam_scores sc JOIN exam_subjects s ON s.id = sc.subject_id WHERE sc.candidate_id = c.id), '[]') AS scores`;
export interface CandidateRow {
  id: string;
  number: string;
  full_name: string;
  date_of_birth: string;
  round_key: string;
  venue: string;
  is_sample: boolean;
  scores: { subjectKey: string; total: number; parts: Record<string, number> }[];
}

/** A page of the exam's candidates by number (the caller reached the exam as its organiser). */
export async function listCandidates(db: Q, examId: string, query: { q?: string; limit: number }, cursor: Cursor | undefined) {
  const search = query.q ? `%${query.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%` : null;
  const rows = await sql<CandidateRow>`SELECT ${candidateColumns}
    FROM exam_candidates c JOIN exam_rounds r ON r.id = c.round_id
    WHERE c.exam_id = ${examId}::uuid
      ${search ? sql`AND (c.number ILIKE ${search} OR c.full_name ILIKE ${search})` : sql``}
      ${cursor ? sql`AND ${afterCursor('c.number', 'c.id', cursor, 'asc')}` : sql``}
    ORDER BY c.number, c.id LIMIT ${query.limit + 1}`.execute(db);
  return rows.rows;
}

// ---- statistics

export interface SubjectStatsRow {
  subject_id: string;
  count: number;
  mean: number | null;
  bins: number[] | null;
  percentiles: number[] | null;
}

/**
 * Per subject of the exam: the count and mean, a histogram of `bins` equal bins over the subject's scale (the last bin
 * also holds the maximum), and the percentile table — for p = 1…100 the score at percentile_disc(p/100): the lowest
 * total such that at least p% of the candidates scored at most that.
 */
export async function subjectStatistics(db: Q, examId: string, bins: number) {
  const rows = await sql<SubjectStatsRow>`
    SELECT s.id AS subject_id, count(sc.total)::int AS count, avg(sc.total)::float8 AS mean,
      (SELECT array_agg(coalesce(h.n, 0) ORDER BY b.i)::int[] FROM generate_series(0, ${bins} - 1) AS b(i)
        LEFT JOIN (SELECT least(floor((x.total - s.min_score) / ((s.max_score - s.min_score) / ${bins}))::int, ${bins} - 1) AS i, count(*) AS n
          FROM exam_scores x WHERE x.subject_id = s.id GROUP BY 1) h ON h.i = b.i) AS bins,
      (SELECT (percentile_disc(ARRAY(SELECT g / 100.0 FROM generate_series(1, 100) g)) WITHIN GROUP (ORDER BY y.total))::float8[]
        FROM exam_scores y WHERE y.subject_id = s.id) AS percentiles
    FROM exam_subjects s LEFT JOIN exam_scores sc ON sc.subject_id = s.id
    WHERE s.exam_id = ${examId}::uuid
    GROUP BY s.id ORDER BY s.position`.execute(db);
  return rows.rows;
}

// ---- the public lookup

export const publishedExams = (db: Q) =>
  db
    .selectFrom('exams as e')
    .innerJoin('institutions as i', 'i.id', 'e.institution_id')
    .select(['e.id', 'e.title_vi', 'e.title_en', 'e.year', 'i.name_vi as institution_name_vi', 'i.name_en as institution_name_en', 'e.institution_id'])
    .where('e.status', '=', 'published')
    .orderBy('e.year', 'desc')
    .orderBy('e.title_vi')
    .limit(200)
    .execute();

/**
 * The candidate of a published exam with this number and date of birth, or nothing — one query whatever is wrong
 * (no such exam, a draft, no such number, another date of birth), so neither the answer nor its timing tells which.
 */
export async function findCandidateForLookup(db: Q, examId: string, number: string, dateOfBirth: string) {
  const rows = await sql<{
    id: string;
    exam_id: string;
    institution_id: string;
    number: string;
    full_name: string;
    date_of_birth: string;
    round_name_vi: string;
    round_name_en: string;
    venue: string;
    exam_title_vi: string;
    exam_title_en: string;
    exam_year: number;
    institution_name_vi: string;
    institution_name_en: string;
  }>`
    SELECT c.id, c.exam_id, e.institution_id, c.number, c.full_name, c.date_of_birth::text AS date_of_birth, r.name_vi AS round_name_vi, r.name_en AS round_name_en, c.venue,
      e.title_vi AS exam_title_vi, e.title_en AS exam_title_en, e.year AS exam_year, i.name_vi AS institution_name_vi, i.name_en AS institution_name_en
    FROM exam_candidates c JOIN exams e ON e.id = c.exam_id JOIN exam_rounds r ON r.id = c.round_id JOIN institutions i ON i.id = e.institution_id
    WHERE c.exam_id = ${examId}::uuid AND c.number = ${number} AND c.date_of_birth = ${dateOfBirth}::date AND e.status = 'published'`.execute(db);
  return rows.rows[0];
}

export async function scoresOfCandidate(db: Q, candidateId: string) {
  const rows = await sql<{ subject_key: string; name_vi: string; name_en: string; total: number; parts: Record<string, number>; part_names: { key: string; nameVi: string; nameEn: string; weight: number }[] }>`
    SELECT s.key AS subject_key, s.name_vi, s.name_en, sc.total::float8 AS total, sc.parts, s.parts AS part_names
    FROM exam_scores sc JOIN exam_subjects s ON s.id = sc.subject_id WHERE sc.candidate_id = ${candidateId}::uuid ORDER BY s.position`.execute(db);
  return rows.rows;
}

/** The organiser's admitting partners in force on `today`: institutions with an admissions agreement with it. */
export async function admittingPartners(db: Q, organiserId: string, today: string) {
  const rows = await sql<{ id: string }>`
    SELECT i.id FROM institutions i
    WHERE i.id <> ${organiserId}::uuid AND EXISTS (${admissionsAgreementsSql(sql`${organiserId}::uuid`, sql.ref('i.id'), today)})`.execute(db);
  return rows.rows.map((r) => r.id);
}

/**
 * The institutions a candidate may share with — the organiser's admitting partners in force (`partners`, from
 * `admittingPartners`) — and those chosen before.
 */
export async function consentChoices(db: Q, candidateId: string, organiserId: string, partners: string[]) {
  const rows = await sql<{ institution_id: string; code: string; name_vi: string; name_en: string; given_at: Date | null; withdrawn_at: Date | null }>`
    SELECT i.id AS institution_id, i.code, i.name_vi, i.name_en, ec.given_at, ec.withdrawn_at
    FROM institutions i LEFT JOIN exam_consents ec ON ec.institution_id = i.id AND ec.candidate_id = ${candidateId}::uuid
    WHERE i.id <> ${organiserId}::uuid AND (ec.candidate_id IS NOT NULL OR i.id = ANY(${partners}::uuid[]))
    ORDER BY i.name_vi, i.id`.execute(db);
  return rows.rows;
}

export async function setConsent(tx: Tx, candidateId: string, institutionId: string, consent: boolean, now: Date) {
  if (consent) {
    await sql`INSERT INTO exam_consents (candidate_id, institution_id, given_at) VALUES (${candidateId}::uuid, ${institutionId}::uuid, ${now})
      ON CONFLICT (candidate_id, institution_id) DO UPDATE SET given_at = CASE WHEN exam_consents.withdrawn_at IS NULL THEN exam_consents.given_at ELSE excluded.given_at END, withdrawn_at = NULL`.execute(tx);
  } else {
    await sql`UPDATE exam_consents SET withdrawn_at = ${now} WHERE candidate_id = ${candidateId}::uuid AND institution_id = ${institutionId}::uuid AND withdrawn_at IS NULL`.execute(tx);
  }
}

// ---- shared results (the admitting institution) and their log

/**
 * SQL condition: the candidate (`candidate`, an exam_candidates id) applied to the reader — has a preference for one
 * of the reader's admission programs (a program belongs to a member of its season: its own season's, or a consortium
 * season's it takes part in). Without it, the gate opens no candidate's results to the reader, consent or not.
 */
function appliedTo(candidate: Expression<string>, reader: string) {
  return sql<SqlBool>`EXISTS (SELECT 1 FROM admission_preferences ap JOIN admission_programs pr ON pr.id = ap.program_id
    WHERE ap.exam_candidate_id = ${candidate} AND pr.institution_id = ${reader}::uuid)`;
}

/** The agreements in force with an admissions area between the organiser and the reader (empty: nothing is shared). */
export async function admissionsAgreements(db: Q, organiserId: string, readerId: string, today: string) {
  const rows = await sql<{ id: string }>`${admissionsAgreementsSql(sql`${organiserId}::uuid`, sql`${readerId}::uuid`, today)} ORDER BY ag.id`.execute(db);
  return rows.rows.map((r) => r.id);
}

/** A page of the exam's candidates who consent (now) to the reader and applied to it, by number; one number when `candidate` is given. */
export async function consentingCandidates(db: Q, examId: string, readerId: string, query: { candidate?: string; limit: number }, cursor: Cursor | undefined) {
  const rows = await sql<CandidateRow & { consented_at: Date }>`SELECT ${candidateColumns}, ec.given_at AS consented_at
    FROM exam_candidates c JOIN exam_rounds r ON r.id = c.round_id
    JOIN exam_consents ec ON ec.candidate_id = c.id AND ec.institution_id = ${readerId}::uuid AND ec.withdrawn_at IS NULL
    WHERE c.exam_id = ${examId}::uuid AND ${appliedTo(sql.ref('c.id'), readerId)}
      ${query.candidate !== undefined ? sql`AND c.number = ${query.candidate}` : sql``}
      ${cursor ? sql`AND ${afterCursor('c.number', 'c.id', cursor, 'asc')}` : sql``}
    ORDER BY c.number, c.id LIMIT ${query.limit + 1}`.execute(db);
  return rows.rows;
}

export async function recordRead(
  tx: Q,
  entry: { examId: string; readerInstitutionId: string; readerUserId: string | null; readerLabel: string; agreementIds: string[]; candidateIds: string[]; requestId: string; at: Date },
) {
  await tx
    .insertInto('exam_result_reads')
    .values({
      exam_id: entry.examId,
      reader_institution_id: entry.readerInstitutionId,
      reader_user_id: entry.readerUserId,
      reader_label: entry.readerLabel,
      agreement_ids: entry.agreementIds,
      candidate_ids: entry.candidateIds,
      request_id: entry.requestId,
      at: entry.at,
    })
    .execute();
}

export async function accessLog(db: Q, examId: string, limit: number, cursor: Cursor | undefined) {
  const rows = await sql<{ id: string; at: string; reader_institution_id: string; code: string; name_vi: string; name_en: string; reader_label: string; candidate_count: number; numbers: string[] }>`
    SELECT l.id::text AS id, l.at::text AS at, l.reader_institution_id, i.code, i.name_vi, i.name_en, l.reader_label,
      cardinality(l.candidate_ids) AS candidate_count,
      ARRAY(SELECT c.number FROM exam_candidates c WHERE c.id = ANY(l.candidate_ids[1:200]) ORDER BY c.number) AS numbers
    FROM exam_result_reads l JOIN institutions i ON i.id = l.reader_institution_id
    WHERE l.exam_id = ${examId}::uuid
      ${cursor ? sql`AND (l.at, l.id) < (${cursor.k}::timestamptz, ${cursor.id}::bigint)` : sql``}
    ORDER BY l.at DESC, l.id DESC LIMIT ${limit + 1}`.execute(db);
  return rows.rows;
}

/** How many candidates of each exam consent (now) to the institution. */
export async function consentCounts(db: Q, examIds: string[], institutionId: string) {
  if (examIds.length === 0) return new Map<string, number>();
  const rows = await sql<{ exam_id: string; n: number }>`SELECT c.exam_id, count(*)::int AS n FROM exam_consents ec
    JOIN exam_candidates c ON c.id = ec.candidate_id
    WHERE ec.institution_id = ${institutionId}::uuid AND ec.withdrawn_at IS NULL AND c.exam_id = ANY(${examIds}::uuid[])
    GROUP BY c.exam_id`.execute(db);
  return new Map(rows.rows.map((r) => [r.exam_id, r.n]));
}

// ---- imports

export const findImport = (db: Q, examId: string, sha256: string) =>
  db.selectFrom('exam_imports').selectAll().where('exam_id', '=', examId).where('sha256', '=', sha256).executeTakeFirst();

export async function insertImport(tx: Tx, values: { exam_id: string; sha256: string; created_by: string | null; created_by_label: string; rows_created: number }) {
  return tx.insertInto('exam_imports').values(values).returning(['id', 'created_at']).executeTakeFirstOrThrow();
}

/** Exams with candidates keep their structure (keys, scales, parts): the candidates' scores are on it. */
export async function hasCandidates(db: Q, examId: string) {
  const row = await db.selectFrom('exam_candidates').select('id').where('exam_id', '=', examId).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** The institution by id, for a consent (any institution of the platform; the service checks it is a choice). */
export const institutionExists = async (db: Q, id: string) =>
  (await db.selectFrom('institutions').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;

/**
 * For admission runs: the subject totals (by subject key) of the exam's candidates among `candidateIds` whose consent
 * to the reader stands now and who applied to it.
 */
export async function consentingScores(db: Q, examId: string, readerId: string, candidateIds: string[]) {
  if (candidateIds.length === 0) return [];
  const rows = await sql<{ candidate_id: string; key: string; total: string }>`
    SELECT c.id AS candidate_id, su.key, sc.total::text AS total
    FROM exam_candidates c
    JOIN exam_consents ec ON ec.candidate_id = c.id AND ec.institution_id = ${readerId}::uuid AND ec.withdrawn_at IS NULL
    JOIN exam_scores sc ON sc.candidate_id = c.id
    JOIN exam_subjects su ON su.id = sc.subject_id
    WHERE c.exam_id = ${examId}::uuid AND c.id = ANY(${candidateIds}::uuid[]) AND ${appliedTo(sql.ref('c.id'), readerId)}`.execute(db);
  return rows.rows;
}
