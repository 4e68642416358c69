import type { Consortium, ConsortiumList, CreateConsortium, SetConsortiumMembers } from '../../../contracts/directory.ts';
import { BMH, CONSORTIUM, HUST, type In, type Out } from '../api-examples-common.ts';

// OpenAPI examples for routes.ts (what they share: modules/api-examples-common.ts). Consortia.

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
