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
} from '../../../contracts/agreements.ts';
import { AGREEMENT, AT, BMH, COMMENT, DOCUMENT, HASH, HUST, type In, NGOC, type Out, THINH, TITLE_EN, TITLE_VI } from '../api-examples-common.ts';

// OpenAPI examples for routes.ts (what they share: modules/api-examples-common.ts). The HUST–Bach Mai memorandum: its
// versions, approvals, comments, note; the agreements a person or an institution takes part in (people and
// institutions answer them too).

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
