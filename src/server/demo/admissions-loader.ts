import { sql } from 'kysely';
import type { Db, Tx } from '../platform/db.ts';
import type { AdmissionMethod } from '../../contracts/admissions.ts';
import * as repo from '../modules/admissions/repository.ts';
import { computeRun } from '../modules/admissions/run-job.ts';
import { finishRunBulk } from '../modules/admissions/repository/run-finish.ts';
import { readRunInput } from '../modules/admissions/repository/run-io.ts';
import { seededRandom } from './exams-loader.ts';
import type { DemoIds } from './load.ts';

// Sample admissions (issue 13, items 3 and 6), all marked as sample data: HMU's season "Tuyển sinh 2026" with Medicine,
// Odonto-Stomatology, Nursing, Psychology and Social Work admitting by the SPT 2026 results HNUE shares with it, the
// preferences of demo SPT candidates who consented to HMU, and a finished dry run; and a consortium season of the
// HOPTAC-DEMO consortium that HMU coordinates with HNUE (its own SPT, read directly) and VNU (its own assessment, whose
// candidates come as external candidates with their scores), with a finished dry run. The runs are computed here by
// the run job's own scoring and matching (`computeRun`), through the exams gate (each read in HNUE's access log), in
// the demo's transaction and as of the demo's date.

/** When the demo's dry runs ran (the HNUE–HMU agreement is in force from 1 May 2026). */
const RUN_AT = new Date('2026-07-20T09:00:00+07:00');
/** Share of HMU-consenting SPT candidates who apply to HMU's season; share of all SPT candidates in the consortium's. */
export const HMU_APPLY_SHARE = 0.3;
export const CONSORTIUM_SPT_SHARE = 0.12;
export const HSA_CANDIDATES = 1500;

type Component = [subject: string, weight: number];
interface DemoProgram {
  institution: string;
  code: string;
  nameVi: string;
  nameEn: string;
  quota: number;
  floor: number | null;
  /** Methods over SPT subjects (one per combination). */
  methods: Component[][];
  /** Which applicants pick it: SPT candidates with these subjects, or VNU's external (HSA) candidates. */
  for: 'science' | 'social' | 'any' | 'hsa';
}

const SCIENCE: Component[] = [['math', 1], ['chemistry', 1], ['biology', 1]];
export const HMU_PROGRAMS: DemoProgram[] = [
  { institution: 'HMU', code: '7720101', nameVi: 'Y khoa', nameEn: 'Medicine', quota: 150, floor: 21, methods: [SCIENCE], for: 'science' },
  { institution: 'HMU', code: '7720501', nameVi: 'Răng Hàm Mặt', nameEn: 'Odonto-Stomatology', quota: 80, floor: 21, methods: [SCIENCE], for: 'science' },
  { institution: 'HMU', code: '7720301', nameVi: 'Điều dưỡng', nameEn: 'Nursing', quota: 200, floor: 18, methods: [SCIENCE, [['math', 1], ['biology', 1], ['english', 1]]], for: 'any' },
  { institution: 'HMU', code: '7310401', nameVi: 'Tâm lý học', nameEn: 'Psychology', quota: 80, floor: 18, methods: [[['math', 1], ['literature', 1], ['english', 1]]], for: 'social' },
  {
    institution: 'HMU',
    code: '7760101',
    nameVi: 'Công tác xã hội',
    nameEn: 'Social Work',
    quota: 60,
    floor: 16,
    methods: [[['literature', 1], ['history', 1], ['geography', 1]], [['math', 1], ['literature', 1], ['english', 1]]],
    for: 'social',
  },
];
export const CONSORTIUM_PROGRAMS: DemoProgram[] = [
  { institution: 'HMU', code: 'HMU-7720115', nameVi: 'Y học cổ truyền', nameEn: 'Traditional Medicine', quota: 60, floor: 19, methods: [SCIENCE], for: 'science' },
  { institution: 'HMU', code: 'HMU-7720110', nameVi: 'Y học dự phòng', nameEn: 'Preventive Medicine', quota: 50, floor: 19, methods: [SCIENCE], for: 'science' },
  { institution: 'HNUE', code: 'HNUE-7140209', nameVi: 'Sư phạm Toán học', nameEn: 'Mathematics Teacher Education', quota: 60, floor: 19, methods: [[['math', 2], ['physics', 1], ['chemistry', 1]]], for: 'any' },
  { institution: 'HNUE', code: 'HNUE-7140217', nameVi: 'Sư phạm Ngữ văn', nameEn: 'Literature Teacher Education', quota: 60, floor: 19, methods: [[['literature', 2], ['history', 1], ['geography', 1]]], for: 'social' },
  { institution: 'HNUE', code: 'HNUE-7140231', nameVi: 'Sư phạm Tiếng Anh', nameEn: 'English Teacher Education', quota: 60, floor: 19, methods: [[['english', 2], ['math', 1], ['literature', 1]]], for: 'any' },
  { institution: 'VNU', code: 'VNU-CN1', nameVi: 'Công nghệ thông tin (Trường Đại học Công nghệ)', nameEn: 'Information Technology (University of Engineering and Technology)', quota: 80, floor: null, methods: [[['math', 2], ['physics', 1], ['english', 1]]], for: 'hsa' },
  { institution: 'VNU', code: 'VNU-QH2024', nameVi: 'Kinh tế quốc tế (Trường Đại học Kinh tế)', nameEn: 'International Economics (University of Economics and Business)', quota: 60, floor: null, methods: [[['math', 1], ['literature', 1], ['english', 1]]], for: 'hsa' },
  { institution: 'VNU', code: 'VNU-BC', nameVi: 'Báo chí (Trường Đại học Khoa học Xã hội và Nhân văn)', nameEn: 'Journalism (University of Social Sciences and Humanities)', quota: 50, floor: null, methods: [[['literature', 1], ['history', 1], ['english', 1]]], for: 'hsa' },
];

interface SptApplicant {
  id: string;
  subjects: Set<string>;
  consentsToHmu: boolean;
}

/** Which programs a candidate may list, by the subjects they sat. */
const fits = (p: DemoProgram, c: SptApplicant) =>
  p.for === 'any' ? p.methods.some((m) => m.every(([s]) => c.subjects.has(s))) : p.for === 'science' ? c.subjects.has('biology') && c.subjects.has('chemistry') : p.for === 'social' && !c.subjects.has('biology');

type PreferenceRow = Parameters<typeof repo.replacePreferences>[3][number];

/** Up to three of the programs a candidate fits, in a random order, as ranked preferences. */
function rank(rand: () => number, programs: { id: string; demo: DemoProgram }[], ok: (p: DemoProgram) => boolean) {
  const choices = programs.filter((p) => ok(p.demo));
  for (let i = choices.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [choices[i], choices[j]] = [choices[j], choices[i]];
  }
  return choices.slice(0, 1 + Math.floor(rand() * Math.min(3, choices.length)));
}

export async function loadDemoAdmissions(tx: Tx, ids: DemoIds): Promise<void> {
  const [hmu, hnue, vnu] = ['HMU', 'HNUE', 'VNU'].map((c) => ids.institutions.get(c));
  const officer = ids.users.get('admissions@hmu.demo.hoptac.vn');
  if (!hnue) return;
  const exam = await tx.selectFrom('exams').select('id').where('code', '=', 'SPT-2026').where('institution_id', '=', hnue).executeTakeFirst();
  const consortium = await tx.selectFrom('consortia').select('id').where('code', '=', 'HOPTAC-DEMO').executeTakeFirst();
  if (!hmu || !hnue || !vnu || !officer || !exam || !consortium) return;
  const institution = { HMU: hmu, HNUE: hnue, VNU: vnu } as Record<string, string>;
  // Statistics for the rows this transaction wrote: without them the planner guesses, and the gate's joins crawl.
  await sql`ANALYZE exam_candidates, exam_scores, exam_consents`.execute(tx);
  const spt = await sql<{ id: string; subjects: string[]; consents: boolean }>`
    SELECT c.id, array_agg(su.key) AS subjects, k.candidate_id IS NOT NULL AS consents
    FROM exam_candidates c JOIN exam_scores sc ON sc.candidate_id = c.id JOIN exam_subjects su ON su.id = sc.subject_id
    LEFT JOIN exam_consents k ON k.candidate_id = c.id AND k.institution_id = ${hmu}::uuid AND k.withdrawn_at IS NULL
    WHERE c.exam_id = ${exam.id}::uuid
    GROUP BY c.id, c.number, k.candidate_id ORDER BY c.number`
    .execute(tx)
    .then((r) => r.rows.map((x): SptApplicant => ({ id: x.id, subjects: new Set(x.subjects), consentsToHmu: x.consents })));
  const rand = seededRandom(13);

  // HMU's season: consenting candidates only (HMU reads no one else's results).
  const hmuSeason = await season(tx, { institution: hmu, consortium: null, titleVi: 'Tuyển sinh 2026 (dữ liệu mẫu)', titleEn: 'Admissions 2026 (sample data)' });
  const hmuPrograms = await programs(tx, hmuSeason, HMU_PROGRAMS, institution, exam.id);
  const hmuPreferences: PreferenceRow[] = [];
  for (const c of spt) {
    if (!c.consentsToHmu || rand() >= HMU_APPLY_SHARE) continue;
    rank(rand, hmuPrograms, (p) => fits(p, c)).forEach((p, i) => {
      hmuPreferences.push({ examCandidateId: c.id, externalCandidateId: null, externalScore: null, programId: p.id, rank: i + 1 });
    });
  }
  await repo.replacePreferences(tx, hmuSeason, hmu, hmuPreferences);
  await finishedDryRun(tx, hmuSeason, hmu, officer);

  // The consortium season: SPT candidates (consenting to HMU or not: HNUE reads its own exam) over HMU's and HNUE's
  // programs, VNU's assessment candidates (external, with their score on the 30-point scale) over VNU's and HNUE's.
  const joint = await season(tx, { institution: hmu, consortium: consortium.id, titleVi: 'Xét tuyển chung 2026 (dữ liệu mẫu)', titleEn: 'Joint admission 2026 (sample data)' });
  for (const member of [hnue, vnu]) await repo.insertMember(tx, joint, member);
  const jointPrograms = await programs(tx, joint, CONSORTIUM_PROGRAMS, institution, exam.id);
  const jointPreferences: PreferenceRow[] = [];
  for (const c of spt) {
    if (rand() >= CONSORTIUM_SPT_SHARE) continue;
    rank(rand, jointPrograms, (p) => p.for !== 'hsa' && fits(p, c)).forEach((p, i) => {
      jointPreferences.push({ examCandidateId: c.id, externalCandidateId: null, externalScore: null, programId: p.id, rank: i + 1 });
    });
  }
  for (let i = 1; i <= HSA_CANDIDATES; i++) {
    const score = Math.round((15 + rand() * 7 + rand() * 6) * 100) / 100;
    rank(rand, jointPrograms, (p) => p.for === 'hsa' || (p.institution === 'HNUE' && p.for === 'any')).forEach((p, r) => {
      jointPreferences.push({ examCandidateId: null, externalCandidateId: `HSA26-${String(i).padStart(5, '0')}`, externalScore: score, programId: p.id, rank: r + 1 });
    });
  }
  await repo.replacePreferences(tx, joint, hmu, jointPreferences);
  await finishedDryRun(tx, joint, hmu, officer);
}

async function season(tx: Tx, s: { institution: string; consortium: string | null; titleVi: string; titleEn: string }) {
  return repo.insertSeason(tx, { institution_id: s.institution, consortium_id: s.consortium, title_vi: s.titleVi, title_en: s.titleEn, year: 2026, is_sample: true });
}

async function programs(tx: Tx, seasonId: string, list: DemoProgram[], institution: Record<string, string>, examId: string) {
  const out: { id: string; demo: DemoProgram }[] = [];
  for (const p of list) {
    const methods: AdmissionMethod[] = p.methods.map((m) => ({
      methodId: `SPT-${m.map(([s]) => s.slice(0, 3).toUpperCase()).join('-')}`,
      components: m.map(([subject, weight]) => ({ examId, subject, weight })),
    }));
    const id = await repo.insertProgram(tx, {
      season_id: seasonId,
      institution_id: institution[p.institution],
      code: p.code,
      name_vi: p.nameVi,
      name_en: p.nameEn,
      quota: p.quota,
      methods: JSON.stringify(methods),
      floor: p.floor,
    });
    out.push({ id, demo: p });
  }
  return out;
}

/** A dry run of the season started by HMU's admissions officer, computed now and dated RUN_AT. */
async function finishedDryRun(tx: Tx, seasonId: string, institutionId: string, officer: string) {
  const runId = await repo.insertRun(tx, { season_id: seasonId, institution_id: institutionId, kind: 'dry', started_by: officer, started_by_label: 'admissions@hmu.demo.hoptac.vn' });
  const db: Db = tx; // the gate and the run read (and log) inside the demo's transaction
  await repo.claimRun(db, runId);
  const run = (await repo.runById(tx, runId))!;
  await sql`ANALYZE admission_programs, admission_preferences`.execute(tx);
  const input = await readRunInput(tx, seasonId);
  const { counts, output } = await computeRun({ db, clock: { now: () => RUN_AT } }, run, { year: 2026 }, input);
  if (!(await finishRunBulk(tx, runId, counts, input, output))) throw new Error('the demo run did not finish');
  await tx
    .updateTable('admission_runs')
    .set({ created_at: RUN_AT, started_at: RUN_AT, heartbeat_at: RUN_AT, finished_at: new Date(RUN_AT.getTime() + 40_000), updated_at: RUN_AT })
    .where('id', '=', runId)
    .execute();
}
