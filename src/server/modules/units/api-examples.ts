import type { CreateUnit, Unit, UnitList, UpdateUnit } from '../../../contracts/directory.ts';
import { HUST, type In, type Out, SOICT } from '../api-examples-common.ts';

// OpenAPI examples for routes.ts (what they share: modules/api-examples-common.ts). An institution's units.

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
