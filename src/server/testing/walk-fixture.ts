import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../platform/db.ts';
import type { buildConsortium, buildTenant } from './factories.ts';
import type { ApiClient, TestApp } from './test-app.ts';

// What the cross-tenant walk (tenancy/cross-tenant.test.ts) needs from each module: the records of
// institution A that institution B must never reach. Every folder of src/server/modules has a
// `walk.fixture.ts` exporting `walkFixture`: either a builder of such records, or `{ none: 'why' }` for a
// module that keeps no records addressable by id. The walk fills every uuid path parameter with every id
// returned here and fails on any of the secret strings in any answer.
export type Tenant = Awaited<ReturnType<typeof buildTenant>>;

export interface WalkWorld {
  t: TestApp;
  db: Db;
  /** The institution whose records are private. */
  a: Tenant;
  /** A's partner: shares a consortium with A (B does not). */
  c: Tenant;
  consortium: Awaited<ReturnType<typeof buildConsortium>>;
  adminA: ApiClient;
  officerC: ApiClient;
  /** Ids by record type, from the fixtures that ran before this one (see `needs`). */
  built: Record<string, string>;
}

export interface WalkRecords {
  /** A's records by type: each id fills every uuid path parameter of every route. */
  ids: Record<string, string>;
  /** Ids no route takes but no answer may contain (an outbox mail, a point of contact's person). */
  hiddenIds?: string[];
  /** Strings that must never reach B: titles, names, e-mails, notes, secrets. */
  secrets: string[];
}

export type WalkFixture = { needs?: string[]; build(world: WalkWorld): Promise<WalkRecords> } | { none: string };

const MODULES_DIR = join(import.meta.dirname, '..', 'modules');

/** Every module's fixture, in an order where each comes after the modules it needs. */
export async function collectWalkFixtures(): Promise<{ module: string; fixture: WalkFixture }[]> {
  const modules = readdirSync(MODULES_DIR, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  const found = new Map<string, WalkFixture>();
  const missing: string[] = [];
  for (const m of modules) {
    try {
      const imported = (await import(join(MODULES_DIR, m, 'walk.fixture.ts'))) as { walkFixture?: WalkFixture };
      if (imported.walkFixture) found.set(m, imported.walkFixture);
      else missing.push(m);
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && String(err).includes('walk.fixture.ts')) missing.push(m);
      else throw err;
    }
  }
  if (missing.length > 0) {
    throw new Error(
      `These modules have no walk fixture: ${missing.join(', ')}. Add src/server/modules/<module>/walk.fixture.ts exporting ` +
        '`walkFixture` — records of institution A and their secret strings (see testing/walk-fixture.ts and modules/units/walk.fixture.ts) — ' +
        "or `export const walkFixture = { none: 'why the module keeps no records addressable by id' }`.",
    );
  }
  const ordered: { module: string; fixture: WalkFixture }[] = [];
  const visit = (m: string, trail: string[]) => {
    if (ordered.some((o) => o.module === m)) return;
    if (trail.includes(m)) throw new Error(`walk fixtures need each other in a circle: ${[...trail, m].join(' → ')}`);
    const fixture = found.get(m);
    if (!fixture) throw new Error(`a walk fixture needs module ${m}, which has none`);
    for (const n of 'needs' in fixture ? (fixture.needs ?? []) : []) visit(n, [...trail, m]);
    ordered.push({ module: m, fixture });
  };
  for (const m of [...found.keys()].sort()) visit(m, []);
  return ordered;
}
