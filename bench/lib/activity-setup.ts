import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { todayIn } from '../../src/server/modules/agreements/service.ts';
import { startEmbeddedPostgres } from '../../src/server/platform/embedded-postgres.ts';
import { type ActivitySeedResult, type HomeAgreementsResult, type Institution, peopleWeights, seedActivities, seedHomeAgreements } from './activity-data.ts';
import { seedInstitutions } from './agreement-data.ts';
import { seedDirectory, type SeedInstitution } from './directory-data.ts';
import { removeOnExit, type ServerProcess, spawnServer, waitReady } from './server.ts';

// The set-up shared by the benchmarks of an institution with many agreements and activities (bench/activities.ts,
// bench/calendar.ts): an embedded cluster and a `hoptac serve` child against it, the seeding of
// lib/activity-data.ts (HUST a party of every agreement), and signing in as the HUST cooperation officer.

/**
 * The counts of the activities data set at a scale (1 = 200 agreements, 200,000 activities, 2,000,000 participants).
 * At least 5,000 people: below that the smallest partners have fewer people than one activity's participants
 * (seedActivities refuses; at `--scale 0.05`, 1,000 people left one institution 9).
 */
export function activityCounts(scale: number, minPeople = 5_000) {
  return {
    agreements: Math.max(2, Math.round(200 * scale)),
    activities: Math.round(200_000 * scale),
    participants: Math.round(2_000_000 * scale),
    people: Math.max(minPeople, Math.round(20_000 * scale)),
  };
}
export type ActivityCounts = ReturnType<typeof activityCounts>;

export const HOME = 'HUST';
export const OFFICER = { email: 'officer@hust.demo.hoptac.vn', password: 'hoptac-demo' };
/** HUST's share of the seeded people (the rest spread over the partner institutions by weight). */
export const HOME_PEOPLE_SHARE = 0.25;
/** The tables the seeding writes, vacuumed and analysed after it. */
export const SEEDED_TABLES = [
  'institutions', 'people', 'units', 'agreements', 'agreement_versions', 'agreement_parties', 'agreement_areas', 'agreement_contacts',
  'agreement_targets', 'agreement_approvals', 'activities', 'activity_organisers', 'activity_participants', 'activity_counts',
];

export interface Stack {
  root: string;
  cluster: Awaited<ReturnType<typeof startEmbeddedPostgres>>;
  server: ServerProcess;
  url: string;
  dbUrl: string;
  /** Throws (with the server's last output) when the server exited during the run. */
  alive: () => void;
}

/**
 * An embedded PostgreSQL cluster of its own in a temporary directory (removed at exit) with a database `hoptac`,
 * and `hoptac serve` against it (DATABASE_URL, HOPTAC_DEMO=1: migrations + demo). `onCluster` receives the
 * cluster as soon as it runs, so the caller can stop it whatever fails next.
 */
export async function startStack(prefix: string, o: { echo?: boolean; onCluster: (c: Stack['cluster']) => void; onServer: (s: ServerProcess) => void }): Promise<Stack> {
  const root = removeOnExit(mkdtempSync(join(tmpdir(), prefix)));
  chmodSync(root, 0o755); // as root, the cluster runs as the `postgres` user, which must reach its directory
  const cluster = await startEmbeddedPostgres({ dataDir: join(root, 'cluster') });
  o.onCluster(cluster);
  const admin = new pg.Client(cluster.url());
  await admin.connect();
  await admin.query('CREATE DATABASE hoptac');
  await admin.end();
  const dbUrl = cluster.url('hoptac');
  const server = spawnServer({ DATABASE_URL: dbUrl, DATA_DIR: join(root, 'app'), HOPTAC_DEMO: '1' }, { echo: o.echo });
  o.onServer(server);
  const { url } = await waitReady(server, 120_000);
  let gone: string | undefined;
  server.child.on('exit', (code, signal) => {
    gone = `hoptac serve exited during the benchmark (code ${code}, signal ${signal})`;
  });
  const alive = () => {
    if (gone) throw new Error(`${gone}; its last output:\n${server.output().slice(-3000)}`);
  };
  return { root, cluster, server, url, dbUrl, alive };
}

export interface SeededInstitution {
  /** Institutions added beside the demo's. */
  added: number;
  institutions: Institution[];
  /** HUST's id. */
  home: string;
  directory: { units: number; people: number };
  /** Active people by institution id. */
  people: Map<string, string[]>;
  today: string;
  agreements: HomeAgreementsResult;
  activities: ActivitySeedResult;
}

/**
 * Seeds the activities data set (bench/lib/activity-data.ts): 64 more institutions, `counts.people` people (HUST a
 * quarter of them), `counts.agreements` agreements in force with HUST a party of each, `counts.activities`
 * activities with `counts.participants` named participants; then VACUUM (ANALYZE) of the tables written.
 */
export async function seedActivityInstitution(client: pg.Client, counts: ActivityCounts, log: (line: string) => void): Promise<SeededInstitution> {
  const added = await seedInstitutions(client);
  const insts = await client.query<{ id: string; code: string; kind: string; country: string; name_vi: string; name_en: string }>(
    'SELECT id, code::text, kind, country, name_vi, name_en FROM institutions ORDER BY code',
  );
  const institutions: Institution[] = insts.rows.map((r) => ({ id: r.id, code: r.code, country: r.country, nameVi: r.name_vi, nameEn: r.name_en }));
  const home = institutions.find((i) => i.code === HOME)?.id;
  if (!home) throw new Error(`no institution ${HOME}`);
  const weights = peopleWeights(institutions, HOME, HOME_PEOPLE_SHARE);
  const seedInsts: SeedInstitution[] = insts.rows.map((r) => ({ id: r.id, code: r.code, kind: r.kind, weight: weights.get(r.id) ?? 1 }));
  const directory = await seedDirectory(client, seedInsts, { units: Math.round(counts.people / 5), people: counts.people }, 20261127, log);
  const peopleRows = await client.query<{ id: string; institution_id: string }>('SELECT id, institution_id FROM people WHERE archived_at IS NULL ORDER BY id');
  const people = new Map<string, string[]>();
  for (const r of peopleRows.rows) {
    const list = people.get(r.institution_id) ?? [];
    list.push(r.id);
    people.set(r.institution_id, list);
  }
  const today = todayIn(new Date());
  const agreements = await seedHomeAgreements(client, institutions, people, { count: counts.agreements, home: HOME });
  const activities = await seedActivities(client, agreements.agreements, people, { activities: counts.activities, participants: counts.participants, today }, log);
  return { added, institutions, home, directory, people, today, agreements, activities };
}

export async function vacuumAnalyze(client: pg.Client, tables: readonly string[] = SEEDED_TABLES) {
  for (const t of tables) await client.query(`VACUUM (ANALYZE) ${t}`);
}

export interface Session {
  cookie: string;
  csrf: string;
}

/** Signs in as the HUST cooperation officer (the session cookie and the CSRF token for writes). */
export async function loginOfficer(url: string): Promise<Session> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(OFFICER),
    signal: AbortSignal.timeout(10_000),
  });
  const body = await res.json();
  if (res.status !== 200) throw new Error(`login failed: HTTP ${res.status} ${JSON.stringify(body)}`);
  if (body.institution?.code !== HOME) throw new Error(`signed in to ${body.institution?.code}, expected ${HOME}`);
  return { cookie: String(res.headers.get('set-cookie')).split(';')[0], csrf: body.csrfToken };
}
