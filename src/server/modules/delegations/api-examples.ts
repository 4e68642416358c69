import { AGREEMENT, AT, BMH, DELEGATION, GUEST, HUST, type In, NGOC, OFFICER, type Out, TITLE_VI } from '../api-examples-common.ts';

// OpenAPI examples for routes.ts (what they share: modules/api-examples-common.ts). Delegations (đoàn vào / đoàn ra):
// Bach Mai's working session at HUST under the HUST–Bach Mai memorandum.

type DelegationsContract = typeof import('../../../contracts/delegations.ts');
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
