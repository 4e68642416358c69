import { z } from 'zod';
import {
  CountryFilter,
  Int32,
  Int32Param,
  IsoDate,
  nonEmpty,
  PageQuery,
  Pattern,
  page,
  PositiveInt32,
  Quantity,
  SearchQuery,
  Text,
  TrimmedText,
  Uuid,
} from './common.ts';

// Agreements: the content (what parties approve) is one document, versioned and hashed; status,
// visibility, documents, comments and notes live beside it and are not part of the hash.
export const AgreementKind = z.enum(['mou', 'cooperation', 'strategic', 'specific', 'annex']);
export const AgreementStatus = z.enum([
  'draft',
  'negotiation',
  'awaiting_approval',
  'active',
  'expiring',
  'expired',
  'terminated',
  'renewed',
]);
export type AgreementStatus = z.infer<typeof AgreementStatus>;
export const AgreementVisibility = z.enum(['parties', 'consortium', 'public']);
export type AgreementVisibility = z.infer<typeof AgreementVisibility>;
/**
 * Documents attached to an agreement: the signed copy (in force once every party approved), working documents, and the
 * evidence of an activity (uploaded with the activity's id).
 */
export const DocumentKind = z.enum(['signed', 'annex', 'minutes', 'other', 'evidence']);
export type DocumentKind = z.infer<typeof DocumentKind>;
export const AreaKind = z.enum([
  'training',
  'research',
  'exchange',
  'internship',
  'admissions',
  'services',
  'digital_transformation',
  'custom',
]);
export const RenewalRule = z.enum(['none', 'automatic', 'decision']);
export const METRICS = [
  'lecturer_exchanges',
  'student_exchanges',
  'students_placed',
  'seminars_held',
  'trainings_held',
  'staff_trained',
  'joint_publications',
  'joint_projects',
  'delegations',
  'admitted_students',
] as const;
export const Metric = z.enum(METRICS);

const key = Text(40)
  .regex(/^[a-z0-9-]{1,40}$/)
  .describe('Stable key within the agreement, e.g. "research" or "t1"');

export const Party = z.object({ institutionId: Uuid, unitId: Uuid.nullable().default(null) }).strict();
export const Contact = z.object({ institutionId: Uuid, personId: Uuid }).strict();
export const Commitment = z
  .object({
    key,
    fromInstitutionId: Uuid,
    toInstitutionId: Uuid.nullable().default(null).describe('null = all other parties'),
    textVi: nonEmpty(2000),
    textEn: nonEmpty(2000),
    quantity: Quantity.nullable().default(null),
    perYear: z.boolean().default(false),
  })
  .strict();
export const Target = z
  .object({
    key,
    metric: Metric,
    periodStart: IsoDate,
    periodEnd: IsoDate,
    value: Quantity,
  })
  .strict();
export const Area = z
  .object({
    key,
    kind: AreaKind,
    titleVi: nonEmpty(300),
    titleEn: nonEmpty(300),
    descriptionVi: Text(8000).default(''),
    descriptionEn: Text(8000).default(''),
    contacts: z.array(Contact).max(50).default([]),
    commitments: z.array(Commitment).max(100).default([]),
    targets: z.array(Target).max(100).default([]),
  })
  .strict();

/** What the parties approve. Its SHA-256 over the canonical form (docs/agreement-hash.md) names a version. */
export const AgreementContent = z
  .object({
    kind: AgreementKind,
    parentId: Uuid.nullable().default(null).describe('The framework agreement this one is under (specific, annex)'),
    titleVi: nonEmpty(500),
    titleEn: nonEmpty(500),
    summaryVi: Text(20000).default(''),
    summaryEn: Text(20000).default(''),
    signingPlace: TrimmedText(300).nullable().default(null),
    signingDate: IsoDate.nullable().default(null),
    startDate: IsoDate,
    endDate: IsoDate.nullable().default(null).describe('null = open-ended'),
    renewal: RenewalRule.default('none'),
    renewalYears: PositiveInt32.max(50).nullable().default(null),
    parties: z.array(Party).min(2).max(50),
    areas: z.array(Area).max(50).default([]),
  })
  .strict();
export type AgreementContent = z.infer<typeof AgreementContent>;

export const CreateAgreement = z
  .object({ content: AgreementContent, visibility: AgreementVisibility.default('parties') })
  .strict();
export const UpdateAgreement = z
  .object({
    baseVersion: PositiveInt32.describe('The content version the edit starts from; a stale one answers 409'),
    content: AgreementContent.optional(),
    visibility: AgreementVisibility.optional(),
    changeNote: TrimmedText(1000).optional(),
  })
  .strict();

export const PartyView = z.object({
  institutionId: Uuid,
  unitId: Uuid.nullable(),
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  kind: z.string(),
  country: z.string(),
  unitNameVi: z.string().nullable(),
  unitNameEn: z.string().nullable(),
});

/**
 * Who did something to an agreement, as people are named (docs/agreement-visibility.md): the person's title and
 * full name when the account speaks for a person the reader may see in the directory, else the account's
 * display name; an API token by its name; the platform's own jobs as "system" (localized). The e-mail goes
 * beside it, for the parties only (null for others, tokens and the system).
 */
const ActorName = z.string().describe('Title and name of who did it (or the account\'s display name, a token\'s name, "system")');
const ActorEmail = z.string().nullable().describe('Their e-mail, for the parties only; null for others, tokens and the system');

export const Approval = z.object({
  id: Uuid,
  institutionId: Uuid,
  institutionCode: z.string(),
  versionNo: z.int(),
  contentHash: z.string(),
  approvedBy: z.string().describe('Kept for existing clients: the same as approvedByName'),
  approvedByName: ActorName,
  approvedByEmail: ActorEmail,
  approvedAt: z.string(),
  voided: z.boolean(),
  /** Set when an edit voided the approval: the version that replaced the approved one. */
  voidedByVersion: z.int().nullable(),
  voidReason: z.string().nullable(),
  /** The approval's hash equals the hash recomputed now from that version's stored content. */
  verified: z.boolean(),
});

export const AgreementSummary = z.object({
  id: Uuid,
  kind: AgreementKind,
  status: AgreementStatus,
  visibility: AgreementVisibility,
  titleVi: z.string(),
  titleEn: z.string(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  signingDate: z.string().nullable(),
  parties: z.array(PartyView.pick({ institutionId: true, code: true, nameVi: true, nameEn: true })),
  areaKinds: z.array(AreaKind),
  versionNo: z.int(),
  updatedAt: z.string(),
});
export const AgreementPage = page(AgreementSummary);

/** Who sees an agreement how (docs/agreement-visibility.md): its parties the whole file, others what was announced. */
export const AgreementView = z.enum(['full', 'announcement']);
export type AgreementView = z.infer<typeof AgreementView>;

const WITHHELD = 'Absent in the announcement view (view = "announcement"): for the parties only';
/** An area as the API answers it: in the announcement view only its key, kind and titles. */
export const AreaView = Area.extend({
  descriptionVi: z.string().optional().describe(WITHHELD),
  descriptionEn: z.string().optional().describe(WITHHELD),
  contacts: z.array(Contact).optional().describe(WITHHELD),
  commitments: z.array(Commitment).optional().describe(WITHHELD),
  targets: z.array(Target).optional().describe(WITHHELD),
});
/**
 * The content as the API answers it: all of it for the parties (view = "full"), and in the announcement view
 * kind, framework, titles, summaries, signing place and date, start and end, parties and areas (key, kind,
 * titles) — the renewal terms, area descriptions, contacts, commitments and targets are absent.
 */
export const AgreementContentView = AgreementContent.extend({
  renewal: RenewalRule.optional().describe(WITHHELD),
  renewalYears: z.int().nullable().optional().describe(WITHHELD),
  areas: z.array(AreaView),
});

export const Agreement = z.object({
  id: Uuid,
  status: AgreementStatus,
  visibility: AgreementVisibility,
  /** `full` for the parties (and platform admins); `announcement` for every other institution that sees it. */
  view: AgreementView,
  versionNo: z.int(),
  contentHash: z.string(),
  content: AgreementContentView,
  parties: z.array(PartyView),
  /** The points of contact, by person id (empty in the announcement view). */
  people: z.record(z.string(), z.object({ fullName: z.string(), title: z.string().nullable(), institutionId: Uuid })),
  /**
   * The approvals given, and those voided by edits; empty when the caller does not read them
   * (permissions.readApprovals false: the announcement view, a party's members before the agreement is signed).
   * A party's members read only the approvals that stand.
   */
  approvals: z.array(Approval),
  /** Every party approved the current version; false when the caller does not read the approvals (permissions.readApprovals). */
  fullyApproved: z.boolean(),
  /** The signed copy; null when there is none or the caller does not read the documents. */
  signedDocumentId: Uuid.nullable(),
  /** Why the status changed (e.g. a termination); null in the announcement view. */
  statusReason: z.string().nullable(),
  noticeDate: z.string().nullable(),
  successorId: Uuid.nullable(),
  predecessorId: Uuid.nullable(),
  children: z.array(z.object({ id: Uuid, kind: AgreementKind, titleVi: z.string(), titleEn: z.string(), status: AgreementStatus })),
  /** What the caller may do with it (agreements/policy.ts); the web offers only these actions. */
  permissions: z.object({
    /** Edit the content or the visibility (a party's officer or admin, while the agreement is open). */
    edit: z.boolean(),
    /** Approve the current version for my institution. */
    approve: z.boolean(),
    /** Change the status, start a renewal. */
    transition: z.boolean(),
    /** Comment and propose changes (a party's officers, admins and coordinators). */
    comment: z.boolean(),
    /** Write my institution's private note (every member of a party reads it). */
    note: z.boolean(),
    /** Attach working documents: annexes, minutes, other. */
    attach: z.boolean(),
    /** Attach the signed copy, which can bring the agreement into force (a party's officers and admins). */
    attachSigned: z.boolean(),
    /** Read the parties' comments and proposals (a party's officers, admins and coordinators). */
    readDiscussion: z.boolean(),
    /** Read my institution's private note (a party's officers, admins and coordinators). */
    readNote: z.boolean(),
    /** Read the versions and their differences (a party's officers, admins and coordinators). */
    readVersions: z.boolean(),
    /** Read the documents (the negotiators; a party's members once the agreement is signed). */
    readDocuments: z.boolean(),
    /** Read who approved which version (the negotiators; a party's members once the agreement is signed). */
    readApprovals: z.boolean(),
  }),
  myInstitutionIsParty: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Agreement = z.infer<typeof Agreement>;

export const AgreementListQuery = PageQuery.extend({
  q: SearchQuery(200),
  partnerId: Uuid.optional(),
  partnerKind: z.enum(['university', 'hospital', 'institute', 'business', 'agency']).optional(),
  country: CountryFilter,
  kind: AgreementKind.optional(),
  status: AgreementStatus.optional(),
  areaKind: AreaKind.optional(),
  unitId: Uuid.optional(),
  expiringWithinDays: Int32Param.min(0).max(3650).optional(),
  sort: z.enum(['title', 'start', 'end', 'updated']).default('updated'),
});

export const AgreementStatusSummary = z.object({
  total: z.int(),
  byStatus: z.partialRecord(AgreementStatus, z.int()),
});

export const VersionInfo = z.object({
  versionNo: z.int(),
  contentHash: z.string(),
  createdBy: z.string().describe('Kept for existing clients: the same as createdByName'),
  createdByName: ActorName,
  createdByEmail: ActorEmail,
  createdAt: z.string(),
  changeNote: z.string().nullable(),
});
export const VersionList = z.object({ items: z.array(VersionInfo) });
export const VersionDetail = VersionInfo.extend({ content: AgreementContent });

export const DiffEntry = z.object({
  path: z.string().describe('e.g. "titleEn", "areas[research].targets[t1].value", "parties"'),
  change: z.enum(['added', 'removed', 'changed']),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});
export const VersionDiff = z.object({ from: z.int(), to: z.int(), entries: z.array(DiffEntry) });

export const Approve = z.object({ contentHash: Pattern(/^[0-9a-f]{64}$/, 64) }).strict();

export const Transition = z
  .object({
    to: AgreementStatus,
    reason: TrimmedText(2000).optional(),
    noticeDate: IsoDate.optional(),
  })
  .strict();

export const Comment = z.object({
  id: Uuid,
  kind: z.enum(['comment', 'proposal']),
  areaKey: z.string().nullable(),
  clause: z.string().nullable(),
  body: z.string(),
  authorName: ActorName,
  authorEmail: ActorEmail,
  institutionCode: z.string(),
  versionNo: z.int(),
  createdAt: z.string(),
});
export const CommentList = z.object({ items: z.array(Comment) });
export const CreateComment = z
  .object({
    kind: z.enum(['comment', 'proposal']).default('comment'),
    areaKey: Text(40).nullable().default(null),
    clause: TrimmedText(300).nullable().default(null),
    body: nonEmpty(10000),
  })
  .strict();

export const PrivateNote = z.object({ body: z.string(), version: z.int(), updatedAt: z.string().nullable() });
export const UpdatePrivateNote = z.object({ body: Text(20000), version: Int32.min(0) }).strict();

/** What happened, as the reader may see it (docs/agreement-visibility.md): only entries of what they read. */
export const TimelineEntry = z.object({
  at: z.string(),
  action: z.string(),
  actor: z.string().describe('Kept for existing clients: the same as actorName'),
  actorName: ActorName,
  actorEmail: ActorEmail,
  detail: z.unknown().nullable(),
});
export const Timeline = z.object({ items: z.array(TimelineEntry) });

export const MetricInfo = z.object({ code: Metric, nameVi: z.string(), nameEn: z.string() });

/** An agreement as listed on a person's or an institution's page (the person is a point of contact, the institution a party). */
export const LinkedAgreement = z.object({
  id: Uuid,
  kind: AgreementKind,
  status: AgreementStatus,
  titleVi: z.string(),
  titleEn: z.string(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  /** The areas the person is a point of contact of (empty on an institution's page). */
  areas: z.array(z.object({ key: z.string(), titleVi: z.string(), titleEn: z.string() })),
});
export type LinkedAgreement = z.infer<typeof LinkedAgreement>;
export const LinkedAgreementList = z.object({ items: z.array(LinkedAgreement) });
