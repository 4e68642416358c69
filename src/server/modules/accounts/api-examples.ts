import type {
  ApiTokenList,
  CreateApiToken,
  CreatedApiToken,
  CreateInvitation,
  Invitation,
  InvitationList,
  UpdateUser,
  User,
  UserPage,
} from '../../../contracts/accounts.ts';
import { AT, HUST, INVITATION, type In, NGOC, OFFICER, type Out, TOKEN } from '../api-examples-common.ts';

export { ok } from '../api-examples-common.ts';

// OpenAPI examples for routes.ts (what they share: modules/api-examples-common.ts). An institution's accounts,
// invitations and API tokens.

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
