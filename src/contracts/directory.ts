import { z } from 'zod';
import { CountryFilter, Email, nonEmpty, optionalText, PageQuery, Pattern, page, SearchQuery, Text, TrimmedText, Uuid, Version, WebUrl } from './common.ts';

export const InstitutionKind = z.enum(['university', 'hospital', 'institute', 'business', 'agency']);
export const UnitKind = z.enum(['school', 'faculty', 'department', 'ward', 'lab', 'center', 'college', 'office']);
export const AcademicTitles = ['GS.TS.', 'PGS.TS.', 'TS.', 'ThS.', 'CN.', 'KS.', 'BS.', 'BSCKI.', 'BSCKII.', 'DS.'] as const;

// What the caller may do with a record, computed by the server's policies (modules/<module>/policy.ts):
// the web offers an action only when its permission is true, and the API answers 403 exactly when it is false.

// ---- institutions
export const InstitutionPermissions = z.object({
  edit: z.boolean().describe('Change the profile (PATCH without `archived`)'),
  archive: z.boolean().describe('Archive or restore the institution'),
  manageDirectory: z.boolean().describe('Add, change and archive its units and people'),
});
export type InstitutionPermissions = z.infer<typeof InstitutionPermissions>;

export const Institution = z.object({
  id: Uuid,
  code: z.string(),
  kind: InstitutionKind,
  country: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  website: z.string().nullable(),
  city: z.string().nullable(),
  isSample: z.boolean(),
  archived: z.boolean(),
  unitCount: z.number().int(),
  peopleCount: z.number().int(),
  version: z.number().int(),
  updatedAt: z.string(),
  permissions: InstitutionPermissions,
});
export type Institution = z.infer<typeof Institution>;

const institutionFields = {
  code: Pattern(/^[A-Za-z0-9-]{2,20}$/, 20),
  kind: InstitutionKind,
  country: TrimmedText(2).toUpperCase().regex(/^[A-Z]{2}$/),
  nameVi: nonEmpty(300),
  nameEn: nonEmpty(300),
  website: WebUrl.nullable().optional(),
  city: optionalText(100),
};
export const CreateInstitution = z.object(institutionFields).strict();
export const UpdateInstitution = z
  .object({ ...institutionFields, archived: z.boolean() })
  .partial()
  .extend({ version: Version })
  .strict();

export const InstitutionListQuery = PageQuery.extend({
  q: SearchQuery(200),
  kind: InstitutionKind.optional(),
  country: CountryFilter,
  archived: z.enum(['include', 'only', 'exclude']).default('exclude'),
  sort: z
    .enum(['name', 'code', 'updated', 'relevance'])
    .optional()
    .describe('Default: relevance (exact word matches of the code or name first) when `q` is given, else name'),
});
export const InstitutionPage = page(Institution);

// ---- units
export const UnitPermissions = z.object({ edit: z.boolean().describe('Change, move, archive or restore the unit') });
export type UnitPermissions = z.infer<typeof UnitPermissions>;

export const Unit = z.object({
  id: Uuid,
  institutionId: Uuid,
  parentId: Uuid.nullable(),
  kind: UnitKind,
  code: z.string().nullable(),
  nameVi: z.string(),
  nameEn: z.string(),
  archived: z.boolean(),
  peopleCount: z.number().int(),
  version: z.number().int(),
  permissions: UnitPermissions,
});
export type Unit = z.infer<typeof Unit>;

const unitFields = {
  parentId: Uuid.nullable().optional(),
  kind: UnitKind,
  code: optionalText(30),
  nameVi: nonEmpty(300),
  nameEn: nonEmpty(300),
};
export const CreateUnit = z.object(unitFields).strict();
export const UpdateUnit = z
  .object({ ...unitFields, archived: z.boolean() })
  .partial()
  .extend({ version: Version })
  .strict();
export const UnitList = z.object({ items: z.array(Unit) });

// ---- people
export const PersonVisibility = z.enum(['consortium', 'private']);
export const PersonPermissions = z.object({
  edit: z.boolean().describe("Change the person's details (directory managers; anyone, for the person of their own account)"),
  archive: z.boolean().describe('Archive or restore the person'),
});
export type PersonPermissions = z.infer<typeof PersonPermissions>;

export const Person = z.object({
  id: Uuid,
  institutionId: Uuid,
  institutionCode: z.string(),
  unitId: Uuid.nullable(),
  unitNameVi: z.string().nullable(),
  unitNameEn: z.string().nullable(),
  fullName: z.string(),
  title: z.string().nullable(),
  positionVi: z.string().nullable(),
  positionEn: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  expertise: z.array(z.string()),
  languages: z.array(z.string()),
  visibility: PersonVisibility,
  isSample: z.boolean(),
  archived: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
  permissions: PersonPermissions,
});
export type Person = z.infer<typeof Person>;

const personFields = {
  unitId: Uuid.nullable().optional(),
  fullName: nonEmpty(200),
  title: optionalText(30),
  positionVi: optionalText(300),
  positionEn: optionalText(300),
  email: Email.nullable().optional(),
  phone: Pattern(/^[+0-9 ().-]{6,30}$/, 30).nullable().optional(),
  expertise: z.array(nonEmpty(80)).max(30).default([]),
  languages: z
    .array(Text(2).regex(/^[a-z]{2}$/))
    .max(20)
    .default([]),
  visibility: PersonVisibility.default('consortium'),
};
export const CreatePerson = z.object(personFields).strict();
export const UpdatePerson = z
  .object({
    ...personFields,
    expertise: personFields.expertise.unwrap(),
    languages: personFields.languages.unwrap(),
    visibility: PersonVisibility,
    archived: z.boolean(),
  })
  .partial()
  .extend({ version: Version })
  .strict();

export const PeopleListQuery = PageQuery.extend({
  q: SearchQuery(200).describe('Search name, title, position, e-mail and expertise; diacritics optional'),
  institutionId: Uuid.optional(),
  unitId: Uuid.optional(),
  title: Text(30).optional(),
  archived: z.enum(['include', 'only', 'exclude']).default('exclude'),
  staff: z
    .enum(['true', 'false'])
    .optional()
    .describe('true: leave out people whose account is only a student\'s (the picker of an agreement\'s points of contact)'),
  sort: z
    .enum(['name', 'updated', 'relevance'])
    .optional()
    .describe('Default: relevance (exact word matches of the name first) when `q` is given, else name'),
});
export const PersonPage = page(Person);

// ---- consortia
export const Consortium = z.object({
  id: Uuid,
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  descriptionVi: z.string(),
  descriptionEn: z.string(),
  members: z.array(z.object({ id: Uuid, code: z.string(), nameVi: z.string(), nameEn: z.string() })),
});
export const ConsortiumList = z.object({ items: z.array(Consortium) });
export const CreateConsortium = z
  .object({
    code: Pattern(/^[A-Za-z0-9-]{2,30}$/, 30),
    nameVi: nonEmpty(300),
    nameEn: nonEmpty(300),
    descriptionVi: Text(4000).default(''),
    descriptionEn: Text(4000).default(''),
    memberIds: z.array(Uuid).max(500).default([]),
  })
  .strict();
export const SetConsortiumMembers = z.object({ memberIds: z.array(Uuid).max(500) }).strict();

export { Email };
