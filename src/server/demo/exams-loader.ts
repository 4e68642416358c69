import { sql } from 'kysely';
import type { Tx } from '../platform/db.ts';
import { type CandidateInsert, insertCandidates } from '../modules/exams/repository.ts';
import { weightedTotal } from '../modules/exams/scoring.ts';
import type { DemoIds } from './load.ts';

// The SPT 2026 of HNUE (seed 001: two rounds across eight provinces and cities, the essay worth 30% of Literature),
// published, with about 20,000 sample candidates from a seeded generator — Vietnamese names, dates of birth, rounds,
// venues and scores, all marked as sample data — of whom a majority consented to share their results with HMU, and
// one read of shared results by HMU's admissions officer for the access log. Candidates and scores go in through the
// exams repository's bulk insert (unnest), so `npm start` stays fast.

export const SPT_CANDIDATES = 20_000;
/** Share of candidates who consented to share with HMU. */
export const SPT_CONSENT_SHARE = 0.65;

const ROUNDS = [
  { key: 'r1', nameVi: 'Đợt 1', nameEn: 'Round 1', start: '2026-05-23', end: '2026-05-24', venues: ['Hà Nội', 'Sơn La', 'Cao Bằng', 'Quảng Ninh', 'Thanh Hóa'] },
  { key: 'r2', nameVi: 'Đợt 2', nameEn: 'Round 2', start: '2026-05-30', end: '2026-05-31', venues: ['Hà Nội', 'Nghệ An', 'Đà Nẵng', 'Gia Lai'] },
];
const LITERATURE_PARTS = [
  { key: 'mcq', nameVi: 'Trắc nghiệm và đọc hiểu', nameEn: 'Multiple choice and reading', weight: 70 },
  { key: 'essay', nameVi: 'Tự luận', nameEn: 'Essay', weight: 30 },
];
const SUBJECTS = [
  { key: 'math', nameVi: 'Toán', nameEn: 'Mathematics', mean: 6.4 },
  { key: 'literature', nameVi: 'Ngữ văn', nameEn: 'Literature', mean: 6.6 },
  { key: 'english', nameVi: 'Tiếng Anh', nameEn: 'English', mean: 6.0 },
  { key: 'physics', nameVi: 'Vật lí', nameEn: 'Physics', mean: 6.3 },
  { key: 'chemistry', nameVi: 'Hóa học', nameEn: 'Chemistry', mean: 6.2 },
  { key: 'biology', nameVi: 'Sinh học', nameEn: 'Biology', mean: 5.9 },
  { key: 'history', nameVi: 'Lịch sử', nameEn: 'History', mean: 6.1 },
  { key: 'geography', nameVi: 'Địa lí', nameEn: 'Geography', mean: 6.5 },
];
/** Besides Mathematics, Literature and English, each candidate sits one of these pairs. */
const ELECTIVE_PAIRS = [
  ['physics', 'chemistry'],
  ['chemistry', 'biology'],
  ['history', 'geography'],
  ['physics', 'biology'],
];

const FAMILY = ['Nguyễn', 'Nguyễn', 'Nguyễn', 'Trần', 'Trần', 'Lê', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Đinh', 'Trịnh', 'Mai', 'Cao'];
const MIDDLE_F = ['Thị', 'Ngọc', 'Thu', 'Minh', 'Thanh', 'Khánh', 'Phương', 'Bảo', 'Hải', 'Mai'];
const MIDDLE_M = ['Văn', 'Minh', 'Quang', 'Đức', 'Hoàng', 'Gia', 'Thành', 'Hữu', 'Bảo', 'Anh'];
const GIVEN_F = ['An', 'Anh', 'Chi', 'Giang', 'Hà', 'Hạnh', 'Hoa', 'Hương', 'Lan', 'Linh', 'Mai', 'My', 'Ngân', 'Nhi', 'Quỳnh', 'Tâm', 'Thảo', 'Trang', 'Uyên', 'Vy', 'Yến', 'Diệp', 'Ngọc'];
const GIVEN_M = ['An', 'Bình', 'Dũng', 'Hải', 'Hiếu', 'Huy', 'Khoa', 'Khôi', 'Long', 'Minh', 'Nam', 'Phong', 'Phúc', 'Quân', 'Thắng', 'Trung', 'Tuấn', 'Việt', 'Vinh', 'Đạt', 'Kiên'];

/** mulberry32: a small seeded generator, so every `npm start` makes the same candidates (and admissions-loader.ts the same preferences). */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SptCandidate extends CandidateInsert {
  roundKey: string;
  consent: boolean;
}

/** The sample candidates (round ids filled in by the loader): deterministic for a seed. */
export function sptCandidates(count = SPT_CANDIDATES, seed = 2026): SptCandidate[] {
  const rand = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  // A normal-ish score (sum of uniforms) on 0–10, step 0.25.
  const score = (mean: number, ability: number) => {
    const noise = (rand() + rand() + rand() + rand() - 2) * 1.6;
    return Math.min(10, Math.max(0, Math.round((mean + ability + noise) * 4) / 4));
  };
  const out: SptCandidate[] = [];
  for (let i = 1; i <= count; i++) {
    const female = rand() < 0.55;
    const fullName = `${pick(FAMILY)} ${pick(female ? MIDDLE_F : MIDDLE_M)} ${pick(female ? GIVEN_F : GIVEN_M)}`;
    const round = rand() < 0.6 ? ROUNDS[0] : ROUNDS[1];
    // Hà Nội sits most candidates of either round.
    const venue = rand() < 0.45 ? 'Hà Nội' : pick(round.venues);
    const year = rand() < 0.85 ? 2008 : 2007;
    const day = 1 + Math.floor(rand() * 365);
    const dateOfBirth = new Date(Date.UTC(year, 0, day)).toISOString().slice(0, 10);
    const ability = (rand() + rand() - 1) * 1.5;
    const taken = ['math', 'literature', 'english', ...pick(ELECTIVE_PAIRS)];
    const scores = taken.map((key) => {
      const subject = SUBJECTS.find((s) => s.key === key)!;
      if (key !== 'literature') return { subjectId: key, total: score(subject.mean, ability), parts: {} };
      const parts = { mcq: score(subject.mean + 0.3, ability), essay: score(subject.mean - 0.6, ability) };
      return { subjectId: key, total: weightedTotal({ minScore: 0, maxScore: 10, step: 0.25, parts: LITERATURE_PARTS }, parts), parts };
    });
    out.push({
      number: `SPT26-${String(i).padStart(6, '0')}`,
      fullName,
      dateOfBirth,
      roundId: round.key,
      roundKey: round.key,
      venue,
      scores,
      consent: rand() < SPT_CONSENT_SHARE,
    });
  }
  return out;
}

export async function loadDemoExams(tx: Tx, ids: DemoIds): Promise<void> {
  const hnue = ids.institutions.get('HNUE');
  const hmu = ids.institutions.get('HMU');
  if (!hnue || !hmu) return;
  const { id: examId } = await tx
    .insertInto('exams')
    .values({
      institution_id: hnue,
      code: 'SPT-2026',
      title_vi: 'Kỳ thi đánh giá năng lực SPT 2026',
      title_en: 'SPT 2026 competency assessment',
      year: 2026,
      status: 'published',
      published_at: new Date('2026-06-15T10:00:00+07:00'),
      is_sample: true,
      version: 3,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const rounds = await tx
    .insertInto('exam_rounds')
    .values(ROUNDS.map((r, i) => ({ exam_id: examId, key: r.key, position: i, name_vi: r.nameVi, name_en: r.nameEn, start_date: r.start, end_date: r.end, venues: r.venues })))
    .returning(['id', 'key'])
    .execute();
  const subjects = await tx
    .insertInto('exam_subjects')
    .values(
      SUBJECTS.map((s, i) => ({
        exam_id: examId,
        key: s.key,
        position: i,
        name_vi: s.nameVi,
        name_en: s.nameEn,
        min_score: 0,
        max_score: 10,
        step: 0.25,
        parts: JSON.stringify(s.key === 'literature' ? LITERATURE_PARTS : []),
      })),
    )
    .returning(['id', 'key'])
    .execute();
  const roundId = new Map(rounds.map((r) => [r.key, r.id]));
  const subjectId = new Map(subjects.map((s) => [s.key, s.id]));
  const generated = sptCandidates();
  const candidates = generated.map((c) => ({
    ...c,
    roundId: roundId.get(c.roundKey)!,
    scores: c.scores.map((s) => ({ ...s, subjectId: subjectId.get(s.subjectId)! })),
  }));
  await insertCandidates(tx, examId, null, candidates, true);
  // Consents to HMU, given over the weeks after publication; one read by HMU's admissions officer for the access log.
  await sql`INSERT INTO exam_consents (candidate_id, institution_id, given_at)
    SELECT c.id, ${hmu}::uuid, timestamptz '2026-06-15 12:00+07' + (abs(hashtext(c.number)) % 2000000) * interval '1 second'
    FROM exam_candidates c JOIN unnest(${candidates.filter((c) => c.consent).map((c) => c.number)}::text[]) AS n(number) ON n.number = c.number
    WHERE c.exam_id = ${examId}::uuid`.execute(tx);
  const reader = ids.users.get('admissions@hmu.demo.hoptac.vn');
  const agreement = await tx
    .selectFrom('agreements as a')
    .innerJoin('agreement_areas as ar', 'ar.agreement_id', 'a.id')
    .select('a.id')
    .where('ar.kind', '=', 'admissions')
    .where('a.status', '=', 'active')
    .where((eb) => eb.exists(eb.selectFrom('agreement_parties as p').select('p.agreement_id').whereRef('p.agreement_id', '=', 'a.id').where('p.institution_id', '=', hnue)))
    .where((eb) => eb.exists(eb.selectFrom('agreement_parties as p').select('p.agreement_id').whereRef('p.agreement_id', '=', 'a.id').where('p.institution_id', '=', hmu)))
    .executeTakeFirst();
  if (reader && agreement) {
    await sql`INSERT INTO exam_result_reads (exam_id, reader_institution_id, reader_user_id, reader_label, agreement_ids, candidate_ids, at)
      SELECT ${examId}::uuid, ${hmu}::uuid, ${reader}::uuid, 'admissions@hmu.demo.hoptac.vn', ARRAY[${agreement.id}::uuid],
        ARRAY(SELECT ec.candidate_id FROM exam_consents ec JOIN exam_candidates c ON c.id = ec.candidate_id
          WHERE c.exam_id = ${examId}::uuid AND ec.institution_id = ${hmu}::uuid ORDER BY c.number LIMIT 50),
        timestamptz '2026-07-01 09:30+07'`.execute(tx);
  }
}
