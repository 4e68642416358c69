import { z } from 'zod';
import { LookupAdmission } from './admissions.ts';
import { IsoDate, nonEmpty, PageQuery, page, Pattern, SearchQuery, TrimmedText, Uuid, Version } from './common.ts';

// Competency exams (issue 13, capability 8): an exam owned by the organiser's institution with its rounds, subjects
// (score scale) and parts (weights in percent); candidates and their results, imported from XLSX/CSV; the published
// statistics (histogram, percentile table); the public lookup by candidate number and date of birth with the
// candidate's consents; and the results an admitting institution reads through an agreement with an admissions area.

export const ExamStatus = z.enum(['draft', 'published']);
export type ExamStatus = z.infer<typeof ExamStatus>;

/** A key users type and files name (a round, a subject, a part): letters, digits, `-` and `_`. */
export const ExamKey = Pattern(/^[a-z0-9][a-z0-9_-]*$/i, 40);
/** A score or a scale bound: at most two decimals, within ±9999.99 (numeric(6,2)). */
export const Score = z
  .number()
  .min(-9999.99)
  .max(9999.99)
  .refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, { params: { code: 'decimals' }, message: 'at most two decimals' });

export const ExamPart = z
  .object({
    key: ExamKey,
    nameVi: nonEmpty(200),
    nameEn: nonEmpty(200),
    weight: z.number().gt(0).max(100).describe('Weight in percent of the subject total; the parts of a subject sum to 100'),
  })
  .strict();
export type ExamPart = z.infer<typeof ExamPart>;

export const ExamSubjectInput = z
  .object({
    key: ExamKey,
    nameVi: nonEmpty(200),
    nameEn: nonEmpty(200),
    minScore: Score,
    maxScore: Score,
    step: Score.refine((n) => n > 0, { params: { code: 'positive' }, message: 'positive' }),
    parts: z.array(ExamPart).max(10).default([]).describe('Empty: the subject is one score; else each part is scored on the subject scale and the total is their weighted sum'),
  })
  .strict();

export const ExamRoundInput = z
  .object({
    key: ExamKey,
    nameVi: nonEmpty(200),
    nameEn: nonEmpty(200),
    startDate: IsoDate,
    endDate: IsoDate,
    venues: z.array(nonEmpty(200)).min(1).max(100).describe('Provinces or places where the round sits'),
  })
  .strict();

export const ExamDefinition = z
  .object({
    code: Pattern(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 40).describe('Short code, unique within the institution (e.g. SPT-2026)'),
    titleVi: nonEmpty(300),
    titleEn: nonEmpty(300),
    year: z.int().min(1990).max(2100),
    rounds: z.array(ExamRoundInput).min(1).max(20),
    subjects: z.array(ExamSubjectInput).min(1).max(40),
  })
  .strict();
export const CreateExam = ExamDefinition;
export const UpdateExam = ExamDefinition.extend({ version: Version }).strict();
export const PublishExam = z.object({ version: Version }).strict();

export const ExamRound = z.object({
  id: Uuid,
  key: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  venues: z.array(z.string()),
});
export const ExamSubject = z.object({
  id: Uuid,
  key: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  minScore: z.number(),
  maxScore: z.number(),
  step: z.number(),
  parts: z.array(z.object({ key: z.string(), nameVi: z.string(), nameEn: z.string(), weight: z.number() })),
});

export const ExamPermissions = z.object({
  edit: z.boolean().describe('Change the definition, import candidates, publish (the organiser, while a draft)'),
  readCandidates: z.boolean().describe('Read every candidate and result (the organiser)'),
  readAccessLog: z.boolean(),
  readShared: z.boolean().describe('Read the shared results of consenting candidates (an admitting institution in force)'),
});

export const Exam = z.object({
  id: Uuid,
  institutionId: Uuid,
  institutionCode: z.string(),
  institutionNameVi: z.string(),
  institutionNameEn: z.string(),
  code: z.string(),
  titleVi: z.string(),
  titleEn: z.string(),
  year: z.number().int(),
  status: ExamStatus,
  publishedAt: z.string().nullable(),
  isSample: z.boolean(),
  candidateCount: z.number().int(),
  rounds: z.array(ExamRound),
  subjects: z.array(ExamSubject),
  version: z.number().int(),
  permissions: ExamPermissions,
});
export type Exam = z.infer<typeof Exam>;
export const ExamList = z.object({ items: z.array(Exam.omit({ rounds: true, subjects: true })) });

/** A candidate's score in one subject: the total and the part scores by part key. */
export const SubjectScore = z.object({
  subjectKey: z.string(),
  total: z.number(),
  parts: z.record(z.string(), z.number()),
});
export const Candidate = z.object({
  id: Uuid,
  number: z.string(),
  fullName: z.string(),
  dateOfBirth: z.string(),
  roundKey: z.string(),
  venue: z.string(),
  isSample: z.boolean(),
  scores: z.array(SubjectScore),
});
export const CandidateQuery = PageQuery.extend({ q: SearchQuery(100).describe('Part of the candidate number or name') });
export const CandidatePage = page(Candidate);

export const SharedResultsQuery = PageQuery.extend({
  candidate: TrimmedText(40).optional().describe('One candidate number: only that candidate (when they consented)'),
});
export const SharedResult = Candidate.omit({ isSample: true }).extend({ consentedAt: z.string() });
export const SharedResultsPage = page(SharedResult).extend({
  agreementIds: z.array(Uuid).describe('The agreements in force with an admissions area that open these results'),
});

export const ExamStatistics = z.object({
  examId: Uuid,
  subjects: z.array(
    z.object({
      subjectKey: z.string(),
      nameVi: z.string(),
      nameEn: z.string(),
      count: z.number().int(),
      mean: z.number().nullable(),
      histogram: z
        .array(z.object({ from: z.number(), to: z.number(), count: z.number().int() }))
        .describe('Bins of equal width over the scale; each holds from ≤ total < to, the last also its upper bound'),
      percentiles: z
        .array(z.object({ percentile: z.number().int(), score: z.number() }))
        .describe('For p = 1…100: the lowest total such that at least p% of the candidates scored at most that (percentile_disc)'),
    }),
  ),
});

export const AccessLogEntry = z.object({
  id: z.string(),
  at: z.string(),
  readerInstitutionId: Uuid,
  readerInstitutionCode: z.string(),
  readerInstitutionNameVi: z.string(),
  readerInstitutionNameEn: z.string(),
  readerLabel: z.string().describe('The account (e-mail) or API token that read'),
  candidateCount: z.number().int(),
  candidateNumbers: z.array(z.string()).describe('The candidates whose results were read (at most 200 listed)'),
});
export const AccessLogPage = page(AccessLogEntry);

export const ExamImportMode = z.enum(['preview', 'all', 'valid-only']);
export type ExamImportMode = z.infer<typeof ExamImportMode>;
export const ExamImportTemplateQuery = z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') });
export const ExamImportResult = z.object({
  mode: ExamImportMode,
  sha256: z.string(),
  rows: z.number().int(),
  validRows: z.number().int(),
  invalidRows: z.number().int(),
  problems: z.array(
    z.object({ row: z.number().int(), column: z.string(), columnLabel: z.string(), code: z.string(), message: z.string() }),
  ),
  alreadyImported: z.boolean(),
  importId: Uuid.nullable(),
  importedAt: z.string().nullable(),
  previouslyCreated: z.number().int(),
  created: z.number().int(),
});
export type ExamImportResult = z.infer<typeof ExamImportResult>;

// ---- public: the candidate's own lookup (no account)
export const PublicExam = z.object({ id: Uuid, titleVi: z.string(), titleEn: z.string(), year: z.number().int(), institutionNameVi: z.string(), institutionNameEn: z.string() });
export const PublicExamList = z.object({ items: z.array(PublicExam) });
export const CandidateNumber = nonEmpty(40);
export const ResultLookup = z
  .object({ examId: Uuid, candidateNumber: CandidateNumber, dateOfBirth: IsoDate })
  .strict();
export const ConsentChange = ResultLookup.extend({
  institutionId: Uuid,
  consent: z.boolean().describe('true: share my results with the institution; false: withdraw (from now on it reads nothing)'),
}).strict();
export const LookupAnswer = z.object({
  exam: PublicExam,
  candidate: z.object({
    number: z.string(),
    fullName: z.string(),
    dateOfBirth: z.string(),
    roundNameVi: z.string(),
    roundNameEn: z.string(),
    venue: z.string(),
  }),
  scores: z.array(
    SubjectScore.extend({
      nameVi: z.string(),
      nameEn: z.string(),
      partNames: z.array(z.object({ key: z.string(), nameVi: z.string(), nameEn: z.string(), weight: z.number() })).describe('The subject’s parts, to name the part scores'),
    }),
  ),
  consents: z
    .array(
      z.object({
        institutionId: Uuid,
        code: z.string(),
        nameVi: z.string(),
        nameEn: z.string(),
        consented: z.boolean(),
        givenAt: z.string().nullable(),
        withdrawnAt: z.string().nullable(),
      }),
    )
    .describe('The institutions the candidate may share results with (admitting partners of the organiser) and those already chosen'),
  admissions: z
    .array(LookupAdmission)
    .describe('Each published admission season whose preferences include the candidate: the outcome and each preference’s'),
});
export type LookupAnswer = z.infer<typeof LookupAnswer>;
