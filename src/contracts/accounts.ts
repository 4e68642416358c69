import { z } from 'zod';
import { Email, IsoDate, Language, nonEmpty, PageQuery, page, PositiveInt32, SearchQuery, Secret, Text, Uuid, Version } from './common.ts';

export const Role = z.enum([
  'platform_admin',
  'institution_admin',
  'cooperation_officer',
  'coordinator',
  'member',
  'student',
  'exam_organiser',
  'admissions_officer',
]);
export type Role = z.infer<typeof Role>;
/** Roles an institution admin may grant; platform_admin is granted only by platform admins. */
export const InstitutionRole = Role.exclude(['platform_admin']);
export const TokenScope = z.enum(['directory:read', 'directory:write', 'audit:read', 'agreements:read', 'agreements:write', 'exams:read', 'exams:write', 'admissions:read', 'admissions:write']);

export const Password = Secret(10, 200);

export const Login = z.object({ email: Email, password: Secret(1, 200) }).strict();

/**
 * What the signed-in user may do before any record is open, from the server's policies (a record's own
 * `permissions` answer for that record): the web offers exactly these.
 */
export const MePermissions = z.object({
  createInstitution: z.boolean(),
  manageConsortia: z.boolean(),
  draftAgreement: z.boolean(),
  manageAccounts: z.boolean().describe('Accounts, invitations and API tokens of my institution'),
  readAudit: z.boolean(),
  readOutbox: z.boolean(),
  runExams: z.boolean().describe('Define, import and publish my institution’s exams (exam organisers, admins)'),
  readExams: z.boolean().describe('Open the exams pages: my institution’s exams, or results shared with it (admissions officers)'),
  runAdmissions: z.boolean().describe('Run my institution’s admissions: seasons, programs, preferences, runs (admissions officers, admins)'),
  grantableRoles: z.array(Role).describe('Roles I may give by edit or invitation (none without manageAccounts)'),
});
export type MePermissions = z.infer<typeof MePermissions>;

export const Me = z.object({
  user: z.object({
    id: Uuid,
    email: z.string(),
    displayName: z.string(),
    language: Language,
    roles: z.array(Role),
    personId: Uuid.nullable(),
    isSample: z.boolean(),
    version: z.number().int(),
  }),
  institution: z.object({ id: Uuid, code: z.string(), nameVi: z.string(), nameEn: z.string(), kind: z.string() }),
  roles: z.array(Role),
  permissions: MePermissions,
  dates: z
    .object({ minYear: z.int(), maxYear: z.int() })
    .describe('The years a date entered in the app may fall in (DATE_MIN_YEAR–DATE_MAX_YEAR); the server refuses others'),
  csrfToken: z.string().nullable().describe('Send as X-CSRF-Token on cookie-authenticated writes'),
});
export type Me = z.infer<typeof Me>;

export const UpdateMe = z
  .object({ displayName: nonEmpty(200).optional(), language: Language.optional(), version: Version })
  .strict();
export const ChangePassword = z.object({ currentPassword: Secret(1, 200), newPassword: Password }).strict();
export const RequestPasswordReset = z.object({ email: Email }).strict();
/** A reset or invitation link's secret. */
export const LinkToken = Secret(10, 200);
export const ResetPassword = z.object({ token: LinkToken, newPassword: Password }).strict();
export const AcceptInvitation = z.object({ token: LinkToken, password: Password }).strict();
export const InvitationPreview = z.object({
  email: z.string(),
  displayName: z.string(),
  institutionNameVi: z.string(),
  institutionNameEn: z.string(),
  roles: z.array(Role),
});

export const User = z.object({
  id: Uuid,
  institutionId: Uuid,
  email: z.string(),
  displayName: z.string(),
  language: Language,
  roles: z.array(Role),
  status: z.enum(['active', 'disabled']),
  personId: Uuid.nullable(),
  isSample: z.boolean(),
  lastLoginAt: z.string().nullable(),
  version: z.number().int(),
});
export type User = z.infer<typeof User>;
export const UserListQuery = PageQuery.extend({
  q: SearchQuery(200),
  role: Role.optional(),
  status: z.enum(['active', 'disabled']).optional(),
});
export const UserPage = page(User);
export const UpdateUser = z
  .object({
    roles: z.array(Role).min(1).max(8).optional(),
    status: z.enum(['active', 'disabled']).optional(),
    displayName: nonEmpty(200).optional(),
    personId: Uuid.nullable().optional(),
    version: Version,
  })
  .strict();

export const Invitation = z.object({
  id: Uuid,
  email: z.string(),
  displayName: z.string(),
  roles: z.array(Role),
  status: z.enum(['pending', 'accepted', 'expired', 'revoked']),
  expiresAt: z.string(),
  createdAt: z.string(),
});
export type Invitation = z.infer<typeof Invitation>;
export const InvitationList = z.object({ items: z.array(Invitation) });
export const CreateInvitation = z
  .object({
    email: Email,
    displayName: nonEmpty(200),
    roles: z.array(InstitutionRole).min(1).max(7),
    language: Language.default('vi'),
  })
  .strict();

export const ApiToken = z.object({
  id: Uuid,
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(TokenScope),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revoked: z.boolean(),
});
export const ApiTokenList = z.object({ items: z.array(ApiToken) });
export const CreateApiToken = z
  .object({
    name: nonEmpty(100),
    scopes: z.array(TokenScope).min(1),
    expiresInDays: PositiveInt32.max(3650).nullable().default(365),
  })
  .strict();
export const CreatedApiToken = ApiToken.extend({ token: z.string().describe('Shown once; store it now') });

/** A record as the audit log names it: its title in both languages and its page in the web app. */
export const AuditRecord = z.object({
  titleVi: z.string(),
  titleEn: z.string(),
  path: z.string().nullable().describe('The record\'s page in the web app (e.g. /agreements/{id}); null when it has none'),
});
export const AuditEntry = z.object({
  id: z.string(),
  actorLabel: z.string().describe('What was recorded at the time: the e-mail, `token:<name>` or `system`'),
  actorName: z.string().describe('Who acted, by name: the title and name of their person (when the reader may see it), else the account\'s display name; a token\'s name; "system"'),
  actorKind: z.enum(['user', 'token', 'system']),
  entity: z.string(),
  entityId: z.string(),
  action: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  record: AuditRecord.nullable().describe('The record the entry is about, when the reader may still see it; null when it is gone or out of reach'),
  refs: z
    .record(z.string(), AuditRecord)
    .describe('Titles of the records and areas that `before`/`after` name by id or key (e.g. unitId, successorId, areaKey), by that id or key'),
  requestId: z.string().nullable(),
  createdAt: z.string(),
});
export const AuditQuery = PageQuery.extend({
  entity: Text(50).optional(),
  action: Text(50).optional(),
  actor: SearchQuery(200),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});
export const AuditPage = page(AuditEntry);

export const OutboxMail = z.object({
  id: Uuid,
  toAddress: z.string(),
  /** Who the mail is for, by name: the account's person (title and name) or display name, or the invitee's name. */
  recipientName: z.string().nullable(),
  subject: z.string(),
  textBody: z.string(),
  template: z.string(),
  status: z.enum(['queued', 'sent', 'failed', 'outbox_only']),
  error: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export const OutboxQuery = PageQuery.extend({ status: OutboxMail.shape.status.optional() });
export const OutboxPage = page(OutboxMail);
