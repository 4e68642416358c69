import type { CreatePerson, Person, PersonPage, UpdatePerson } from '../../../contracts/directory.ts';
import { AT, HUST, type In, NGOC, type Out } from '../api-examples-common.ts';

export { linkedAgreements } from '../agreements/api-examples.ts';

// OpenAPI examples for routes.ts (what they share: modules/api-examples-common.ts). People in the directory, and the
// agreements a person is a point of contact of.

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
