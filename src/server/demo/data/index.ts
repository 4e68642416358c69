// Demo consortium directory data: institutions, units, people, accounts and consortia built from the five
// real cooperation cases in the seeds (see PRODUCT.md, "Demo data"). Pure data — no I/O, no database.
//
// Facts reported in the seeds (institutions, the people who spoke for them, their titles and positions)
// are kept as reported; everything else is generated sample data and marked so: `DemoPerson.fromSeed`
// is false for generated people, `DemoInstitution.sample` is true for the invented Russian university,
// and every account belongs to a generated person.

import { DEMO_PASSWORD, demoAccounts } from './accounts.ts';
import { demoConsortia } from './consortia.ts';
import { demoInstitutions } from './institutions.ts';
import { demoPeople } from './people.ts';

export type InstitutionKind = 'university' | 'hospital' | 'institute' | 'business' | 'agency';
export type UnitKind = 'school' | 'faculty' | 'department' | 'ward' | 'lab' | 'center' | 'college' | 'office';

/** A unit of an institution; `key` is unique within the institution, e.g. 'seee'. */
export interface DemoUnit {
  key: string;
  kind: UnitKind;
  nameVi: string;
  nameEn: string;
  children?: DemoUnit[];
}

export interface DemoInstitution {
  /** Short code, uppercase letters/digits, e.g. 'HMU', 'HUST', 'BMH'. */
  code: string;
  kind: InstitutionKind;
  /** ISO 3166-1 alpha-2. */
  country: string;
  nameVi: string;
  nameEn: string;
  website: string | null;
  city: string;
  /** True when the institution itself is invented. */
  sample: boolean;
  units: DemoUnit[];
}

export interface DemoPerson {
  /** Institution code. */
  institution: string;
  /** Unit key in that institution. */
  unit: string | null;
  /** Vietnamese names with diacritics. */
  fullName: string;
  /** Academic title as a Vietnamese abbreviation: 'GS.TS.', 'PGS.TS.', 'TS.', 'ThS.', 'BS.', 'BSCKII.' … */
  title: string | null;
  positionVi: string | null;
  positionEn: string | null;
  email: string | null;
  phone: string | null;
  expertise: string[];
  /** ISO 639-1 codes. */
  languages: string[];
  /** True = reported in a seed with this title/position; false = generated sample person. */
  fromSeed: boolean;
  visibility: 'consortium' | 'private';
}

export type DemoRole =
  | 'platform_admin'
  | 'institution_admin'
  | 'cooperation_officer'
  | 'coordinator'
  | 'member'
  | 'student'
  | 'exam_organiser'
  | 'admissions_officer';

export interface DemoAccount {
  email: string;
  institution: string;
  displayName: string;
  roles: DemoRole[];
  /** Links to a DemoPerson by e-mail. */
  personEmail?: string;
  language: 'vi' | 'en';
}

export interface DemoConsortium {
  code: string;
  nameVi: string;
  nameEn: string;
  descriptionVi: string;
  descriptionEn: string;
  /** Institution codes. */
  members: string[];
}

export { DEMO_PASSWORD, demoAccounts, demoConsortia, demoInstitutions, demoPeople };

export const DEMO_INSTITUTION_KINDS: readonly InstitutionKind[] = [
  'university',
  'hospital',
  'institute',
  'business',
  'agency',
];
export const DEMO_UNIT_KINDS: readonly UnitKind[] = [
  'school',
  'faculty',
  'department',
  'ward',
  'lab',
  'center',
  'college',
  'office',
];
export const DEMO_ROLES: readonly DemoRole[] = [
  'platform_admin',
  'institution_admin',
  'cooperation_officer',
  'coordinator',
  'member',
  'student',
  'exam_organiser',
  'admissions_officer',
];
/** Academic and professional titles used in the demo data (Vietnamese abbreviations). */
export const DEMO_TITLES: readonly string[] = [
  'GS.TS.',
  'PGS.TS.',
  'TS.',
  'ThS.',
  'CN.',
  'KS.',
  'BS.',
  'ThS.BS.',
  'TS.BS.',
  'BSCKI.',
  'BSCKII.',
  'ĐD.',
  'ThS.ĐD.',
];

/** One unit with its position in the tree: `path` is the chain of keys from the root, e.g. 'seee/electronics/bme'. */
export interface FlatDemoUnit {
  unit: DemoUnit;
  parentKey: string | null;
  path: string;
  depth: number;
}

/** Flattens a unit tree depth-first, parents before their children (the order to insert them in). */
export function flattenUnits(units: readonly DemoUnit[]): FlatDemoUnit[] {
  const out: FlatDemoUnit[] = [];
  const walk = (list: readonly DemoUnit[], parent: FlatDemoUnit | null): void => {
    for (const unit of list) {
      const flat: FlatDemoUnit = {
        unit,
        parentKey: parent ? parent.unit.key : null,
        path: parent ? `${parent.path}/${unit.key}` : unit.key,
        depth: parent ? parent.depth + 1 : 1,
      };
      out.push(flat);
      if (unit.children) walk(unit.children, flat);
    }
  };
  walk(units, null);
  return out;
}

export interface DemoData {
  institutions: readonly DemoInstitution[];
  people: readonly DemoPerson[];
  accounts: readonly DemoAccount[];
  consortia: readonly DemoConsortium[];
}

export const demoData: DemoData = {
  institutions: demoInstitutions,
  people: demoPeople,
  accounts: demoAccounts,
  consortia: demoConsortia,
};

const CODE_RE = /^[A-Z0-9]+$/;
const CONSORTIUM_CODE_RE = /^[A-Z0-9]+(-[A-Z0-9]+)*$/;
const UNIT_KEY_RE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const EMAIL_RE = /^[a-z0-9]+([._-][a-z0-9]+)*@[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)+$/;
const LANGUAGE_RE = /^[a-z]{2}$/;

const blank = (s: string | null | undefined): boolean => s == null || s.trim() === '';

/**
 * Checks that the demo data is consistent: codes, keys and e-mails unique and well-formed, every reference
 * (person → institution/unit, account → institution/person, consortium → institutions) resolves, both
 * languages present for every name. Returns the problems found; an empty list means the data is valid.
 */
export function validateDemoData(data: DemoData = demoData): string[] {
  const problems: string[] = [];
  const institutions = new Map<string, DemoInstitution>();
  const unitsByInstitution = new Map<string, Map<string, FlatDemoUnit>>();

  for (const inst of data.institutions) {
    const where = `institution ${inst.code}`;
    if (!CODE_RE.test(inst.code)) problems.push(`${where}: code must be uppercase letters/digits`);
    if (institutions.has(inst.code)) problems.push(`${where}: duplicate code`);
    institutions.set(inst.code, inst);
    if (!DEMO_INSTITUTION_KINDS.includes(inst.kind)) problems.push(`${where}: unknown kind ${inst.kind}`);
    if (!/^[A-Z]{2}$/.test(inst.country)) problems.push(`${where}: country must be ISO 3166-1 alpha-2`);
    if (blank(inst.nameVi) || blank(inst.nameEn)) problems.push(`${where}: name missing in a language`);
    if (blank(inst.city)) problems.push(`${where}: city missing`);
    if (inst.website !== null && !/^https:\/\/[a-z0-9.-]+\/?$/.test(inst.website)) {
      problems.push(`${where}: website must be an https origin`);
    }
    if (inst.sample && (!inst.nameEn.includes('(sample)') || !inst.nameVi.includes('(dữ liệu mẫu)'))) {
      problems.push(`${where}: sample institution must say so in both names`);
    }

    const units = new Map<string, FlatDemoUnit>();
    const paths = new Set<string>();
    for (const flat of flattenUnits(inst.units)) {
      const u = flat.unit;
      const uw = `${where} unit ${flat.path}`;
      if (!UNIT_KEY_RE.test(u.key)) problems.push(`${uw}: key must be lowercase kebab-case`);
      if (units.has(u.key)) problems.push(`${uw}: duplicate unit key ${u.key}`);
      if (paths.has(flat.path)) problems.push(`${uw}: duplicate unit path`);
      units.set(u.key, flat);
      paths.add(flat.path);
      if (!DEMO_UNIT_KINDS.includes(u.kind)) problems.push(`${uw}: unknown kind ${u.kind}`);
      if (blank(u.nameVi) || blank(u.nameEn)) problems.push(`${uw}: name missing in a language`);
      if (u.children && u.children.length === 0) problems.push(`${uw}: empty children list`);
    }
    unitsByInstitution.set(inst.code, units);
  }

  const peopleByEmail = new Map<string, DemoPerson>();
  for (const person of data.people) {
    const where = `person ${person.fullName} (${person.institution})`;
    if (blank(person.fullName)) problems.push(`${where}: name missing`);
    const units = unitsByInstitution.get(person.institution);
    if (!institutions.has(person.institution) || !units) {
      problems.push(`${where}: unknown institution ${person.institution}`);
    } else if (person.unit !== null && !units.has(person.unit)) {
      problems.push(`${where}: unknown unit ${person.unit}`);
    }
    if (person.title !== null && !DEMO_TITLES.includes(person.title))
      problems.push(`${where}: unknown title ${person.title}`);
    if (blank(person.positionVi) !== blank(person.positionEn))
      problems.push(`${where}: position missing in a language`);
    if (person.email !== null) {
      if (!EMAIL_RE.test(person.email)) problems.push(`${where}: malformed or non-lowercase e-mail ${person.email}`);
      if (peopleByEmail.has(person.email)) problems.push(`${where}: duplicate e-mail ${person.email}`);
      peopleByEmail.set(person.email, person);
    } else if (!person.fromSeed) {
      problems.push(`${where}: generated people need an e-mail`);
    }
    if (person.fromSeed && person.email !== null)
      problems.push(`${where}: no e-mail is invented for people from the seeds`);
    if (person.languages.length === 0 || person.languages.some((l) => !LANGUAGE_RE.test(l))) {
      problems.push(`${where}: languages must be ISO 639-1 codes`);
    }
    if (new Set(person.languages).size !== person.languages.length) problems.push(`${where}: duplicate language`);
    if (person.expertise.some(blank)) problems.push(`${where}: blank expertise keyword`);
    if (person.visibility !== 'consortium' && person.visibility !== 'private')
      problems.push(`${where}: bad visibility`);
  }

  const accountEmails = new Set<string>();
  for (const account of data.accounts) {
    const where = `account ${account.email}`;
    if (!EMAIL_RE.test(account.email)) problems.push(`${where}: malformed or non-lowercase e-mail`);
    if (accountEmails.has(account.email)) problems.push(`${where}: duplicate e-mail`);
    accountEmails.add(account.email);
    if (!institutions.has(account.institution)) problems.push(`${where}: unknown institution ${account.institution}`);
    if (blank(account.displayName)) problems.push(`${where}: display name missing`);
    if (account.roles.length === 0) problems.push(`${where}: no roles`);
    if (new Set(account.roles).size !== account.roles.length) problems.push(`${where}: duplicate role`);
    for (const role of account.roles) if (!DEMO_ROLES.includes(role)) problems.push(`${where}: unknown role ${role}`);
    if (account.language !== 'vi' && account.language !== 'en') problems.push(`${where}: bad language`);
    const platformOnly = account.roles.length === 1 && account.roles[0] === 'platform_admin';
    if (account.personEmail === undefined) {
      if (!platformOnly) problems.push(`${where}: must link to a person`);
      continue;
    }
    const person = peopleByEmail.get(account.personEmail);
    if (!person) {
      problems.push(`${where}: unknown person ${account.personEmail}`);
      continue;
    }
    if (person.institution !== account.institution) problems.push(`${where}: person belongs to ${person.institution}`);
    if (person.fromSeed) problems.push(`${where}: accounts belong to generated people only`);
    if (person.fullName !== account.displayName) problems.push(`${where}: display name differs from the person's name`);
  }

  const consortia = new Set<string>();
  for (const c of data.consortia) {
    const where = `consortium ${c.code}`;
    if (!CONSORTIUM_CODE_RE.test(c.code)) problems.push(`${where}: code must be uppercase letters/digits/hyphens`);
    if (consortia.has(c.code)) problems.push(`${where}: duplicate code`);
    consortia.add(c.code);
    if (blank(c.nameVi) || blank(c.nameEn)) problems.push(`${where}: name missing in a language`);
    if (blank(c.descriptionVi) || blank(c.descriptionEn)) problems.push(`${where}: description missing in a language`);
    if (c.members.length < 2) problems.push(`${where}: needs at least two members`);
    if (new Set(c.members).size !== c.members.length) problems.push(`${where}: duplicate member`);
    for (const m of c.members) if (!institutions.has(m)) problems.push(`${where}: unknown member ${m}`);
  }

  return problems;
}

/** Throws with every problem listed when the demo data is inconsistent. */
export function assertDemoData(data: DemoData = demoData): void {
  const problems = validateDemoData(data);
  if (problems.length > 0) throw new Error(`Demo data is inconsistent:\n- ${problems.join('\n- ')}`);
}
