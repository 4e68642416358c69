import type { CreateInstitution, Institution, InstitutionPage, UpdateInstitution } from '../../../contracts/directory.ts';
import { AT, HUST, type In, type Out } from '../api-examples-common.ts';

export { linkedAgreements } from '../agreements/api-examples.ts';

// OpenAPI examples for routes.ts (what they share: modules/api-examples-common.ts). Institutions, and the agreements
// an institution is a party to.

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
