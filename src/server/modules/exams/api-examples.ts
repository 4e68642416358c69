import type {
  AccessLogPage,
  CandidatePage,
  ConsentChange,
  CreateExam,
  Exam,
  ExamImportResult,
  ExamList,
  ExamStatistics,
  LookupAnswer,
  PublicExamList,
  PublishExam,
  ResultLookup,
  SharedResultsPage,
  UpdateExam,
} from '../../../contracts/exams.ts';
import { AGREEMENT, AT, type In, type Out } from '../api-examples-common.ts';

// OpenAPI examples for routes.ts: HNUE's SPT 2026 (seed 001) and HMU reading the results of a consenting candidate.

const EXAM = '3a7c1e9b-5d2f-4b86-a0e4-8c6f2d9b1a35';
const HNUE = '6e2b9d4f-1a8c-4e37-b5d0-2f9a7c3e8b61';
const HMU = 'a4c8e2f6-0b3d-4f59-8e71-5d9b3f7a1c24';
const ROUND1 = '1d5f9b3e-7a2c-4e68-b4f0-6a8c2e5d9b13';
const MATH = '8b2e6a4c-9d1f-4a73-a5c8-3e7b1d9f2a46';
const LIT = '5c9a3e7b-2f6d-4b81-9a4e-7d1c5b8f3e92';
const CANDIDATE = '2e8c4a6f-3b9d-4f15-a7e2-9c5b1d8f4a63';

const definition = {
  code: 'SPT-2026',
  titleVi: 'Kỳ thi đánh giá năng lực SPT 2026',
  titleEn: 'SPT 2026 competency assessment',
  year: 2026,
  rounds: [
    { key: 'r1', nameVi: 'Đợt 1', nameEn: 'Round 1', startDate: '2026-05-23', endDate: '2026-05-24', venues: ['Hà Nội', 'Sơn La', 'Cao Bằng', 'Quảng Ninh', 'Thanh Hóa'] },
  ],
  subjects: [
    { key: 'math', nameVi: 'Toán', nameEn: 'Mathematics', minScore: 0, maxScore: 10, step: 0.25, parts: [] },
    {
      key: 'literature',
      nameVi: 'Ngữ văn',
      nameEn: 'Literature',
      minScore: 0,
      maxScore: 10,
      step: 0.25,
      parts: [
        { key: 'mcq', nameVi: 'Trắc nghiệm', nameEn: 'Multiple choice', weight: 70 },
        { key: 'essay', nameVi: 'Tự luận', nameEn: 'Essay', weight: 30 },
      ],
    },
  ],
};
export const createExam = definition satisfies In<typeof CreateExam>;
export const updateExam = { ...definition, version: 1 } satisfies In<typeof UpdateExam>;
export const publishExam = { version: 3 } satisfies In<typeof PublishExam>;

export const exam = {
  id: EXAM,
  institutionId: HNUE,
  institutionCode: 'HNUE',
  institutionNameVi: 'Trường Đại học Sư phạm Hà Nội',
  institutionNameEn: 'Hanoi National University of Education',
  code: 'SPT-2026',
  titleVi: definition.titleVi,
  titleEn: definition.titleEn,
  year: 2026,
  status: 'published',
  publishedAt: AT,
  isSample: true,
  candidateCount: 20000,
  rounds: [{ id: ROUND1, ...definition.rounds[0] }],
  subjects: [
    { id: MATH, ...definition.subjects[0] },
    { id: LIT, ...definition.subjects[1] },
  ],
  version: 4,
  permissions: { edit: false, readCandidates: true, readAccessLog: true, readShared: false },
} satisfies Out<typeof Exam>;
const { rounds: _r, subjects: _s, ...examSummary } = exam;
export const examList = { items: [examSummary] } satisfies Out<typeof ExamList>;

const scores: { subjectKey: string; total: number; parts: Record<string, number> }[] = [
  { subjectKey: 'math', total: 8.25, parts: {} },
  { subjectKey: 'literature', total: 7.33, parts: { mcq: 7.75, essay: 6.35 } },
];
export const candidatePage = {
  items: [{ id: CANDIDATE, number: 'SPT26-000123', fullName: 'Nguyễn Thị Minh Anh', dateOfBirth: '2008-03-14', roundKey: 'r1', venue: 'Hà Nội', isSample: true, scores }],
  nextCursor: null,
} satisfies Out<typeof CandidatePage>;

export const sharedResults = {
  items: [{ id: CANDIDATE, number: 'SPT26-000123', fullName: 'Nguyễn Thị Minh Anh', dateOfBirth: '2008-03-14', roundKey: 'r1', venue: 'Hà Nội', scores, consentedAt: AT }],
  nextCursor: null,
  agreementIds: [AGREEMENT],
} satisfies Out<typeof SharedResultsPage>;

export const statistics = {
  examId: EXAM,
  subjects: [
    {
      subjectKey: 'math',
      nameVi: 'Toán',
      nameEn: 'Mathematics',
      count: 4,
      mean: 6.5,
      histogram: [
        { from: 0, to: 5, count: 1 },
        { from: 5, to: 10, count: 3 },
      ],
      percentiles: [
        { percentile: 25, score: 4.5 },
        { percentile: 50, score: 6.25 },
        { percentile: 100, score: 9 },
      ],
    },
  ],
} satisfies Out<typeof ExamStatistics>;

export const accessLog = {
  items: [
    {
      id: '42',
      at: AT,
      readerInstitutionId: HMU,
      readerInstitutionCode: 'HMU',
      readerInstitutionNameVi: 'Trường Đại học Y Hà Nội',
      readerInstitutionNameEn: 'Hanoi Medical University',
      readerLabel: 'admissions@hmu.demo.hoptac.vn',
      candidateCount: 1,
      candidateNumbers: ['SPT26-000123'],
    },
  ],
  nextCursor: null,
} satisfies Out<typeof AccessLogPage>;

export const importResult = {
  mode: 'preview',
  sha256: 'b7781b929a47ed77a49c9d01e9b8d8b0eebf67d691eb08c307622d432333cdff',
  rows: 3,
  validRows: 2,
  invalidRows: 1,
  problems: [{ row: 4, column: 'math', columnLabel: 'Mathematics', code: 'score_outside_scale', message: 'Mathematics: 11 is outside the scale 0–10.' }],
  alreadyImported: false,
  importId: null,
  importedAt: null,
  previouslyCreated: 0,
  created: 0,
} satisfies Out<typeof ExamImportResult>;

const publicExam = {
  id: EXAM,
  titleVi: definition.titleVi,
  titleEn: definition.titleEn,
  year: 2026,
  institutionNameVi: 'Trường Đại học Sư phạm Hà Nội',
  institutionNameEn: 'Hanoi National University of Education',
};
export const publicExams = { items: [publicExam] } satisfies Out<typeof PublicExamList>;
export const lookup = { examId: EXAM, candidateNumber: 'SPT26-000123', dateOfBirth: '2008-03-14' } satisfies In<typeof ResultLookup>;
export const consentChange = { ...lookup, institutionId: HMU, consent: true } satisfies In<typeof ConsentChange>;
export const lookupAnswer = {
  exam: publicExam,
  candidate: { number: 'SPT26-000123', fullName: 'Nguyễn Thị Minh Anh', dateOfBirth: '2008-03-14', roundNameVi: 'Đợt 1', roundNameEn: 'Round 1', venue: 'Hà Nội' },
  scores: [
    { subjectKey: 'math', nameVi: 'Toán', nameEn: 'Mathematics', total: 8.25, parts: {}, partNames: [] },
    {
      subjectKey: 'literature',
      nameVi: 'Ngữ văn',
      nameEn: 'Literature',
      total: 7.33,
      parts: { mcq: 7.75, essay: 6.35 },
      partNames: definition.subjects[1].parts,
    },
  ],
  consents: [{ institutionId: HMU, code: 'HMU', nameVi: 'Trường Đại học Y Hà Nội', nameEn: 'Hanoi Medical University', consented: true, givenAt: AT, withdrawnAt: null }],
  admissions: [
    {
      institutionNameVi: 'Trường Đại học Y Hà Nội',
      institutionNameEn: 'Hanoi Medical University',
      seasonTitleVi: 'Tuyển sinh đại học 2026',
      seasonTitleEn: 'Undergraduate admission 2026',
      year: 2026,
      admitted: { programCode: '7720501', nameVi: 'Răng - Hàm - Mặt', nameEn: 'Odonto-Stomatology', rank: 2, score: 27.15 },
      preferences: [
        { rank: 1, programCode: '7720101', nameVi: 'Y khoa', nameEn: 'Medicine', outcome: 'not_admitted' },
        { rank: 2, programCode: '7720501', nameVi: 'Răng - Hàm - Mặt', nameEn: 'Odonto-Stomatology', outcome: 'admitted' },
        { rank: 3, programCode: '7720301', nameVi: 'Điều dưỡng', nameEn: 'Nursing', outcome: 'higher_choice_admitted' },
      ],
    },
  ],
} satisfies Out<typeof LookupAnswer>;
