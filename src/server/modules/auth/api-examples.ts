import type {
  AcceptInvitation,
  ChangePassword,
  InvitationPreview,
  Login,
  Me,
  RequestPasswordReset,
  ResetPassword,
  UpdateMe,
} from '../../../contracts/accounts.ts';
import { HUST, type In, NGOC, OFFICER, type Out } from '../api-examples-common.ts';

export { ok } from '../api-examples-common.ts';

// OpenAPI examples for routes.ts (what they share: modules/api-examples-common.ts). Signing in, the caller's account
// (`GET /me`), passwords and invitations.

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
    runExams: false,
    readExams: false,
    runAdmissions: false,
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
