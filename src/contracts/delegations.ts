import { z } from 'zod';
import { IsoDate, Int32Param, nonEmpty, PageQuery, page, Text, TrimmedText, Uuid, Version } from './common.ts';

// Delegations (đoàn vào / đoàn ra) under an agreement: a request to receive a partner's delegation (`incoming`) or
// to send one's own staff (`outgoing`), approved by the handling institution's leadership, its programme, the
// guests' personal data (for the visa invitation letter and the temporary-residence notice; visible to the
// handling office only, every view audited, erased after the visit) and the report, which becomes an activity.
// docs/delegations.md says who sees what.

export const DelegationDirection = z.enum(['incoming', 'outgoing']);
export type DelegationDirection = z.infer<typeof DelegationDirection>;
export const DelegationStatus = z.enum(['draft', 'submitted', 'approved', 'rejected', 'done', 'cancelled']);
export type DelegationStatus = z.infer<typeof DelegationStatus>;
export const BudgetSource = z.enum(['institution', 'partner', 'project', 'state', 'sponsor', 'other']);
export const Gender = z.enum(['female', 'male', 'other']);

// A country ICU names (Intl.DisplayNames answers an unknown code with the code itself): no `XX`, `QQ` on a visa
// letter. `ZZ` (unknown region) and the groupings (EU, UN) are not nationalities either.
const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
const isCountry = (code: string) => {
  if (!/^[A-Z]{2}$/.test(code)) return true; // the format check speaks for it (`of` throws on such codes)
  return !['ZZ', 'EU', 'EZ', 'UN', 'QO'].includes(code) && regionNames.of(code) !== code;
};
const Nationality = TrimmedText(2)
  .toUpperCase()
  .regex(/^[A-Z]{2}$/)
  .refine(isCountry, { params: { code: 'invalid_value' } })
  .describe('ISO 3166-1 alpha-2 country code (RU, JP, …)');

/** A guest of an incoming delegation, with the personal data the visa and residence paperwork needs. */
export const GuestInput = z
  .object({
    fullName: nonEmpty(200).describe('As in the passport'),
    title: TrimmedText(200).default('').describe('Title and position (Prof., Vice-Rector)'),
    gender: Gender,
    dateOfBirth: IsoDate,
    nationality: Nationality,
    passportNumber: TrimmedText(20)
      .toUpperCase()
      .regex(/^[A-Z0-9]{5,20}$/),
    passportExpiry: IsoDate.describe('Must not end before the visit does'),
  })
  .strict();
export type GuestInput = z.infer<typeof GuestInput>;

/** One of the handling institution's staff travelling (outgoing) or hosting (incoming), from the directory. */
export const MemberInput = z.object({ personId: Uuid, role: TrimmedText(200).default('').describe('Head of delegation, interpreter, …') }).strict();

export const ProgrammeItem = z
  .object({
    date: IsoDate,
    time: TrimmedText(5)
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
      .or(z.literal(''))
      .default(''),
    what: nonEmpty(300),
    where: TrimmedText(300).default(''),
  })
  .strict();
export type ProgrammeItem = z.infer<typeof ProgrammeItem>;

const fields = {
  areaKey: Text(40).regex(/^[a-z0-9-]{1,40}$/).describe("The agreement area the visit is under (its report's activity goes there)"),
  partnerId: Uuid.describe('The other party: who visits us (incoming) or whom we visit (outgoing)'),
  titleVi: nonEmpty(300),
  titleEn: nonEmpty(300),
  purposeVi: nonEmpty(4000),
  purposeEn: nonEmpty(4000),
  startDate: IsoDate,
  endDate: IsoDate,
  budgetSource: BudgetSource,
  budgetNote: TrimmedText(1000).default(''),
  lodging: TrimmedText(300).default('').describe('Where the guests stay (for the temporary-residence notice)'),
  members: z.array(MemberInput).max(100).default([]),
  guests: z.array(GuestInput).max(100).default([]).describe('Incoming delegations only; the handling office only'),
  programme: z.array(ProgrammeItem).max(200).default([]),
};

export const CreateDelegation = z
  .object({
    direction: DelegationDirection,
    institutionId: Uuid.optional().describe('The handling institution (a party); default: the caller’s'),
    ...fields,
  })
  .strict();
export type CreateDelegation = z.infer<typeof CreateDelegation>;

export const UpdateDelegation = z
  .object({
    version: Version,
    areaKey: fields.areaKey.optional(),
    partnerId: fields.partnerId.optional(),
    titleVi: nonEmpty(300).optional(),
    titleEn: nonEmpty(300).optional(),
    purposeVi: nonEmpty(4000).optional(),
    purposeEn: nonEmpty(4000).optional(),
    startDate: IsoDate.optional(),
    endDate: IsoDate.optional(),
    budgetSource: BudgetSource.optional(),
    budgetNote: TrimmedText(1000).optional(),
    lodging: TrimmedText(300).optional(),
    members: z.array(MemberInput).max(100).optional(),
    guests: z.array(GuestInput).max(100).optional().describe('Replaces every guest (the handling office only)'),
    programme: z.array(ProgrammeItem).max(200).optional(),
  })
  .strict();
export type UpdateDelegation = z.infer<typeof UpdateDelegation>;

export const SubmitDelegation = z
  .object({
    version: Version,
    approverIds: z.array(Uuid).max(10).default([]).describe('Named approvers (users of the handling institution); none: its leadership'),
  })
  .strict();
export const DecideDelegation = z
  .object({
    version: Version,
    decision: z.enum(['approve', 'reject']),
    comment: TrimmedText(2000).default('').describe('Required when rejecting'),
  })
  .strict();
export const CancelDelegation = z.object({ version: Version, reason: nonEmpty(2000) }).strict();
export const SetProgramme = z.object({ version: Version, programme: z.array(ProgrammeItem).max(200) }).strict();
export const ReportDelegation = z
  .object({
    version: Version,
    outcomes: nonEmpty(8000).describe('What the visit achieved; becomes the activity’s outcomes'),
  })
  .strict();

export const DelegationPermissions = z.object({
  edit: z.boolean(),
  submit: z.boolean(),
  decide: z.boolean(),
  cancel: z.boolean(),
  report: z.boolean(),
  editProgramme: z.boolean(),
  readGuests: z.boolean().describe('The handling office: guests’ personal data and the generated documents'),
});

export const Delegation = z.object({
  id: Uuid,
  agreementId: Uuid,
  agreementTitle: z.string(),
  areaKey: z.string(),
  direction: DelegationDirection,
  status: DelegationStatus,
  institutionId: Uuid,
  institutionCode: z.string(),
  institutionName: z.string(),
  partnerId: Uuid,
  partnerCode: z.string(),
  partnerName: z.string(),
  titleVi: z.string(),
  titleEn: z.string(),
  purposeVi: z.string(),
  purposeEn: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  budgetSource: BudgetSource,
  budgetNote: z.string(),
  lodging: z.string(),
  members: z.array(z.object({ personId: Uuid, name: z.string(), role: z.string() })),
  guestCount: z.number().int().describe('How many guests; their personal data is at `GET /delegations/{id}/guests`'),
  guestsErased: z.boolean().describe('The guests’ personal data was erased after the visit'),
  programme: z.array(ProgrammeItem),
  approvers: z.array(z.object({ userId: Uuid, name: z.string() })).describe('Named approvers; empty: the leadership'),
  decision: z
    .object({ decision: z.enum(['approve', 'reject']), by: z.string(), at: z.string(), comment: z.string() })
    .nullable(),
  cancelReason: z.string().nullable(),
  outcomes: z.string().nullable(),
  activityId: Uuid.nullable().describe('The activity the report created'),
  createdBy: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  permissions: DelegationPermissions,
});
export type Delegation = z.infer<typeof Delegation>;

export const DelegationSummary = Delegation.pick({
  id: true,
  agreementId: true,
  agreementTitle: true,
  direction: true,
  status: true,
  institutionId: true,
  institutionCode: true,
  partnerId: true,
  partnerCode: true,
  partnerName: true,
  titleVi: true,
  titleEn: true,
  startDate: true,
  endDate: true,
  guestCount: true,
});
export type DelegationSummary = z.infer<typeof DelegationSummary>;

export const DelegationListQuery = PageQuery.extend({
  direction: DelegationDirection.optional(),
  status: DelegationStatus.optional(),
  year: Int32Param.min(1900).max(2200).optional(),
  agreementId: Uuid.optional(),
});
export const DelegationList = page(DelegationSummary).extend({
  permissions: z.object({ request: z.boolean().describe('The caller may request delegations (under agreements of its institution)') }),
});

export const Guest = z.object({
  id: Uuid,
  fullName: z.string(),
  title: z.string(),
  gender: Gender,
  dateOfBirth: z.string(),
  nationality: z.string(),
  passportNumber: z.string(),
  passportExpiry: z.string(),
});
export const GuestList = z.object({
  erased: z.boolean().describe('The personal data was erased after the visit: no guests are listed'),
  erasedAt: z.string().nullable(),
  items: z.array(Guest),
});
