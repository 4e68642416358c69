import { z } from 'zod';
import { IsoDate, Int32, Int32Param, nonEmpty, PageQuery, page, SearchQuery, Text, TrimmedText, Uuid, Version } from './common.ts';
import { Metric } from './agreements.ts';

// Activities: what the parties of an agreement actually did (or plan to do) under one of its areas, and the
// progress that follows from them — each target's actual value is computed from these records, never typed.

export const ActivityKind = z.enum([
  'seminar',
  'forum',
  'workshop',
  'conference',
  'training_course',
  'lecturer_exchange',
  'student_exchange',
  'internship',
  'visit',
  'joint_publication',
  'joint_project',
  'career_event',
  'community',
  'other',
]);
export type ActivityKind = z.infer<typeof ActivityKind>;
export const ACTIVITY_KINDS = ActivityKind.options;

export const ActivityStatus = z.enum(['planned', 'done', 'cancelled']);
export type ActivityStatus = z.infer<typeof ActivityStatus>;

/** The role a participant came in; counts for large events are kept per institution and role. */
export const ParticipantRole = z.enum(['lecturer', 'researcher', 'student', 'staff', 'expert', 'other']);
export type ParticipantRole = z.infer<typeof ParticipantRole>;

/** A person from the directory who took part, in a role. The institution is the person's own. */
export const Participant = z.object({ personId: Uuid, role: ParticipantRole }).strict();
/** Anonymous participants of a large event: how many of an institution's people came in a role. */
export const ParticipantCount = z
  .object({ institutionId: Uuid, role: ParticipantRole, count: Int32.min(0).max(1_000_000) })
  .strict();

export const Recurrence = z
  .object({
    every: z.enum(['week', 'month', 'semester']),
    until: IsoDate.describe('The last date an occurrence may start on'),
  })
  .strict()
  .describe('Repeat the planned activity: one occurrence per week, month or semester (6 months) until the date; at most 500');

const activityFields = {
  areaKey: Text(40).regex(/^[a-z0-9-]{1,40}$/).describe("The agreement area's key the activity is under"),
  kind: ActivityKind,
  status: ActivityStatus.default('planned'),
  titleVi: nonEmpty(300),
  titleEn: nonEmpty(300),
  descriptionVi: Text(8000).default(''),
  descriptionEn: Text(8000).default(''),
  startDate: IsoDate,
  endDate: IsoDate,
  place: TrimmedText(300).default(''),
  online: z.boolean().default(false),
  outcomes: Text(8000).default(''),
  isPublic: z.boolean().default(false).describe('Shown on the public portal later; every party sees every activity'),
  organiserIds: z.array(Uuid).min(1).max(50).describe('The organising parties (institutions of the agreement)'),
  participants: z.array(Participant).max(2000).default([]),
  counts: z.array(ParticipantCount).max(200).default([]),
};

export const CreateActivity = z.object({ ...activityFields, recurrence: Recurrence.nullable().default(null) }).strict();
export type CreateActivity = z.infer<typeof CreateActivity>;
export const UpdateActivity = z
  .object({
    version: Version,
    areaKey: activityFields.areaKey.optional(),
    kind: ActivityKind.optional(),
    status: ActivityStatus.optional(),
    titleVi: nonEmpty(300).optional(),
    titleEn: nonEmpty(300).optional(),
    descriptionVi: Text(8000).optional(),
    descriptionEn: Text(8000).optional(),
    startDate: IsoDate.optional(),
    endDate: IsoDate.optional(),
    place: TrimmedText(300).optional(),
    online: z.boolean().optional(),
    outcomes: Text(8000).optional(),
    isPublic: z.boolean().optional(),
    organiserIds: activityFields.organiserIds.optional(),
    participants: z.array(Participant).max(2000).optional(),
    counts: z.array(ParticipantCount).max(200).optional(),
  })
  .strict();
export type UpdateActivity = z.infer<typeof UpdateActivity>;

export const ActivityPermissions = z.object({ edit: z.boolean() });
export const ActivityView = z.object({
  id: Uuid,
  agreementId: Uuid,
  agreementTitle: z.string(),
  areaKey: z.string(),
  areaTitle: z.string(),
  kind: ActivityKind,
  status: ActivityStatus,
  titleVi: z.string(),
  titleEn: z.string(),
  descriptionVi: z.string(),
  descriptionEn: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  place: z.string(),
  online: z.boolean(),
  outcomes: z.string(),
  isPublic: z.boolean(),
  seriesId: Uuid.nullable(),
  organisers: z.array(z.object({ institutionId: Uuid, code: z.string(), name: z.string() })),
  participants: z.array(
    z.object({ personId: Uuid, role: ParticipantRole, name: z.string(), institutionId: Uuid, institutionCode: z.string() }),
  ),
  counts: z.array(ParticipantCount.extend({ institutionCode: z.string() })),
  peopleCount: z.number().int().describe('Named participants plus counted ones'),
  evidence: z
    .array(z.object({ documentId: Uuid, title: z.string(), fileId: Uuid, fileName: z.string(), mimeType: z.string(), size: z.number().int() }))
    .describe('Files showing what happened (documents of kind `evidence`: POST /agreements/{id}/documents with `activityId`)'),
  createdBy: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  permissions: ActivityPermissions,
});
export type ActivityView = z.infer<typeof ActivityView>;
export const ActivityCreated = z.object({ items: z.array(ActivityView).describe('The activity, or every occurrence of a recurrence') });

export const ActivityListQuery = PageQuery.extend({
  status: ActivityStatus.optional(),
  kind: ActivityKind.optional(),
  areaKey: Text(40).regex(/^[a-z0-9-]{1,40}$/).optional(),
  year: Int32Param.min(1900).max(2200).optional(),
  q: SearchQuery(),
  target: Text(81)
    .regex(/^[a-z0-9-]{1,40}\.[a-z0-9-]{1,40}$/)
    .optional()
    .describe('`<area key>.<target key>`: only the records a target counts (its metric’s kinds, done, under its area, starting within its period)'),
  commitment: Text(81)
    .regex(/^[a-z0-9-]{1,40}\.[a-z0-9-]{1,40}$/)
    .optional()
    .describe(
      '`<area key>.<commitment key>`: only the records a quantified commitment counts (done, under its area, organised by the committing party, with people of the receiving party, within the period of its progress figure)',
    ),
});
export const ActivityList = page(ActivityView).extend({
  total: z.number().int(),
  /** What the caller may record under this agreement: in every area, or in these areas (as their point of contact). */
  permissions: z.object({ record: z.boolean(), recordAreas: z.array(z.string()) }),
});

// Progress ---------------------------------------------------------------------------------------------------

/** How a target stands: its share achieved compared with the share of its period elapsed. */
export const TargetStatus = z.enum(['not_started', 'on_track', 'behind', 'at_risk', 'achieved', 'missed']);
export type TargetStatus = z.infer<typeof TargetStatus>;

export const TargetProgress = z.object({
  areaKey: z.string(),
  areaTitle: z.string(),
  targetKey: z.string(),
  metric: Metric,
  metricName: z.string(),
  metricDefinition: z.string().describe("How the actual value is computed, in the reader's language"),
  measured: z.boolean().describe('false: no records of this metric exist yet in hoptac (e.g. admissions before that module)'),
  periodStart: z.string(),
  periodEnd: z.string(),
  target: z.number(),
  actual: z.number(),
  share: z.number().describe('actual / target, 0…'),
  elapsed: z.number().describe('The share of the period elapsed today, 0…1'),
  status: TargetStatus,
});
export type TargetProgress = z.infer<typeof TargetProgress>;

export const AgreementProgress = z.object({
  agreementId: Uuid,
  asOf: z.string(),
  targets: z.array(TargetProgress),
  summary: z.object({
    targets: z.number().int(),
    achieved: z.number().int(),
    onTrack: z.number().int(),
    behind: z.number().int(),
    atRisk: z.number().int(),
    share: z.number().describe('Mean share achieved over the targets (each capped at 1)'),
  }),
  activities: z.object({ planned: z.number().int(), done: z.number().int(), cancelled: z.number().int(), lastDone: z.string().nullable() }),
  /**
   * Quantified commitments (a party provides N to another, or to all others, per year or over the agreement): the
   * people of the receiving party in the area's done activities the committing party organised, in the current
   * year (per year) or since the start. The records behind a figure: GET …/activities?commitment=<area>.<key>.
   */
  commitments: z.array(
    z.object({
      areaKey: z.string(),
      areaTitle: z.string(),
      commitmentKey: z.string(),
      text: z.string().describe("The commitment's text in the caller's language"),
      fromInstitutionId: Uuid,
      fromCode: z.string(),
      toInstitutionId: Uuid.nullable(),
      toCode: z.string().nullable().describe('null: every other party'),
      quantity: z.number(),
      perYear: z.boolean(),
      periodStart: z.string(),
      periodEnd: z.string(),
      actual: z.number(),
      share: z.number(),
    }),
  ),
});
export type AgreementProgress = z.infer<typeof AgreementProgress>;

export const DashboardQuery = z.object({
  year: Int32Param.min(1900).max(2200).optional().describe('Calendar year; default: the current one'),
  partnerId: Uuid.optional().describe("Only agreements with this partner institution"),
  areaKind: Text(40).regex(/^[a-z_]{1,40}$/).optional(),
});

export const Dashboard = z.object({
  institutionId: Uuid,
  year: z.number().int(),
  agreementsByStatus: z.array(z.object({ status: z.string(), count: z.number().int() })),
  agreementsByCountry: z.array(z.object({ country: z.string(), count: z.number().int() })),
  activitiesByMonth: z.array(z.object({ month: z.string(), done: z.number().int(), planned: z.number().int() })),
  activitiesByKind: z.array(z.object({ kind: ActivityKind, count: z.number().int() })),
  targets: z.object({ total: z.number().int(), achieved: z.number().int(), onTrack: z.number().int(), behind: z.number().int(), atRisk: z.number().int() }),
  targetsAtRisk: z.array(TargetProgress.extend({ agreementId: Uuid, agreementTitle: z.string() })),
  expiringSoon: z.array(z.object({ agreementId: Uuid, title: z.string(), endDate: z.string() })),
  dormant: z.array(z.object({ agreementId: Uuid, title: z.string(), lastDone: z.string().nullable() })),
  partners: z.array(
    z.object({ institutionId: Uuid, code: z.string(), name: z.string(), country: z.string(), agreements: z.number().int(), activitiesDone: z.number().int() }),
  ),
  dormantMonths: z.number().int(),
});
export type Dashboard = z.infer<typeof Dashboard>;

export const ExchangeBalanceQuery = z.object({ partnerId: Uuid, year: Int32Param.min(1900).max(2200).optional() });
export const ExchangeBalance = z.object({
  institutionId: Uuid,
  partnerId: Uuid,
  year: z.number().int().nullable(),
  sent: z.number().int().describe('People of the institution in exchange activities organised by the partner'),
  received: z.number().int().describe("The partner's people in exchange activities organised by the institution"),
  activityIds: z.array(Uuid),
});

// Bulk import from a file ---------------------------------------------------------------------------------------

/** `preview` saves nothing; `all` saves every row or none (one transaction); `valid-only` saves the valid rows. */
export const ActivityImportMode = z.enum(['preview', 'all', 'valid-only']);
export type ActivityImportMode = z.infer<typeof ActivityImportMode>;

/** The columns of an import file, by their machine keys (the template's headers end with them: `… [areaKey]`). */
export const ACTIVITY_IMPORT_COLUMNS = [
  'areaKey',
  'kind',
  'status',
  'titleVi',
  'titleEn',
  'startDate',
  'endDate',
  'place',
  'online',
  'outcomes',
  'organisers',
  'counts',
  'participants',
] as const;
export const ActivityImportColumn = z.enum(ACTIVITY_IMPORT_COLUMNS);
export type ActivityImportColumn = z.infer<typeof ActivityImportColumn>;

export const ActivityImportTemplateQuery = z.object({
  format: z.enum(['xlsx', 'csv']).default('xlsx').describe('XLSX (with a sheet of the accepted values) or CSV (the header row)'),
});

export const ActivityImportProblem = z.object({
  row: z.number().int().describe('The row of the file (the header is row 1)'),
  column: ActivityImportColumn.nullable().describe('The column, by its machine key; null for a problem of the whole row'),
  columnLabel: z.string().describe("The column's name in the reader's language"),
  code: z.string(),
  message: z.string().describe("What is wrong, in the reader's language"),
});
export type ActivityImportProblem = z.infer<typeof ActivityImportProblem>;

export const ActivityImportResult = z.object({
  mode: ActivityImportMode,
  sha256: z.string().describe("The SHA-256 of the file's bytes: the same file under the same agreement is imported once"),
  alreadyImported: z.boolean().describe('This file was imported under the agreement before; nothing was created now'),
  importId: Uuid.nullable().describe('The import that created activities from this file (now or before)'),
  importedAt: z.string().nullable(),
  rows: z.number().int().describe('Data rows in the file (empty rows left out)'),
  validRows: z.number().int(),
  invalidRows: z.number().int(),
  created: z.number().int().describe('Activities created by this request (0 for a preview, a refused `all` or a re-upload)'),
  previouslyCreated: z.number().int().describe('Activities the earlier import of this file created (0 when none)'),
  problems: z.array(ActivityImportProblem).describe('Every problem of every bad row, in row order'),
});
export type ActivityImportResult = z.infer<typeof ActivityImportResult>;
