import { randomBytes } from 'node:crypto';
import type { Db } from '../platform/db.ts';
import type { Role } from '../platform/context.ts';
import type { InstitutionRow, UnitRow } from '../platform/db-schema.ts';
import { hashPassword } from '../platform/secrets.ts';
import { TEST_PASSWORD } from './test-app.ts';

// Builders for test data: each test makes its own institutions and people, so tests never depend
// on each other or on the demo data.
const suffix = () => randomBytes(3).toString('hex').toUpperCase();
// E-mail addresses are unique: 3 random bytes collide within a few thousand accounts (one test file's database holds
// that many: a duplicate-key failure about once in ten full runs), 8 do not.
const emailPart = () => randomBytes(8).toString('hex');
let passwordHash: Promise<string> | undefined;

export async function buildInstitution(db: Db, overrides: Partial<{ code: string; kind: InstitutionRow['kind']; nameVi: string; nameEn: string; country: string }> = {}) {
  const code = overrides.code ?? `T${suffix()}`;
  return db
    .insertInto('institutions')
    .values({
      code,
      kind: overrides.kind ?? 'university',
      country: overrides.country ?? 'VN',
      name_vi: overrides.nameVi ?? `Trường thử nghiệm ${code}`,
      name_en: overrides.nameEn ?? `Test University ${code}`,
      city: 'Hà Nội',
      website: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function buildUnit(db: Db, institutionId: string, overrides: Partial<{ nameVi: string; parentId: string | null; kind: UnitRow['kind'] }> = {}) {
  return db
    .insertInto('units')
    .values({
      institution_id: institutionId,
      parent_id: overrides.parentId ?? null,
      kind: overrides.kind ?? 'faculty',
      name_vi: overrides.nameVi ?? `Khoa ${suffix()}`,
      name_en: `Faculty ${suffix()}`,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function buildPerson(
  db: Db,
  institutionId: string,
  overrides: Partial<{ fullName: string; email: string | null; visibility: 'consortium' | 'private'; unitId: string | null; title: string | null }> = {},
) {
  return db
    .insertInto('people')
    .values({
      institution_id: institutionId,
      unit_id: overrides.unitId ?? null,
      full_name: overrides.fullName ?? `Người Thử ${suffix()}`,
      title: overrides.title ?? null,
      email: overrides.email === undefined ? `p${emailPart()}@example.test` : overrides.email,
      visibility: overrides.visibility ?? 'consortium',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function buildUser(db: Db, institutionId: string, roles: Role[], overrides: Partial<{ email: string; personId: string | null; language: 'vi' | 'en' }> = {}) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  return db
    .insertInto('users')
    .values({
      institution_id: institutionId,
      email: overrides.email ?? `u${emailPart()}@example.test`,
      display_name: `Tester ${suffix()}`,
      password_hash: await passwordHash,
      roles,
      language: overrides.language ?? 'vi',
      person_id: overrides.personId ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function buildConsortium(db: Db, memberIds: string[]) {
  const code = `C${suffix()}`;
  const c = await db
    .insertInto('consortia')
    .values({ code, name_vi: `Liên minh ${code}`, name_en: `Consortium ${code}` })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (memberIds.length > 0) {
    await db.insertInto('consortium_members').values(memberIds.map((m) => ({ consortium_id: c.id, institution_id: m }))).execute();
  }
  return c;
}

/** An institution with an admin, an officer, a member and a student, ready to log in. */
export async function buildTenant(db: Db, overrides: Parameters<typeof buildInstitution>[1] = {}) {
  const institution = await buildInstitution(db, overrides);
  const admin = await buildUser(db, institution.id, ['institution_admin']);
  const officer = await buildUser(db, institution.id, ['cooperation_officer']);
  const member = await buildUser(db, institution.id, ['member']);
  const student = await buildUser(db, institution.id, ['student']);
  return { institution, admin, officer, member, student };
}
