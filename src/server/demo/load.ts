import { sql } from 'kysely';
import type { Db, Tx } from '../platform/db.ts';
import type { FileStore } from '../platform/files.ts';
import { hashPassword } from '../platform/secrets.ts';
import { loadDemoActivities } from './activities-loader.ts';
import { loadDemoAdmissions } from './admissions-loader.ts';
import { loadDemoAgreements } from './agreements-loader.ts';
import { loadDemoDelegations } from './delegations-loader.ts';
import { loadDemoExams } from './exams-loader.ts';
import {
  DEMO_PASSWORD,
  type DemoUnit,
  demoAccounts,
  demoConsortia,
  demoInstitutions,
  demoPeople,
  assertDemoData,
} from './data/index.ts';

// Loads the demo consortium (directory, consortia, sample accounts) in one transaction.
// Later issues add their demo records through `demoLoaders`, in order, inside the same transaction.
// `files` is where loaders store demo files (e.g. signed PDFs); without it they skip files.
export type DemoLoader = (tx: Tx, ids: DemoIds, files?: FileStore) => Promise<void>;
export interface LoadDemoOptions {
  files?: FileStore;
}
export interface DemoIds {
  institutions: Map<string, string>;
  units: Map<string, string>; // `${code}/${unitKey}` → id
  people: Map<string, string>; // e-mail or full name → id
  users: Map<string, string>; // e-mail → id
}
export const demoLoaders: DemoLoader[] = [];

const DEMO_KEY = 'demo_loaded';

export async function isDemoLoaded(db: Db): Promise<boolean> {
  const row = await db.selectFrom('app_meta').select('key').where('key', '=', DEMO_KEY).executeTakeFirst();
  return row !== undefined;
}

export async function loadDemo(db: Db, options: LoadDemoOptions = {}): Promise<DemoIds> {
  assertDemoData();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction().execute(async (tx) => {
    const ids: DemoIds = { institutions: new Map(), units: new Map(), people: new Map(), users: new Map() };
    for (const inst of demoInstitutions) {
      const { id } = await tx
        .insertInto('institutions')
        .values({
          code: inst.code,
          kind: inst.kind,
          country: inst.country,
          name_vi: inst.nameVi,
          name_en: inst.nameEn,
          website: inst.website,
          city: inst.city,
          is_sample: inst.sample,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.institutions.set(inst.code, id);
      const addUnits = async (units: DemoUnit[], parentId: string | null) => {
        for (const u of units) {
          const row = await tx
            .insertInto('units')
            .values({ institution_id: id, parent_id: parentId, kind: u.kind, code: u.key, name_vi: u.nameVi, name_en: u.nameEn })
            .returning('id')
            .executeTakeFirstOrThrow();
          ids.units.set(`${inst.code}/${u.key}`, row.id);
          if (u.children) await addUnits(u.children, row.id);
        }
      };
      await addUnits(inst.units, null);
    }
    if (demoPeople.length > 0) {
      const rows = await tx
        .insertInto('people')
        .values(
          demoPeople.map((p) => ({
            institution_id: ids.institutions.get(p.institution)!,
            unit_id: p.unit ? ids.units.get(`${p.institution}/${p.unit}`)! : null,
            full_name: p.fullName,
            title: p.title,
            position_vi: p.positionVi,
            position_en: p.positionEn,
            email: p.email,
            phone: p.phone,
            expertise: p.expertise,
            languages: p.languages,
            visibility: p.visibility,
            is_sample: !p.fromSeed,
          })),
        )
        .returning(['id', 'email', 'full_name'])
        .execute();
      for (const r of rows) ids.people.set(r.email ?? r.full_name, r.id);
    }
    for (const a of demoAccounts) {
      const { id } = await tx
        .insertInto('users')
        .values({
          institution_id: ids.institutions.get(a.institution)!,
          email: a.email,
          display_name: a.displayName,
          password_hash: passwordHash,
          language: a.language,
          roles: a.roles,
          person_id: a.personEmail ? (ids.people.get(a.personEmail) ?? null) : null,
          is_sample: true,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.users.set(a.email, id);
    }
    for (const c of demoConsortia) {
      const { id } = await tx
        .insertInto('consortia')
        .values({ code: c.code, name_vi: c.nameVi, name_en: c.nameEn, description_vi: c.descriptionVi, description_en: c.descriptionEn })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('consortium_members')
        .values(c.members.map((m) => ({ consortium_id: id, institution_id: ids.institutions.get(m)! })))
        .execute();
    }
    for (const loader of demoLoaders) await loader(tx, ids, options.files);
    await tx
      .insertInto('app_meta')
      .values({ key: DEMO_KEY, value: JSON.stringify({ loadedAt: new Date().toISOString() }) })
      .execute();
    return ids;
  });
}

/** Every table the application owns, children before parents (for reset and restore). */
export async function applicationTables(db: Db | Tx): Promise<string[]> {
  const rows = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations'
    ORDER BY table_name`.execute(db);
  return rows.rows.map((r) => r.table_name);
}

/** Empties every application table (not the migrations), then loads the demo again. */
export async function resetDemo(db: Db, options: LoadDemoOptions = {}): Promise<DemoIds> {
  const tables = await applicationTables(db);
  await sql`TRUNCATE ${sql.join(tables.map((t) => sql.id(t)))} RESTART IDENTITY CASCADE`.execute(db);
  return loadDemo(db, options);
}

// Registered last: the loaders import only types from this module. Activities hang off the agreements.
demoLoaders.push(loadDemoAgreements, loadDemoActivities);
// Delegations link the demo activities their reports became.
demoLoaders.push(loadDemoDelegations);
// The SPT 2026 (seed 001) with its sample candidates; its gate is the HNUE–HMU agreement with an admissions area.
demoLoaders.push(loadDemoExams);
// HMU's season and the HOPTAC-DEMO consortium's, with finished dry runs over the SPT 2026 (seed 001).
demoLoaders.push(loadDemoAdmissions);
