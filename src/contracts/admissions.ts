import { z } from 'zod';
import { INT4_MAX, nonEmpty, PageQuery, page, Pattern, SearchQuery, Uuid, Version } from './common.ts';

// Admissions (issue 13, item 3): an institution's admission season, its programs (quota, admission methods as data,
// entrance floor, tie-break chain and tie policy — the engine's definitions, docs/admission.md), the candidates'
// ranked preferences (imported from XLSX/CSV), and matching runs with their results.

export const SeasonStatus = z.enum(['draft', 'running', 'published']);
export const RunKind = z.enum(['dry', 'final']);
export const RunStatus = z.enum(['queued', 'running', 'done', 'failed', 'cancelled']);
export const TieCriterion = z.enum(['rank', 'c1', 'c2', 'lottery']);
export const TiePolicy = z.enum(['strict', 'accept-all', 'reject-all']);

/** A score on the common 30-point scale with at most two decimals. */
export const Score30 = z
  .number()
  .min(0)
  .max(30)
  .refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, { params: { code: 'decimals' }, message: 'at most two decimals' });

const Code = Pattern(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 40);

export const SeasonInput = z
  .object({
    titleVi: nonEmpty(300),
    titleEn: nonEmpty(300),
    year: z.int().min(1990).max(2100),
  })
  .strict();
export const CreateSeason = SeasonInput.extend({
  consortiumId: Uuid.nullable()
    .optional()
    .describe(
      'A consortium season: the platform consortium (one the caller’s institution belongs to) whose members’ programs are matched together; the caller’s institution coordinates. Absent or null: a season of the caller’s institution alone.',
    ),
}).strict();
export const UpdateSeason = SeasonInput.partial().extend({ version: Version }).strict();

export const SeasonPermissions = z.object({
  manage: z.boolean().describe('Coordinate the season: edit or delete it, its members, import preferences, start and cancel runs'),
  addPrograms: z.boolean().describe('Add programs of the own institution (every member’s admissions officers and admins)'),
});
export const SeasonMember = z.object({
  institutionId: Uuid,
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  coordinator: z.boolean(),
});
export const SetSeasonMembers = z
  .object({
    institutionIds: z
      .array(Uuid)
      .max(100)
      .describe('The member institutions besides the coordinator (which stays, listed or not): institutions of the season’s consortium'),
    version: Version.describe('The season’s version you read (409 when stale)'),
  })
  .strict();
export const Season = z.object({
  id: Uuid,
  institutionId: Uuid.describe('The owner; in a consortium season, the coordinating institution'),
  consortiumId: Uuid.nullable().describe('The consortium of a consortium season; null for a season of one institution'),
  members: z.array(SeasonMember).describe('The institutions whose programs the season matches (the owner alone outside a consortium)'),
  titleVi: z.string(),
  titleEn: z.string(),
  year: z.int(),
  status: SeasonStatus,
  isSample: z.boolean().describe('Sample data (the demo’s seasons)'),
  programCount: z.int(),
  preferenceCount: z.int(),
  version: z.int(),
  publishedRunId: Uuid.nullable().describe('The final run whose results candidates see in the public lookup; null until published'),
  permissions: SeasonPermissions,
});
export type Season = z.infer<typeof Season>;
export const SeasonList = z.object({ items: z.array(Season) });

export const MethodComponent = z
  .object({
    examId: Uuid.describe('The exam (exams.id): the institution’s own, or one whose results are shared with it'),
    subject: Pattern(/^[a-z0-9][a-z0-9_-]*$/i, 40).describe('The subject’s key in that exam'),
    weight: z.number().gt(0).max(100),
  })
  .strict();
/** The name of a season's equivalence table (methods name it, as the CLI's methods.csv `equivalence` column). */
export const EquivalenceName = Pattern(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 40);

export const AdmissionMethod = z
  .object({
    methodId: Code,
    floor: Score30.nullable()
      .optional()
      .describe('Entrance floor of the method (30-point scale; compared before or after priority points as the program’s `floorBasis`)'),
    equivalence: EquivalenceName.nullable()
      .optional()
      .describe('An equivalence table of the season: the raw weighted total Σ weight·score is converted by it to the 30-point scale (400 naming the field for an unknown table)'),
    components: z.array(MethodComponent).min(1).max(10),
  })
  .strict();
export type AdmissionMethod = z.infer<typeof AdmissionMethod>;

export const FloorBasis = z.enum(['academic', 'final']);
export const Region = z.enum(['KV1', 'KV2-NT', 'KV2', 'KV3']);
export const PriorityGroup = z.enum(['UT1', 'UT2']);

const ProgramFields = {
  code: Code.describe('Unique within the season'),
  nameVi: nonEmpty(300),
  nameEn: nonEmpty(300),
  quota: z.int().min(0).max(INT4_MAX),
  methods: z.array(AdmissionMethod).min(1).max(10).describe('The program’s admission methods; a candidate’s score is the best of them'),
  floor: Score30.nullable().describe('Entrance floor of the program (30-point scale); null = none'),
  tieBreak: z.array(TieCriterion).max(4).describe('Tie-break chain after the score; default rank > lottery'),
  tiePolicy: TiePolicy.describe('What residual ties do at the quota: strict (default), accept-all, reject-all'),
  priorityPoints: z
    .boolean()
    .describe('The final score adds the candidate’s MOET priority points (region, groups) and bonus points, as imported with the preferences (default true); false: the final score is the method score'),
  floorBasis: FloorBasis.describe('Method floors compare the academic score (before priority points, default) or the final score'),
  thresholdIncludesBonus: z.boolean().describe('The 22.5 threshold of the priority formula compares the total with bonus points (default false: without)'),
};
export const CreateProgram = z
  .object({
    ...ProgramFields,
    floor: ProgramFields.floor.default(null),
    tieBreak: ProgramFields.tieBreak.default(['rank', 'lottery']),
    tiePolicy: ProgramFields.tiePolicy.default('strict'),
    priorityPoints: ProgramFields.priorityPoints.default(true),
    floorBasis: ProgramFields.floorBasis.default('academic'),
    thresholdIncludesBonus: ProgramFields.thresholdIncludesBonus.default(false),
  })
  .strict();
export const UpdateProgram = z.object(ProgramFields).partial().extend({ version: Version }).strict();

export const ProgramRecord = z.object({
  id: Uuid,
  seasonId: Uuid,
  institutionId: Uuid.describe('The member institution the program belongs to'),
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  quota: z.int(),
  methods: z.array(AdmissionMethod),
  floor: z.number().nullable(),
  tieBreak: z.array(TieCriterion),
  tiePolicy: TiePolicy,
  priorityPoints: z.boolean(),
  floorBasis: FloorBasis,
  thresholdIncludesBonus: z.boolean(),
  version: z.int(),
});
export const Program = ProgramRecord.extend({
  permissions: z.object({ edit: z.boolean().describe('Edit or delete: the program institution’s admissions officers and admins') }),
});
export type Program = z.infer<typeof Program>;
export const ProgramList = z.object({ items: z.array(Program) });

export const PreferenceImportResult = z.object({
  replaced: z.int().describe('Preferences of the season before the import (all replaced)'),
  created: z.int(),
  candidates: z.int(),
  profiles: z.int().describe('Candidates with a priority profile (region, priority groups, graduation year or bonus points)'),
});

// ---- equivalence tables of a season

/** A raw score (a weighted total on an exam's own scale). */
const RawScore = z.number().min(0).max(100_000);
export const EquivalenceSegment = z
  .object({
    a: RawScore,
    b: RawScore,
    c: z.number().min(0).max(30),
    d: z.number().min(0).max(30),
    label: nonEmpty(60).optional(),
  })
  .strict()
  .describe('Raw scores a < x ≤ b map linearly to (c, d] on the 30-point scale');
export const EquivalenceSource = z
  .object({
    fromExamId: Uuid,
    fromSubject: Pattern(/^[a-z0-9][a-z0-9_-]*$/i, 40),
    toExamId: Uuid,
    toSubject: Pattern(/^[a-z0-9][a-z0-9_-]*$/i, 40),
  })
  .strict()
  .describe('Built from the two subjects’ published percentile tables (exam statistics): the score of the top p% of one paired with the top p% of the other');
const Segments = z.array(EquivalenceSegment).min(1).max(200);
export const CreateEquivalenceTable = z
  .object({
    name: EquivalenceName,
    segments: Segments.optional().describe('Entered segments, sorted and non-overlapping, increasing on both sides'),
    build: EquivalenceSource.optional().describe('Instead of segments: build the table from two exams’ percentile tables'),
  })
  .strict();
export const UpdateEquivalenceTable = z.object({ name: EquivalenceName.optional(), segments: Segments.optional(), version: Version }).strict();
export const EquivalenceTableRecord = z.object({
  id: Uuid,
  seasonId: Uuid,
  name: z.string(),
  segments: z.array(EquivalenceSegment),
  source: EquivalenceSource.nullable(),
  usedBy: z.array(z.string()).describe('Codes of the programs whose methods name the table'),
  version: z.int(),
});
export type EquivalenceTableRecord = z.infer<typeof EquivalenceTableRecord>;
export const EquivalenceTableList = z.object({ items: z.array(EquivalenceTableRecord) });

export const StartRun = z.object({ kind: RunKind.default('dry') }).strict();

export const Run = z.object({
  id: Uuid,
  seasonId: Uuid,
  kind: RunKind,
  status: RunStatus,
  progress: z.number().min(0).max(1),
  cancelRequested: z.boolean(),
  startedBy: z.string(),
  queuedAt: z.iso.datetime(),
  startedAt: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
  error: z.string().nullable(),
  candidates: z.int().nullable(),
  applications: z.int().nullable(),
  matched: z.int().nullable(),
});
export type Run = z.infer<typeof Run>;
export const RunList = z.object({ items: z.array(Run) });

export const ProgramOutcome = z.object({
  programId: Uuid,
  code: z.string(),
  quota: z.int(),
  admitted: z.int(),
  cutoff: z.number().nullable().describe('Lowest admitted score; null when nobody is admitted'),
});


// ---- results in detail, aggregates, publication, comparison (modules/admissions/results-routes.ts)

export const ResultOutcome = z.enum(['admitted', 'not_admitted']);
export const RunResultsQuery = PageQuery.extend({
  q: SearchQuery(100).describe('A candidate number (exam candidates) or candidate id, whole'),
  program: Uuid.optional().describe('Only candidates who applied to this program (with `outcome`: admitted to it, or not admitted to it)'),
  outcome: ResultOutcome.optional(),
});
/** A candidate's result in a run. A program the caller does not see in detail (consortium seasons) is not named. */
export const RunCandidate = z.object({
  candidateId: z.string().describe('exam_candidates.id, or the external candidate id'),
  external: z.boolean(),
  candidateNumber: z.string().nullable().describe('The exam candidate’s number; null for an external candidate'),
  programId: Uuid.nullable(),
  programCode: z.string().nullable(),
  rank: z.int().nullable().describe('The rank of the admitting preference'),
  score: z.number().nullable().describe('The score the candidate was admitted with'),
  admittedElsewhere: z.boolean().describe('Admitted to a program the caller does not see in detail'),
});
export const RunCandidatePage = page(RunCandidate);

export const ScoreBin = z.object({
  from: z.number(),
  to: z.number().describe('Exclusive, except for the last bin (30 included)'),
  admitted: z.int(),
  applicants: z.int().describe('Applications to the program with a score (admitted or not)'),
});
export const ProgramSummary = ProgramOutcome.extend({
  nameVi: z.string(),
  nameEn: z.string(),
  applicants: z.int().describe('Candidates who applied to the program with a score'),
  histogram: z.array(ScoreBin).describe('30 bins of one point on the 30-point scale'),
});
export const RunSummary = z.object({
  run: Run,
  published: z.boolean().describe('This run is the season’s published run'),
  programs: z.array(ProgramSummary).describe('Per program as the run had it (quota at the time of the run)'),
});

export const PublishRun = z.object({ version: Version.describe('The season’s version you read (409 when stale)') }).strict();

export const CompareQuery = PageQuery.extend({
  with: Uuid.describe('The other run (B) of the same season'),
  program: Uuid.optional().describe('Only candidates who moved into or out of this program'),
});
const RunFigures = z.object({ quota: z.int().nullable(), admitted: z.int().nullable(), cutoff: z.number().nullable() });
export const ProgramDelta = z.object({
  programId: Uuid,
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  a: RunFigures.describe('In this run (null: the program was not in it)'),
  b: RunFigures.describe('In the other run'),
  delta: RunFigures.describe('B minus A; null when either side is missing'),
});
export const Placement = z.object({ programId: Uuid, programCode: z.string(), rank: z.int(), score: z.number() });
export const CandidateMove = z.object({
  candidateId: z.string(),
  external: z.boolean(),
  candidateNumber: z.string().nullable(),
  from: Placement.nullable().describe('In this run (A); null: not admitted (or not a candidate of A)'),
  to: Placement.nullable().describe('In the other run (B)'),
});
export const RunComparison = z.object({
  a: Run,
  b: Run,
  programs: z.array(ProgramDelta),
  moved: z.int().describe('Candidates whose assignment differs (within the filter), on every page'),
  moves: page(CandidateMove),
});

// ---- the candidate's view (the exams module's public lookup)
export const PreferenceOutcome = z.enum(['admitted', 'not_admitted', 'higher_choice_admitted']);
export const LookupAdmission = z.object({
  institutionNameVi: z.string(),
  institutionNameEn: z.string(),
  seasonTitleVi: z.string(),
  seasonTitleEn: z.string(),
  year: z.int(),
  admitted: z.object({ programCode: z.string(), nameVi: z.string(), nameEn: z.string(), rank: z.int(), score: z.number() }).nullable(),
  preferences: z.array(
    z.object({
      rank: z.int(),
      programCode: z.string(),
      nameVi: z.string(),
      nameEn: z.string(),
      outcome: PreferenceOutcome.describe('higher_choice_admitted: not considered, a higher preference admitted the candidate'),
    }),
  ),
});
export type LookupAdmission = z.infer<typeof LookupAdmission>;
