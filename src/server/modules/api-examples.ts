import type { z } from 'zod';
import type {
  AcceptInvitation,
  ApiTokenList,
  AuditPage,
  ChangePassword,
  CreateApiToken,
  CreatedApiToken,
  CreateInvitation,
  Invitation,
  InvitationList,
  InvitationPreview,
  Login,
  Me,
  OutboxPage,
  RequestPasswordReset,
  ResetPassword,
  UpdateMe,
  UpdateUser,
  User,
  UserPage,
} from '../../contracts/accounts.ts';
import type {
  Agreement,
  AgreementContent,
  AgreementPage,
  AgreementStatusSummary,
  Approve,
  Comment,
  CommentList,
  CreateAgreement,
  CreateComment,
  LinkedAgreementList,
  MetricInfo,
  PrivateNote,
  Timeline,
  Transition,
  UpdateAgreement,
  UpdatePrivateNote,
  VersionDetail,
  VersionDiff,
  VersionList,
} from '../../contracts/agreements.ts';
import type { Ok } from '../../contracts/common.ts';
import type {
  Consortium,
  ConsortiumList,
  CreateConsortium,
  CreateInstitution,
  CreatePerson,
  CreateUnit,
  Institution,
  InstitutionPage,
  Person,
  PersonPage,
  SetConsortiumMembers,
  Unit,
  UnitList,
  UpdateInstitution,
  UpdatePerson,
  UpdateUnit,
} from '../../contracts/directory.ts';
import type {
  ActivityCreated,
  ActivityImportResult,
  ActivityList,
  ActivityView,
  AgreementProgress,
  CreateActivity,
  Dashboard,
  ExchangeBalance,
  UpdateActivity,
} from '../../contracts/activities.ts';
import type { Home } from '../../contracts/home.ts';
import type { NotificationList, NotificationPreferences, SetNotificationPreferences } from '../../contracts/notifications.ts';

// Examples for the OpenAPI document (GET /api/docs/json): one request body and one answer per operation, taken
// from the demo's HUST–Bach Mai memorandum. Routes attach them with `.meta({ examples: [...] })`; @fastify/swagger
// turns them into each media type's `example`, and platform/openapi.test.ts has Redocly check every example
// against its schema (`no-invalid-media-type-examples`). Typed against the contracts, so a change of shape
// that forgets an example fails to type-check.

type In<T extends z.ZodType> = z.input<T>;
type Out<T extends z.ZodType> = z.output<T>;

const HUST = '4ea18235-afd4-4a8b-8d63-b905af44c0de';
const BMH = '9d2f6c1a-3b7e-4f05-8a6d-2c4e8b1f7a90';
const SOICT = '1b8e4d2c-6a3f-4e71-9c05-7d2a5f8e3b16';
const NGOC = '6c3a9e1f-2d4b-4c87-b0e5-8f1d7a2c9e43';
const THINH = '2f7d1b9e-5c3a-4e68-a2d0-9b4e6c1f8a27';
const OFFICER = 'b5e2a8c1-7d4f-4b39-8e06-3a9c1f5d2e84';
const AGREEMENT = 'df7e5292-0bee-439f-81f5-a6f13f328394';
const CONSORTIUM = '8a1c5e3f-9b2d-4f76-a4e8-1d6b3c9f5a02';
const INVITATION = 'c7f3b1e9-4a2d-4c68-9e15-6b8d2a4f1c73';
const TOKEN = 'e1d9c7b5-3a2f-4e84-b6c0-5f8a1d3e9b26';
const COMMENT = '3e8b2d6f-1c9a-4f57-8b3e-7a2d5c9f1e60';
const NOTIFICATION = '7b4f9e2a-6d1c-4a83-9f5e-2c8b6d1a4f95';
const DOCUMENT = 'f4a2c8e6-9b1d-4e37-a5f2-8c6e3b9d1a48';
const FILE = '5d9e3a7c-2b8f-4c61-b4a9-1e7c5f3d8b02';
const HASH = 'b7781b929a47ed77a49c9d01e9b8d8b0eebf67d691eb08c307622d432333cdff';
const AT = '2026-10-02T03:00:00.000Z';

export const ok = { ok: true } satisfies Out<typeof Ok>;

// ---- auth
export const login = { email: 'officer@hust.demo.hoptac.vn', password: 'hoptac-demo' } satisfies In<typeof Login>;
const meWithoutDates = {
  user: {
    id: OFFICER,
    email: 'officer@hust.demo.hoptac.vn',
    displayName: 'Đỗ Thị Minh Ngọc',
    language: 'vi',
    roles: ['cooperation_officer'],
    personId: NGOC,
    isSample: true,
    version: 3,
  },
  institution: { id: HUST, code: 'HUST', nameVi: 'Đại học Bách khoa Hà Nội', nameEn: 'Hanoi University of Science and Technology', kind: 'university' },
  roles: ['cooperation_officer'],
  permissions: {
    createInstitution: false,
    manageConsortia: false,
    draftAgreement: true,
    manageAccounts: false,
    readAudit: false,
    readOutbox: false,
    grantableRoles: [],
  },
  csrfToken: 'Zt5Hq0cJm3X8b1sWf2VnR7yPa4LkD9eU',
} satisfies Omit<Out<typeof Me>, 'dates'>;
/** With the years dates may fall in (`dates`, DATE_MIN_YEAR–DATE_MAX_YEAR). */
export const me = { ...meWithoutDates, dates: { minYear: 1990, maxYear: 2100 } };
export const updateMe = { language: 'en', version: 3 } satisfies In<typeof UpdateMe>;
export const changePassword = { currentPassword: 'hoptac-demo', newPassword: 'a longer passphrase 2026' } satisfies In<typeof ChangePassword>;
export const requestPasswordReset = { email: 'officer@hust.demo.hoptac.vn' } satisfies In<typeof RequestPasswordReset>;
export const resetPassword = { token: 'r3s3t-Xq9Lm2Vb7Kd4Wn8Tz1Hc6Fp5Gs0Je', newPassword: 'a longer passphrase 2026' } satisfies In<typeof ResetPassword>;
export const invitationPreview = {
  email: 'lecturer@hust.edu.vn',
  displayName: 'Nguyễn Văn An',
  institutionNameVi: 'Đại học Bách khoa Hà Nội',
  institutionNameEn: 'Hanoi University of Science and Technology',
  roles: ['member'],
} satisfies Out<typeof InvitationPreview>;
export const acceptInvitation = { token: 'inv1t3-Pq8Ld3Zr6Mx2Cv9Bn4Ks7Ty1Wh5', password: 'a longer passphrase 2026' } satisfies In<typeof AcceptInvitation>;
export const ssoInfo = { enabled: true, name: 'HUST SSO' };

// ---- accounts
export const user = {
  id: OFFICER,
  institutionId: HUST,
  email: 'officer@hust.demo.hoptac.vn',
  displayName: 'Đỗ Thị Minh Ngọc',
  language: 'vi',
  roles: ['cooperation_officer'],
  status: 'active',
  personId: NGOC,
  isSample: true,
  lastLoginAt: AT,
  version: 3,
} satisfies Out<typeof User>;
export const userPage = { items: [user], nextCursor: null } satisfies Out<typeof UserPage>;
export const updateUser = { roles: ['cooperation_officer', 'coordinator'], version: 3 } satisfies In<typeof UpdateUser>;
export const createInvitation = { email: 'lecturer@hust.edu.vn', displayName: 'Nguyễn Văn An', roles: ['member'], language: 'vi' } satisfies In<typeof CreateInvitation>;
export const invitation = {
  id: INVITATION,
  email: 'lecturer@hust.edu.vn',
  displayName: 'Nguyễn Văn An',
  roles: ['member'],
  status: 'pending',
  expiresAt: '2026-10-09T03:00:00.000Z',
  createdAt: AT,
} satisfies Out<typeof Invitation>;
export const invitationList = { items: [invitation] } satisfies Out<typeof InvitationList>;
const apiToken = {
  id: TOKEN,
  name: 'Phần mềm quản lý đào tạo',
  prefix: 'hoptac_k3Jd',
  scopes: ['directory:read' as const, 'agreements:read' as const],
  createdAt: AT,
  expiresAt: '2027-10-02T03:00:00.000Z',
  lastUsedAt: null,
  revoked: false,
} satisfies Out<typeof ApiTokenList>['items'][number];
export const apiTokenList = { items: [apiToken] } satisfies Out<typeof ApiTokenList>;
export const createApiToken = { name: 'Phần mềm quản lý đào tạo', scopes: ['directory:read', 'agreements:read'], expiresInDays: 365 } satisfies In<typeof CreateApiToken>;
export const createdApiToken = { ...apiToken, token: 'hoptac_k3JdV8qLm2Xn5Rb9Tc1Wf7Hs4Pz6Ye0Ga3Ku8Di' } satisfies Out<typeof CreatedApiToken>;

export const auditPage = {
  items: [
    {
      id: '1842',
      actorLabel: 'officer@hust.demo.hoptac.vn',
      actorName: 'ThS. Đỗ Thị Minh Ngọc',
      actorKind: 'user',
      entity: 'agreement',
      entityId: AGREEMENT,
      action: 'comment',
      before: null,
      after: { commentId: COMMENT, areaKey: 'training' },
      record: { titleVi: 'Biên bản ghi nhớ hợp tác giữa HUST và Bệnh viện Bạch Mai', titleEn: 'Memorandum of Understanding between HUST and Bach Mai Hospital', path: `/agreements/${AGREEMENT}` },
      refs: { training: { titleVi: 'Đào tạo', titleEn: 'Training', path: `/agreements/${AGREEMENT}` } },
      requestId: '5f0c7a1e-3b2d-4c8e-9a61-2d7e4b9c0f13',
      createdAt: AT,
    },
  ],
  nextCursor: 'eyJrIjoiMjAyNi0xMC0wMiAxMDowMDowMCswNyIsImlkIjoiMTg0MiJ9',
} satisfies Out<typeof AuditPage>;

export const outboxPage = {
  items: [
    {
      id: '0c6e2a9f-8d1b-4f53-a7e4-3b9c5d1f8e26',
      toAddress: 'lecturer@hust.edu.vn',
      recipientName: 'Nguyễn Văn An',
      subject: 'Lời mời tham gia hoptac',
      textBody: 'Xin chào Nguyễn Văn An, … Mở liên kết: [liên kết đã ẩn]',
      template: 'invitation',
      status: 'sent',
      error: null,
      createdAt: AT,
      sentAt: '2026-10-02T03:00:05.000Z',
    },
  ],
  nextCursor: null,
} satisfies Out<typeof OutboxPage>;

// ---- directory
export const institution = {
  id: HUST,
  code: 'HUST',
  kind: 'university',
  country: 'VN',
  nameVi: 'Đại học Bách khoa Hà Nội',
  nameEn: 'Hanoi University of Science and Technology',
  website: 'https://hust.edu.vn',
  city: 'Hà Nội',
  isSample: false,
  archived: false,
  unitCount: 12,
  peopleCount: 15,
  version: 4,
  updatedAt: AT,
  permissions: { edit: false, archive: false, manageDirectory: true },
} satisfies Out<typeof Institution>;
export const institutionPage = { items: [institution], nextCursor: null } satisfies Out<typeof InstitutionPage>;
export const createInstitution = {
  code: 'BMH',
  kind: 'hospital',
  country: 'VN',
  nameVi: 'Bệnh viện Bạch Mai',
  nameEn: 'Bach Mai Hospital',
  website: 'https://bachmai.gov.vn',
  city: 'Hà Nội',
} satisfies In<typeof CreateInstitution>;
export const updateInstitution = { website: 'https://hust.edu.vn', city: 'Hà Nội', version: 4 } satisfies In<typeof UpdateInstitution>;

export const unit = {
  id: SOICT,
  institutionId: HUST,
  parentId: null,
  kind: 'school',
  code: 'SOICT',
  nameVi: 'Trường Công nghệ Thông tin và Truyền thông',
  nameEn: 'School of Information and Communication Technology',
  archived: false,
  peopleCount: 2,
  version: 1,
  permissions: { edit: true },
} satisfies Out<typeof Unit>;
export const unitList = { items: [unit] } satisfies Out<typeof UnitList>;
export const createUnit = {
  kind: 'school',
  code: 'SOICT',
  nameVi: 'Trường Công nghệ Thông tin và Truyền thông',
  nameEn: 'School of Information and Communication Technology',
} satisfies In<typeof CreateUnit>;
export const updateUnit = { parentId: null, archived: false, version: 1 } satisfies In<typeof UpdateUnit>;

export const person = {
  id: NGOC,
  institutionId: HUST,
  institutionCode: 'HUST',
  unitId: null,
  unitNameVi: null,
  unitNameEn: null,
  fullName: 'Đỗ Thị Minh Ngọc',
  title: 'ThS.',
  positionVi: 'Chuyên viên Ban Hợp tác Đối ngoại',
  positionEn: 'Officer, Office of International Affairs',
  email: 'ngoc.dtm@hust.edu.vn',
  phone: '+84 24 3869 2345',
  expertise: ['hợp tác quốc tế', 'international cooperation'],
  languages: ['en', 'fr'],
  visibility: 'consortium',
  isSample: true,
  archived: false,
  version: 2,
  updatedAt: AT,
  permissions: { edit: true, archive: true },
} satisfies Out<typeof Person>;
export const personPage = { items: [person], nextCursor: null } satisfies Out<typeof PersonPage>;
export const createPerson = {
  fullName: 'Đỗ Thị Minh Ngọc',
  title: 'ThS.',
  positionVi: 'Chuyên viên Ban Hợp tác Đối ngoại',
  positionEn: 'Officer, Office of International Affairs',
  email: 'ngoc.dtm@hust.edu.vn',
  expertise: ['hợp tác quốc tế'],
  languages: ['en'],
  visibility: 'consortium',
} satisfies In<typeof CreatePerson>;
export const updatePerson = { phone: '+84 24 3869 2345', version: 2 } satisfies In<typeof UpdatePerson>;

export const consortium = {
  id: CONSORTIUM,
  code: 'HN-HEALTH',
  nameVi: 'Liên minh đào tạo nhân lực y tế Hà Nội',
  nameEn: 'Hanoi health workforce training consortium',
  descriptionVi: '',
  descriptionEn: '',
  members: [
    { id: HUST, code: 'HUST', nameVi: 'Đại học Bách khoa Hà Nội', nameEn: 'Hanoi University of Science and Technology' },
    { id: BMH, code: 'BMH', nameVi: 'Bệnh viện Bạch Mai', nameEn: 'Bach Mai Hospital' },
  ],
} satisfies Out<typeof Consortium>;
export const consortiumList = { items: [consortium] } satisfies Out<typeof ConsortiumList>;
export const createConsortium = {
  code: 'HN-HEALTH',
  nameVi: 'Liên minh đào tạo nhân lực y tế Hà Nội',
  nameEn: 'Hanoi health workforce training consortium',
  memberIds: [HUST, BMH],
} satisfies In<typeof CreateConsortium>;
export const setConsortiumMembers = { memberIds: [HUST, BMH] } satisfies In<typeof SetConsortiumMembers>;

// ---- agreements
const TITLE_VI = 'Biên bản ghi nhớ hợp tác giữa HUST và Bệnh viện Bạch Mai';
const TITLE_EN = 'Memorandum of Understanding between HUST and Bach Mai Hospital';
export const agreementContent = {
  kind: 'mou',
  parentId: null,
  titleVi: TITLE_VI,
  titleEn: TITLE_EN,
  summaryVi: 'Hợp tác đào tạo, thực tập và nghiên cứu khoa học.',
  summaryEn: 'Cooperation in training, internships and research.',
  signingPlace: 'Hà Nội',
  signingDate: '2025-10-02',
  startDate: '2025-10-02',
  endDate: '2030-10-01',
  renewal: 'decision',
  renewalYears: 5,
  parties: [
    { institutionId: HUST, unitId: null },
    { institutionId: BMH, unitId: null },
  ],
  areas: [
    {
      key: 'training',
      kind: 'training',
      titleVi: 'Đào tạo',
      titleEn: 'Training',
      descriptionVi: '',
      descriptionEn: '',
      contacts: [
        { institutionId: HUST, personId: NGOC },
        { institutionId: BMH, personId: THINH },
      ],
      commitments: [
        {
          key: 'hust-ai-training',
          fromInstitutionId: HUST,
          toInstitutionId: BMH,
          textVi: 'Đào tạo ứng dụng trí tuệ nhân tạo cho cán bộ bệnh viện',
          textEn: 'Train hospital staff in applied artificial intelligence',
          quantity: 2,
          perYear: true,
        },
      ],
      targets: [{ key: 't1', metric: 'staff_trained', periodStart: '2025-10-02', periodEnd: '2026-12-31', value: 60 }],
    },
  ],
} satisfies Out<typeof AgreementContent>;
export const createAgreement = { content: agreementContent, visibility: 'consortium' } satisfies In<typeof CreateAgreement>;
export const updateAgreement = {
  baseVersion: 2,
  content: { ...agreementContent, endDate: '2031-10-01' },
  changeNote: 'Kéo dài đến 2031 theo đề nghị của Bệnh viện Bạch Mai',
} satisfies In<typeof UpdateAgreement>;
const parties = [
  { institutionId: HUST, code: 'HUST', nameVi: 'Đại học Bách khoa Hà Nội', nameEn: 'Hanoi University of Science and Technology' },
  { institutionId: BMH, code: 'BMH', nameVi: 'Bệnh viện Bạch Mai', nameEn: 'Bach Mai Hospital' },
];
export const agreementPage = {
  items: [
    {
      id: AGREEMENT,
      kind: 'mou',
      status: 'active',
      visibility: 'public',
      titleVi: TITLE_VI,
      titleEn: TITLE_EN,
      startDate: '2025-10-02',
      endDate: '2030-10-01',
      signingDate: '2025-10-02',
      parties,
      areaKinds: ['training', 'internship', 'research'],
      versionNo: 3,
      updatedAt: AT,
    },
  ],
  nextCursor: null,
} satisfies Out<typeof AgreementPage>;
export const agreementStatusSummary = { total: 12, byStatus: { draft: 2, negotiation: 3, active: 6, expiring: 1 } } satisfies Out<typeof AgreementStatusSummary>;
export const agreement = {
  id: AGREEMENT,
  status: 'active',
  visibility: 'public',
  view: 'full',
  versionNo: 3,
  contentHash: HASH,
  content: agreementContent,
  parties: parties.map((p) => ({ ...p, unitId: null, kind: p.code === 'BMH' ? 'hospital' : 'university', country: 'VN', unitNameVi: null, unitNameEn: null })),
  people: {
    [NGOC]: { fullName: 'Đỗ Thị Minh Ngọc', title: 'ThS.', institutionId: HUST },
    [THINH]: { fullName: 'Hoàng Văn Thịnh', title: 'TS.', institutionId: BMH },
  },
  approvals: [HUST, BMH].map((institutionId, i) => ({
    id: i === 0 ? '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' : '1b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e',
    institutionId,
    institutionCode: i === 0 ? 'HUST' : 'BMH',
    versionNo: 3,
    contentHash: HASH,
    approvedBy: i === 0 ? 'ThS. Đỗ Thị Minh Ngọc' : 'TS. Hoàng Văn Thịnh',
    approvedByName: i === 0 ? 'ThS. Đỗ Thị Minh Ngọc' : 'TS. Hoàng Văn Thịnh',
    approvedByEmail: i === 0 ? 'officer@hust.demo.hoptac.vn' : 'officer@bachmai.demo.hoptac.vn',
    approvedAt: AT,
    voided: false,
    voidedByVersion: null,
    voidReason: null,
    verified: true,
  })),
  fullyApproved: true,
  signedDocumentId: DOCUMENT,
  statusReason: null,
  noticeDate: null,
  successorId: null,
  predecessorId: null,
  children: [],
  permissions: {
    edit: false,
    approve: false,
    transition: true,
    comment: true,
    note: true,
    attach: true,
    attachSigned: true,
    readDiscussion: true,
    readNote: true,
    readVersions: true,
    readDocuments: true,
    readApprovals: true,
  },
  myInstitutionIsParty: true,
  createdAt: '2025-09-15T02:00:00.000Z',
  updatedAt: AT,
} satisfies Out<typeof Agreement>;
const versionInfo = {
  versionNo: 3,
  contentHash: HASH,
  createdBy: 'ThS. Đỗ Thị Minh Ngọc',
  createdByName: 'ThS. Đỗ Thị Minh Ngọc',
  createdByEmail: 'officer@hust.demo.hoptac.vn',
  createdAt: AT,
  changeNote: 'Thêm chỉ tiêu đào tạo',
};
export const versionList = { items: [versionInfo] } satisfies Out<typeof VersionList>;
export const versionDetail = { ...versionInfo, content: agreementContent } satisfies Out<typeof VersionDetail>;
export const versionDiff = {
  from: 2,
  to: 3,
  entries: [{ path: 'areas[training].targets[t1].value', change: 'changed', before: 40, after: 60 }],
} satisfies Out<typeof VersionDiff>;
export const approve = { contentHash: HASH } satisfies In<typeof Approve>;
export const transition = { to: 'terminated', reason: 'Các bên thống nhất chấm dứt trước thời hạn', noticeDate: '2026-11-20' } satisfies In<typeof Transition>;
export const renewal = { startDate: '2030-10-02', endDate: '2035-10-01' };
export const createComment = { kind: 'comment', areaKey: 'training', clause: null, body: 'Đề nghị tăng chỉ tiêu đào tạo lên 80 cán bộ.' } satisfies In<typeof CreateComment>;
export const comment = {
  id: COMMENT,
  kind: 'comment',
  areaKey: 'training',
  clause: null,
  body: 'Đề nghị tăng chỉ tiêu đào tạo lên 80 cán bộ.',
  authorName: 'TS. Hoàng Văn Thịnh',
  authorEmail: 'officer@bachmai.demo.hoptac.vn',
  institutionCode: 'BMH',
  versionNo: 3,
  createdAt: AT,
} satisfies Out<typeof Comment>;
export const commentList = { items: [comment] } satisfies Out<typeof CommentList>;
export const privateNote = { body: 'Cần xin ý kiến Ban Giám đốc trước khi phê duyệt.', version: 2, updatedAt: AT } satisfies Out<typeof PrivateNote>;
export const updatePrivateNote = { body: 'Cần xin ý kiến Ban Giám đốc trước khi phê duyệt.', version: 1 } satisfies In<typeof UpdatePrivateNote>;
export const timeline = {
  items: [
    {
      at: AT,
      action: 'approve',
      actor: 'ThS. Đỗ Thị Minh Ngọc',
      actorName: 'ThS. Đỗ Thị Minh Ngọc',
      actorEmail: 'officer@hust.demo.hoptac.vn',
      detail: { versionNo: 3, contentHash: HASH },
    },
  ],
} satisfies Out<typeof Timeline>;
export const metrics = { items: [{ code: 'staff_trained', nameVi: 'Cán bộ được đào tạo', nameEn: 'Staff trained' }] } satisfies { items: Out<typeof MetricInfo>[] };
export const linkedAgreements = {
  items: [
    {
      id: AGREEMENT,
      kind: 'mou',
      status: 'active',
      titleVi: TITLE_VI,
      titleEn: TITLE_EN,
      startDate: '2025-10-02',
      endDate: '2030-10-01',
      areas: [{ key: 'training', titleVi: 'Đào tạo', titleEn: 'Training' }],
    },
  ],
} satisfies Out<typeof LinkedAgreementList>;
export const agreementDocument = {
  id: DOCUMENT,
  documentKey: '9c4e1a7f-3d8b-4f62-b5a1-6e2d9c4f8b37',
  revision: 1,
  kind: 'signed',
  title: 'Bản ký thỏa thuận',
  fileId: FILE,
  sha256: 'e3b9f1c7a5d2e8b4c6a0f9d3e7b1c5a8f2d6e0b4c8a2f6d0e4b8c2a6f0d4e8b2',
  sizeBytes: 248_113,
  mimeType: 'application/pdf',
  fileName: 'hust-bmh-mou-2025.pdf',
  uploadedBy: 'ThS. Đỗ Thị Minh Ngọc',
  createdAt: AT,
};
export const documentList = { items: [agreementDocument] };

// ---- notifications, home
export const notificationList = {
  unread: 1,
  items: [
    {
      id: NOTIFICATION,
      kind: 'approved',
      subjectType: 'agreement',
      subjectId: AGREEMENT,
      path: `/agreements/${AGREEMENT}`,
      message: 'TS. Hoàng Văn Thịnh (BMH) đã phê duyệt phiên bản 3 của “Biên bản ghi nhớ hợp tác giữa HUST và Bệnh viện Bạch Mai”.',
      read: false,
      createdAt: AT,
    },
  ],
} satisfies Out<typeof NotificationList>;
export const notificationPreferences = {
  items: [
    { kind: 'approved', email: true, inApp: true },
    { kind: 'commented', email: false, inApp: true },
  ],
} satisfies Out<typeof NotificationPreferences>;
export const setNotificationPreferences = notificationPreferences satisfies In<typeof SetNotificationPreferences>;
export const home = {
  sections: [
    {
      key: 'agreements.approvals',
      titleKey: 'homeItems.approvals.title',
      emptyKey: 'homeItems.approvals.empty',
      count: 1,
      items: [
        {
          id: AGREEMENT,
          path: `/agreements/${AGREEMENT}`,
          title: TITLE_VI,
          detail: 'Bệnh viện Bạch Mai đã phê duyệt phiên bản 3',
          date: null,
          time: AT,
          badgeKey: 'statuses.awaiting_approval',
        },
      ],
    },
  ],
} satisfies Out<typeof Home>;

const ACTIVITY = '0c6d2f8a-4e1b-4a97-b3c5-9d7e1a2f6b48';

export const activity = {
  id: ACTIVITY,
  agreementId: AGREEMENT,
  agreementTitle: 'Biên bản ghi nhớ hợp tác giữa Đại học Bách khoa Hà Nội và Bệnh viện Bạch Mai',
  areaKey: 'research',
  areaTitle: 'Nghiên cứu khoa học',
  kind: 'seminar',
  status: 'done',
  titleVi: 'Hội thảo AI trong chẩn đoán hình ảnh',
  titleEn: 'Seminar on AI in medical imaging',
  descriptionVi: '',
  descriptionEn: '',
  startDate: '2026-03-12',
  endDate: '2026-03-12',
  place: 'Bệnh viện Bạch Mai, Hà Nội',
  online: false,
  outcomes: 'Hai đề tài nghiên cứu chung được đề xuất.',
  isPublic: false,
  seriesId: null,
  organisers: [{ institutionId: HUST, code: 'HUST', name: 'Đại học Bách khoa Hà Nội' }],
  participants: [{ personId: NGOC, role: 'lecturer', name: 'PGS.TS. Nguyễn Thị Ngọc', institutionId: HUST, institutionCode: 'HUST' }],
  counts: [{ institutionId: BMH, role: 'staff', count: 25, institutionCode: 'BMH' }],
  peopleCount: 26,
  evidence: [{ documentId: DOCUMENT, title: 'Danh sách tham dự', fileId: FILE, fileName: 'danh-sach-tham-du.pdf', mimeType: 'application/pdf', size: 182_344 }],
  createdBy: 'Phòng Hợp tác Đối ngoại HUST',
  updatedAt: AT,
  version: 1,
  permissions: { edit: true },
} satisfies Out<typeof ActivityView>;
export const activityList = { items: [activity], nextCursor: null, total: 1, permissions: { record: true, recordAreas: ['research'] } } satisfies Out<typeof ActivityList>;
export const activityCreated = { items: [activity] } satisfies Out<typeof ActivityCreated>;
export const createActivity = {
  areaKey: 'research',
  kind: 'seminar',
  status: 'done',
  titleVi: 'Hội thảo AI trong chẩn đoán hình ảnh',
  titleEn: 'Seminar on AI in medical imaging',
  startDate: '2026-03-12',
  endDate: '2026-03-12',
  place: 'Bệnh viện Bạch Mai, Hà Nội',
  organiserIds: [HUST],
  participants: [{ personId: NGOC, role: 'lecturer' }],
  counts: [{ institutionId: BMH, role: 'staff', count: 25 }],
} satisfies In<typeof CreateActivity>;
export const updateActivity = { version: 1, status: 'done', outcomes: 'Hai đề tài nghiên cứu chung được đề xuất.' } satisfies In<typeof UpdateActivity>;
const targetProgress = {
  areaKey: 'research',
  areaTitle: 'Nghiên cứu khoa học',
  targetKey: 't1',
  metric: 'seminars_held',
  metricName: 'Hội thảo đã tổ chức',
  metricDefinition: 'Số hội thảo, diễn đàn, tọa đàm và hội nghị đã diễn ra trong lĩnh vực, bắt đầu trong kỳ của chỉ tiêu.',
  measured: true,
  periodStart: '2026-01-01',
  periodEnd: '2026-12-31',
  target: 4,
  actual: 1,
  share: 0.25,
  elapsed: 0.9,
  status: 'at_risk',
} satisfies Out<typeof AgreementProgress>['targets'][number];
export const agreementProgress = {
  agreementId: AGREEMENT,
  asOf: '2026-11-27',
  targets: [targetProgress],
  summary: { targets: 1, achieved: 0, onTrack: 0, behind: 0, atRisk: 1, share: 0.25 },
  activities: { planned: 2, done: 1, cancelled: 0, lastDone: '2026-03-12' },
  commitments: [
    {
      areaKey: 'training',
      areaTitle: 'Đào tạo',
      commitmentKey: 'bmh-teaching',
      text: 'Bệnh viện Bạch Mai tham gia giảng dạy cho sinh viên Đại học Bách khoa Hà Nội.',
      fromInstitutionId: BMH,
      fromCode: 'BMH',
      toInstitutionId: HUST,
      toCode: 'HUST',
      quantity: 30,
      perYear: true,
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      actual: 24,
      share: 0.8,
    },
  ],
} satisfies Out<typeof AgreementProgress>;
export const dashboard = {
  institutionId: HUST,
  year: 2026,
  agreementsByStatus: [{ status: 'active', count: 3 }],
  agreementsByCountry: [{ country: 'VN', count: 3 }],
  activitiesByMonth: [{ month: '2026-03', done: 1, planned: 0 }],
  activitiesByKind: [{ kind: 'seminar', count: 1 }],
  targets: { total: 1, achieved: 0, onTrack: 0, behind: 0, atRisk: 1 },
  targetsAtRisk: [{ ...targetProgress, agreementId: AGREEMENT, agreementTitle: 'Biên bản ghi nhớ hợp tác HUST – Bạch Mai' }],
  expiringSoon: [],
  dormant: [],
  partners: [{ institutionId: BMH, code: 'BMH', name: 'Bệnh viện Bạch Mai', country: 'VN', agreements: 1, activitiesDone: 1 }],
  dormantMonths: 12,
} satisfies Out<typeof Dashboard>;
export const exchangeBalance = { institutionId: HUST, partnerId: BMH, year: 2026, sent: 4, received: 2, activityIds: [ACTIVITY] } satisfies Out<typeof ExchangeBalance>;

export const activityImportPreview = {
  mode: 'preview',
  sha256: '3b4f6c8e2a1d9b7f5e3c1a0d8b6f4e2c0a9d7b5f3e1c8a6d4b2f0e9c7a5d3b1f',
  alreadyImported: false,
  importId: null,
  importedAt: null,
  rows: 3,
  validRows: 2,
  invalidRows: 1,
  created: 0,
  previouslyCreated: 0,
  problems: [
    {
      row: 3,
      column: 'endDate',
      columnLabel: 'Ngày kết thúc',
      code: 'before_start',
      message: 'Ngày kết thúc: phải sau ngày bắt đầu.',
    },
  ],
} satisfies Out<typeof ActivityImportResult>;

// ---- calendar
type CalendarContract = typeof import('../../contracts/calendar.ts');
export const calendarEvents = {
  items: [
    {
      id: `activity:${ACTIVITY}`,
      type: 'activity',
      recordId: ACTIVITY,
      title: 'Hội thảo khoa học chung về y sinh học',
      detail: 'Biên bản ghi nhớ hợp tác HUST – Bạch Mai',
      start: '2026-03-10',
      end: '2026-03-11',
      place: 'Hà Nội',
      status: 'planned',
      path: `/agreements/${AGREEMENT}?activity=${ACTIVITY}`,
    },
  ],
} satisfies Out<CalendarContract['CalendarEvents']>;
export const calendarFeedStatus = { active: true, createdAt: '2026-03-01T02:15:00.000Z', lastUsedAt: '2026-03-09T23:40:00.000Z' } satisfies Out<CalendarContract['CalendarFeedStatus']>;
export const calendarFeedCreated = {
  url: 'https://hoptac.example.vn/api/v1/calendar/feed/q8N3vZ0bX4kY7pR2sT6uW9aC1dE5fG8hJ0kL3mN6oP9.ics',
  createdAt: '2026-03-01T02:15:00.000Z',
} satisfies Out<CalendarContract['CalendarFeedCreated']>;

// Delegations (đoàn vào / đoàn ra): Bach Mai's working session at HUST under the HUST–Bach Mai memorandum.
type DelegationsContract = typeof import('../../contracts/delegations.ts');
const DELEGATION = '0c5e8a2f-7b1d-4e93-a6c4-3f9b2d8e1a57';
const GUEST = '9e4b1d7a-2c6f-4a85-b3e9-6d1f8a2c5b04';
const programmeExample = [
  { date: '2027-03-16', time: '09:00', what: 'Làm việc với Ban Giám đốc Đại học Bách khoa Hà Nội', where: 'Phòng họp C1-222' },
  { date: '2027-03-17', time: '14:00', what: 'Thăm phòng thí nghiệm Kỹ thuật Y sinh', where: 'Nhà C7' },
];
export const delegation = {
  id: DELEGATION,
  agreementId: AGREEMENT,
  agreementTitle: TITLE_VI,
  areaKey: 'research',
  direction: 'incoming',
  status: 'approved',
  institutionId: HUST,
  institutionCode: 'HUST',
  institutionName: 'Đại học Bách khoa Hà Nội',
  partnerId: BMH,
  partnerCode: 'BMH',
  partnerName: 'Bệnh viện Bạch Mai',
  titleVi: 'Đoàn Bệnh viện Bạch Mai làm việc tại Đại học Bách khoa Hà Nội',
  titleEn: 'Bach Mai Hospital delegation at HUST',
  purposeVi: 'Trao đổi về nền tảng dữ liệu lớn và ứng dụng AI trong lâm sàng.',
  purposeEn: 'Discuss the big-data platform and AI in clinical practice.',
  startDate: '2027-03-16',
  endDate: '2027-03-17',
  budgetSource: 'institution',
  budgetNote: 'Kinh phí hợp tác quốc tế năm 2027',
  lodging: 'Nhà khách Đại học Bách khoa Hà Nội, 1 Đại Cồ Việt, Hà Nội',
  members: [{ personId: NGOC, name: 'PGS.TS. Nguyễn Thị Ngọc', role: 'Trưởng đoàn tiếp' }],
  guestCount: 2,
  guestsErased: false,
  programme: programmeExample,
  approvers: [],
  decision: { decision: 'approve', by: 'Ban Giám hiệu HUST', at: AT, comment: 'Đồng ý.' },
  cancelReason: null,
  outcomes: null,
  activityId: null,
  createdBy: 'Phòng Hợp tác Đối ngoại HUST',
  updatedAt: AT,
  version: 3,
  permissions: { edit: false, submit: false, decide: false, cancel: true, report: false, editProgramme: true, readGuests: true },
} satisfies Out<DelegationsContract['Delegation']>;
export const delegationList = {
  items: [
    {
      id: DELEGATION,
      agreementId: AGREEMENT,
      agreementTitle: TITLE_VI,
      direction: 'incoming',
      status: 'approved',
      institutionId: HUST,
      institutionCode: 'HUST',
      partnerId: BMH,
      partnerCode: 'BMH',
      partnerName: 'Bệnh viện Bạch Mai',
      titleVi: delegation.titleVi,
      titleEn: delegation.titleEn,
      startDate: '2027-03-16',
      endDate: '2027-03-17',
      guestCount: 2,
    },
  ],
  nextCursor: null,
  permissions: { request: true },
} satisfies Out<DelegationsContract['DelegationList']>;
const guestExample = {
  fullName: 'IVANOV Sergei',
  title: 'GS., Phó Hiệu trưởng',
  gender: 'male',
  dateOfBirth: '1970-05-14',
  nationality: 'RU',
  passportNumber: 'P7654321',
  passportExpiry: '2030-08-31',
} as const;
export const createDelegation = {
  direction: 'incoming',
  areaKey: 'research',
  partnerId: BMH,
  titleVi: delegation.titleVi,
  titleEn: delegation.titleEn,
  purposeVi: delegation.purposeVi,
  purposeEn: delegation.purposeEn,
  startDate: '2027-03-16',
  endDate: '2027-03-17',
  budgetSource: 'institution',
  budgetNote: delegation.budgetNote,
  lodging: delegation.lodging,
  members: [{ personId: NGOC, role: 'Trưởng đoàn tiếp' }],
  guests: [guestExample],
  programme: programmeExample,
} satisfies In<DelegationsContract['CreateDelegation']>;
export const updateDelegation = { version: 1, endDate: '2027-03-18' } satisfies In<DelegationsContract['UpdateDelegation']>;
export const submitDelegation = { version: 2, approverIds: [OFFICER] } satisfies In<DelegationsContract['SubmitDelegation']>;
export const decideDelegation = { version: 2, decision: 'approve', comment: 'Đồng ý.' } satisfies In<DelegationsContract['DecideDelegation']>;
export const cancelDelegation = { version: 3, reason: 'Đoàn hoãn chuyến thăm sang năm sau.' } satisfies In<DelegationsContract['CancelDelegation']>;
export const setProgramme = { version: 3, programme: programmeExample } satisfies In<DelegationsContract['SetProgramme']>;
export const reportDelegation = {
  version: 3,
  outcomes: 'Hai bên thống nhất kế hoạch xây dựng nền tảng dữ liệu lớn y sinh.',
} satisfies In<DelegationsContract['ReportDelegation']>;
export const guestList = {
  erased: false,
  erasedAt: null,
  items: [{ id: GUEST, ...guestExample }],
} satisfies Out<DelegationsContract['GuestList']>;
