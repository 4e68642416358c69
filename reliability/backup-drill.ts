// Reliability, part "Backup and restore drills" (issue 12, item 4).
//
//   npx tsx reliability/backup-drill.ts [--quick] [--only live|previous] [--back 1,3,4] [--restore-with REF] [--echo]
//
// Live drill — a backup taken while writes go on, restored after losing everything:
// 1. an embedded PostgreSQL cluster of its own and `hoptac serve` on it (demo data), FILES_DIR of its own;
// 2. files uploaded through the API (documents of several sizes and types, one content twice as two revisions,
//    evidence of an activity), so that FILES_DIR holds more than the demo's;
// 3. three writers (two officers recording activities, one uploading documents) write without pause; after a few
//    seconds `hoptac backup FILE` runs as a child process, as an operator runs it, while they go on; they stop a
//    little after it ends. Every write acknowledged is remembered with its time;
// 4. the source is read (every table by primary key, every stored file hashed), then destroyed: app stopped,
//    cluster stopped, its data directory and FILES_DIR deleted;
// 5. a fresh cluster and an empty FILES_DIR; `hoptac restore FILE`;
// 6. compared: every table restored = the backup's content (rows, checksum); every table the writers do not touch =
//    the source (rows, checksum by primary key); the touched tables differ from the source only by rows written after
//    the backup's snapshot. One snapshot: every write acknowledged before the backup started is in it, none
//    acknowledged after it ended, and each writer's writes in it are a prefix of its writes (nothing after a gap).
//    Invariants of the restored data: every activity's organisers are parties of its agreement; each written activity
//    is whole (participants, counts, organiser, its audit entry) and no audit entry names one that is not there; the
//    figures the database keeps (target_actuals, commitment_actuals) = recomputed; every file row has its bytes with its
//    SHA-256 and size. Every stored file byte-identical to the source's. The app serves the restored data (sign-in,
//    agreements, pages, dashboard, every uploaded file downloaded and hashed).
// Previous releases — a backup of an earlier release's data restored by this version:
// 7. for each `--back N` (default 1 with --quick, else 1,3,4): the code as it stood before the N-th latest change of
//    the migrations (git archive of that commit's parent, beside this checkout's node_modules: its code, migrations,
//    demo and backup format; 4 back is a release that had 0015 before 0013 and 0014 were added) serves its demo,
//    takes writes through its API, and its own `hoptac backup` writes the backup;
// 8. the reference: that database upgraded in place by this version (`hoptac migrate`) and what this version serves
//    from it;
// 9. a fresh cluster (FILES_DIR copied when the old format holds no files: the operator's step for such backups);
//    this version's `hoptac restore`; checked: every migration recorded, every table of the old data with all its
//    rows, the restored database = the in-place upgrade (every table, rows and checksum by primary key), stored
//    figures = recomputed, file rows with their bytes; this version's `hoptac serve` started on it twice serves the
//    same agreement list, pages and dashboard as from the in-place upgrade, and the old upload.
// `--restore-with REF` restores and serves with the code of REF (e.g. HEAD) instead of the working tree, to show what
// an earlier restore did.
import { chmodSync, cpSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedCluster } from '../src/server/platform/embedded-postgres.ts';
import { arg, flag } from '../bench/lib/args.ts';
import { removeOnExit, spawnServer, waitReady } from '../bench/lib/server.ts';
import {
  type BackupContent,
  diffRows,
  fingerprint,
  lineSetChecksum,
  readBackup,
  readTable,
  sha256,
  storedFiles,
  tableAsBackupLines,
  tableNames,
} from './lib/backup-compare.ts';
import { type CodeTree, hoptac, previousRelease, serveFrom, treeAt, workingTree } from './lib/backup-code.ts';
import { closeAgents, download, getJson, multipart, mustLogin, readHeaders, request, type Session, writeHeaders } from './lib/load-client.ts';
import { activityBody, discover, type UserWorld, YEAR } from './lib/load-world.ts';
import { prng } from '../bench/lib/stats.ts';
import type { PartOptions, PartResult } from './lib/part.ts';

export interface DrillOptions extends Partial<PartOptions> {
  quick?: boolean;
  only?: 'live' | 'previous';
  /** Releases back to restore from (1 = the release before the latest migration). */
  back?: number[];
  /** Restore and serve with the code of this git ref instead of the working tree. */
  restoreWith?: string;
}

/** Tables the drill's writers (and their sign-ins) change; any other table must be exactly the source's. */
const WRITTEN_TABLES = new Set([
  'activities',
  'activity_organisers',
  'activity_participants',
  'activity_counts',
  'activity_evidence',
  'agreement_documents',
  'files',
  'audit_log',
  'audit_owners',
  'target_actuals',
  'commitment_actuals',
  'sessions',
  'rate_events',
  'notifications',
  'mail_outbox',
]);

interface Report {
  ok: boolean;
  lines: string[];
  /** A line of the report; `progress` also shows it while running under run.ts (which prints the report after). */
  say(line: string, progress?: boolean): void;
  check(what: string, pass: boolean, detail?: string): boolean;
}
function reporter(log: (l: string) => void, inRunner: boolean): Report {
  const t0 = performance.now();
  const r: Report = {
    ok: true,
    lines: [],
    say(line, progress = false) {
      r.lines.push(line);
      if (!inRunner) log(line);
      else if (progress) log(`  [backup ${secs(t0).toFixed(0)} s] ${line.trim()}`);
    },
    check(what, pass, detail) {
      r.say(`  ${pass ? 'PASS' : 'FAIL'}  ${what}${detail ? ` — ${detail}` : ''}`, !pass);
      if (!pass) r.ok = false;
      return pass;
    },
  };
  return r;
}

const secs = (t0: number) => (performance.now() - t0) / 1000;
const mib = (n: number) => `${(n / 1048576).toFixed(1)} MiB`;

async function newCluster(dir: string): Promise<{ cluster: EmbeddedCluster; url: string }> {
  const cluster = await startEmbeddedPostgres({ dataDir: dir });
  const admin = new pg.Client(cluster.url());
  await admin.connect();
  await admin.query('CREATE DATABASE hoptac');
  await admin.end();
  return { cluster, url: cluster.url('hoptac') };
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client(url);
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

interface App {
  url: string;
  output(): string;
  stop(): Promise<number | null>;
}
async function startApp(tree: CodeTree, env: Record<string, string>, echo?: boolean): Promise<App> {
  if (tree.label !== 'working tree') return serveFrom(tree, env);
  const s = spawnServer(env, { echo });
  try {
    const { url } = await waitReady(s, 180_000);
    return { url, output: s.output, stop: () => s.stop() };
  } catch (err) {
    await s.stop();
    throw err;
  }
}

// ---- files and writes through the API

type FileKind = 'pdf' | 'png';
function fileBytes(kind: FileKind, size: number, seed = randomBytes(8)): Buffer {
  const head = kind === 'pdf' ? Buffer.from('%PDF-1.4\n% hoptac drill\n') : Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([head, seed, randomBytes(Math.max(0, size - head.length - seed.length))]);
}

interface Uploaded {
  documentId: string;
  documentKey: string;
  fileId: string;
  sha: string;
  size: number;
  agreementId: string;
}
async function upload(
  base: string,
  s: Session,
  agreementId: string,
  kind: string,
  bytes: Buffer,
  name: string,
  extra: Record<string, string> = {},
): Promise<{ status: number; doc?: Uploaded; body: string }> {
  const form = multipart({ kind, title: name, ...extra }, { name, type: name.endsWith('.png') ? 'image/png' : 'application/pdf', bytes });
  const a = await request(base, `/api/v1/agreements/${agreementId}/documents`, {
    method: 'POST',
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': form.contentType },
    body: form.body,
    timeoutMs: 120_000,
  });
  if (a.status !== 201) return { status: a.status, body: a.body.slice(0, 300) };
  const d = JSON.parse(a.body);
  return { status: 201, body: '', doc: { documentId: d.id, documentKey: d.documentKey, fileId: d.fileId, sha: d.sha256, size: d.sizeBytes, agreementId } };
}

interface Ack {
  writer: string;
  seq: number;
  kind: 'activity' | 'document';
  id: string;
  ackAt: number;
  participants: number;
  counts: number;
  sha?: string;
}

interface Writers {
  acks: Ack[];
  failures: string[];
  stop(): Promise<void>;
}

/**
 * Writers that write without pause until stopped: activities (one per officer) and document uploads (with --quick,
 * smaller and 150 ms apart, so that a busy machine's slow backup start does not pile up files to copy).
 */
function startWriters(base: string, writers: { name: string; session: Session; world: UserWorld; uploads: boolean }[], quick: boolean): Writers {
  const acks: Ack[] = [];
  const failures: string[] = [];
  let stopping = false;
  const loops = writers.map(async (w, index) => {
    const rnd = prng(4242 + index);
    let seq = 0;
    while (!stopping) {
      seq++;
      if (w.uploads) {
        const r = w.world.recordable[seq % w.world.recordable.length];
        if (quick) await new Promise((r) => setTimeout(r, 150));
        const bytes = fileBytes('pdf', 20_000 + Math.floor(rnd() * (quick ? 150_000 : 400_000)));
        const res = await upload(base, w.session, r.agreementId, 'other', bytes, `drill-${w.name}-${seq}.pdf`);
        if (res.doc) acks.push({ writer: w.name, seq, kind: 'document', id: res.doc.documentId, ackAt: performance.now(), participants: 0, counts: 0, sha: sha256(bytes) });
        else failures.push(`${w.name} #${seq}: upload HTTP ${res.status} ${res.body}`);
        continue;
      }
      const r = w.world.recordable[seq % w.world.recordable.length];
      const body = activityBody(w.world, r, rnd, `Drill ${w.name}`, seq);
      const a = await request(base, `/api/v1/agreements/${r.agreementId}/activities`, { method: 'POST', headers: writeHeaders(w.session), body: JSON.stringify(body) });
      if (a.status === 201) {
        acks.push({ writer: w.name, seq, kind: 'activity', id: JSON.parse(a.body).items[0].id, ackAt: performance.now(), participants: body.participants.length, counts: body.counts.length });
      } else failures.push(`${w.name} #${seq}: POST activity HTTP ${a.status || a.error} ${a.body.slice(0, 200)}`);
    }
  });
  return {
    acks,
    failures,
    async stop() {
      stopping = true;
      await Promise.all(loops);
    },
  };
}

// ---- checks on a restored database

/** Figures kept by triggers (target_actuals 0015, commitment_actuals 0018) equal a recomputation from the records. */
async function actualsExact(c: pg.Client): Promise<{ ok: boolean; detail: string }> {
  const kept = [
    ['target_actuals', 'hoptac_refresh_target_actuals'],
    ['commitment_actuals', 'hoptac_refresh_commitment_actuals'],
  ];
  const parts: string[] = [];
  let ok = true;
  for (const [table, refresh] of kept) {
    const has = (await c.query(`SELECT to_regclass($1) IS NOT NULL AND to_regproc($2) IS NOT NULL AS f`, [table, refresh])).rows[0].f as boolean;
    if (!has) continue;
    await c.query('BEGIN');
    try {
      const before = await readTable(c, table);
      await c.query(`SELECT ${refresh}(array_agg(id)) FROM agreements`);
      const after = await readTable(c, table);
      const d = diffRows(after, before);
      if (d.added + d.removed + d.changed > 0) ok = false;
      parts.push(`${table} ${before.count} (recomputed: ${d.changed} differ, ${d.added} extra, ${d.removed} missing)`);
    } finally {
      await c.query('ROLLBACK');
    }
  }
  return { ok, detail: parts.join('; ') || 'no stored figures at this schema' };
}

async function fileRowsHaveBytes(c: pg.Client, filesDir: string): Promise<{ ok: boolean; detail: string; rows: number }> {
  const on = storedFiles(filesDir);
  const { rows } = await c.query<{ sha256: string; size_bytes: number }>('SELECT sha256, size_bytes::bigint::text::float8 AS size_bytes FROM files');
  const bad = rows.filter((r) => on.get(r.sha256)?.hash !== r.sha256 || on.get(r.sha256)?.size !== Number(r.size_bytes));
  return { ok: bad.length === 0, rows: rows.length, detail: `${rows.length} file rows, ${new Set(rows.map((r) => r.sha256)).size} distinct contents, ${bad.length} without their bytes (SHA-256 and size)` };
}

async function organisersAreParties(c: pg.Client): Promise<{ ok: boolean; detail: string }> {
  const { rows } = await c.query<{ acts: number; orphan: number; foreign: number }>(`
    SELECT (SELECT count(*)::int FROM activities) AS acts,
      (SELECT count(*)::int FROM activities a WHERE NOT EXISTS (SELECT 1 FROM activity_organisers o WHERE o.activity_id = a.id)) AS orphan,
      (SELECT count(*)::int FROM activity_organisers o JOIN activities a ON a.id = o.activity_id
        WHERE NOT EXISTS (SELECT 1 FROM agreement_parties p WHERE p.agreement_id = a.agreement_id AND p.institution_id = o.institution_id)) AS foreign`);
  const r = rows[0];
  return { ok: r.orphan === 0 && r.foreign === 0, detail: `${r.acts} activities: ${r.orphan} without organisers, ${r.foreign} organisers not parties` };
}

// ---- the live drill

async function liveDrill(root: string, restoreTree: CodeTree, quick: boolean, rep: Report, echo?: boolean) {
  const { say, check } = rep;
  const current = workingTree();
  say(`live drill: backup while writing, restore after losing the database and FILES_DIR (restore with ${restoreTree.label})`, true);
  const t0 = performance.now();
  const src = await newCluster(join(root, 'live-cluster'));
  const filesDir = join(root, 'live-files');
  let app: App | undefined = await startApp(current, { DATABASE_URL: src.url, FILES_DIR: filesDir, DATA_DIR: join(root, 'live-app'), HOPTAC_DEMO: '1' }, echo);
  let restoredCluster: EmbeddedCluster | undefined;
  let restoredApp: App | undefined;
  try {
    say(`  source: cluster and app up, demo loaded (${secs(t0).toFixed(1)} s)`);
    const hust = await mustLogin(app.url, 'officer@hust.demo.hoptac.vn');
    const hmu = await mustLogin(app.url, 'officer@hmu.demo.hoptac.vn');
    const hustWorld = await discover(app.url, hust);
    const hmuWorld = await discover(app.url, hmu);
    if (!hustWorld.recordable.length || !hmuWorld.recordable.length) throw new Error('the demo officers have no agreement to record under');

    // Files before the writes: sizes from 3 KB to 6 MB, a PNG, the same content twice, evidence of an activity.
    const uploaded: Uploaded[] = [];
    const plan: [FileKind, number][] = [['pdf', 3_000], ['pdf', 180_000], ['png', 60_000], ['pdf', 1_500_000], ['pdf', quick ? 2_000_000 : 6_000_000]];
    for (const [i, [kind, size]] of plan.entries()) {
      const r = hustWorld.recordable[i % hustWorld.recordable.length];
      const res = await upload(app.url, hust, r.agreementId, 'annex', fileBytes(kind, size), `drill-${i}.${kind}`);
      if (!res.doc) throw new Error(`upload ${i}: HTTP ${res.status} ${res.body}`);
      uploaded.push(res.doc);
    }
    const twice = fileBytes('pdf', 40_000);
    const first = await upload(app.url, hmu, hmuWorld.recordable[0].agreementId, 'minutes', twice, 'minutes.pdf');
    const again = await upload(app.url, hmu, hmuWorld.recordable[0].agreementId, 'minutes', twice, 'minutes-rev2.pdf', first.doc ? { documentKey: first.doc.documentKey } : {});
    for (const x of [first, again]) if (x.doc) uploaded.push(x.doc);
    const r0 = hustWorld.recordable[0];
    const act = await request(app.url, `/api/v1/agreements/${r0.agreementId}/activities`, {
      method: 'POST',
      headers: writeHeaders(hust),
      body: JSON.stringify(activityBody(hustWorld, r0, () => 0.3, 'Drill evidence', 1)),
    });
    if (act.status !== 201) throw new Error(`activity for evidence: HTTP ${act.status} ${act.body.slice(0, 300)}`);
    const evidence = await upload(app.url, hust, r0.agreementId, 'evidence', fileBytes('png', 120_000), 'evidence.png', { activityId: JSON.parse(act.body).items[0].id });
    if (!evidence.doc) throw new Error(`evidence upload: HTTP ${evidence.status} ${evidence.body}`);
    uploaded.push(evidence.doc);
    check(
      `files uploaded before the writes: ${uploaded.length} documents (3 KB – ${mib(Math.max(...uploaded.map((u) => u.size)))}, PDF and PNG, one content twice as two revisions, evidence of an activity)`,
      uploaded.length === plan.length + 3 && first.doc?.sha === again.doc?.sha && first.doc?.fileId !== again.doc?.fileId,
    );

    // Writes without pause; the backup starts after a few seconds of them, and they go on during it.
    const writers = startWriters(app.url, [
      { name: 'hust', session: hust, world: hustWorld, uploads: false },
      { name: 'hmu', session: hmu, world: hmuWorld, uploads: false },
      { name: 'uploader', session: hust, world: hustWorld, uploads: true },
    ], quick);
    await new Promise((r) => setTimeout(r, quick ? 3000 : 6000));
    const backupFile = join(root, 'hoptac-backup.jsonl.gz');
    const backupStart = performance.now();
    const ackedBefore = writers.acks.length;
    const backup = await hoptac(current, ['backup', backupFile], { DATABASE_URL: src.url, FILES_DIR: filesDir });
    const backupEnd = performance.now();
    const duringBackup = writers.acks.filter((a) => a.ackAt > backupStart && a.ackAt < backupEnd).length;
    await new Promise((r) => setTimeout(r, 2000));
    await writers.stop();
    const acks = writers.acks;
    say(`  backup: ${backup.stdout.trim() || backup.stderr.trim()}`);
    check(`hoptac backup while writing: exit ${backup.code} in ${backup.seconds.toFixed(1)} s`, backup.code === 0, backup.stderr.trim().slice(0, 300));
    check(
      `writes acknowledged: ${acks.length} (${ackedBefore} before the backup started, ${duringBackup} while it ran), failed ${writers.failures.length}`,
      writers.failures.length === 0 && duringBackup > 0,
      writers.failures.slice(0, 2).join(' | ') || (duringBackup === 0 ? 'no write was acknowledged while the backup ran' : ''),
    );

    // Read the source as it is now, then destroy it.
    const source = await withClient(src.url, (c) => fingerprint(c));
    const sourceFiles = storedFiles(filesDir);
    const officerList = await getJson<{ items: { id: string }[] }>(app.url, '/api/v1/agreements?limit=100', hust);
    await app.stop();
    app = undefined;
    await src.cluster.stop();
    rmSync(join(root, 'live-cluster'), { recursive: true, force: true });
    rmSync(filesDir, { recursive: true, force: true });
    say(`  source destroyed: cluster stopped, its data directory and FILES_DIR (${sourceFiles.size} files) deleted`);

    // Restore into a fresh cluster and an empty FILES_DIR.
    const dst = await newCluster(join(root, 'restored-cluster'));
    restoredCluster = dst.cluster;
    const restoredFiles = join(root, 'restored-files');
    const restore = await hoptac(restoreTree, ['restore', backupFile], { DATABASE_URL: dst.url, FILES_DIR: restoredFiles });
    say(`  restore: ${restore.stdout.trim().split('\n').at(-1) ?? ''}${restore.stderr.trim() ? ` / ${restore.stderr.trim().slice(0, 300)}` : ''}`);
    check(`hoptac restore into a fresh cluster: exit ${restore.code} in ${restore.seconds.toFixed(1)} s`, restore.code === 0);

    const content: BackupContent = await readBackup(backupFile);
    const restored = await withClient(dst.url, async (c) => {
      // 1. Restored = the backup's content, table by table.
      let rows = 0;
      const bad: string[] = [];
      for (const [table, lines] of content.tables) {
        const got = await tableAsBackupLines(c, table);
        rows += got.length;
        if (got.length !== lines.length || lineSetChecksum(got) !== lineSetChecksum(lines)) bad.push(`${table} (${got.length} vs ${lines.length})`);
      }
      check(`every table restored = the backup's content: ${content.tables.size} tables, ${rows} rows, checksum per table`, bad.length === 0, bad.join(', '));
      const fp = await fingerprint(c);
      return { fp, rows };
    });

    // 2. Restored vs the source: untouched tables identical; touched ones differ only by what came after the snapshot.
    const untouched: string[] = [];
    const touched: string[] = [];
    const unexpected: string[] = [];
    for (const [table, s] of source.tables) {
      const r = restored.fp.tables.get(table);
      if (!r) {
        unexpected.push(`${table} missing`);
        continue;
      }
      const d = diffRows(r, s);
      if (d.added + d.removed + d.changed === 0 && r.checksum === s.checksum) untouched.push(table);
      else if (WRITTEN_TABLES.has(table)) touched.push(`${table} +${d.added}${d.changed ? ` ~${d.changed}` : ''}${d.removed ? ` -${d.removed}` : ''}`);
      else unexpected.push(`${table} +${d.added} ~${d.changed} -${d.removed}`);
    }
    check(
      `tables the writers do not touch = the source (rows and checksum by primary key): ${untouched.length} of ${source.tables.size}`,
      unexpected.length === 0,
      unexpected.join(', '),
    );
    say(`    tables changed after the backup's snapshot (source vs restored: rows added, ~changed, -removed since): ${touched.join(', ') || 'none'}`);

    // 3. One snapshot: acknowledged before → in it; after it ended → not; each writer's writes in it are a prefix.
    const present = await withClient(dst.url, async (c) => {
      const ids = new Set<string>();
      for (const r of (await c.query<{ id: string }>(`SELECT id::text FROM activities WHERE title_en LIKE 'Drill %'`)).rows) ids.add(r.id);
      for (const r of (await c.query<{ id: string }>('SELECT id::text FROM agreement_documents')).rows) ids.add(r.id);
      return ids;
    });
    const before = acks.filter((a) => a.ackAt < backupStart);
    const after = acks.filter((a) => a.ackAt > backupEnd);
    const inIt = acks.filter((a) => present.has(a.id));
    check(`every write acknowledged before the backup started is in it: ${before.filter((a) => present.has(a.id)).length} of ${before.length}`, before.every((a) => present.has(a.id)));
    check(`no write acknowledged after the backup ended is in it: ${after.filter((a) => present.has(a.id)).length} of ${after.length}`, after.every((a) => !present.has(a.id)));
    const gaps: string[] = [];
    for (const w of ['hust', 'hmu', 'uploader']) {
      const mine = acks.filter((a) => a.writer === w).sort((a, b) => a.seq - b.seq);
      const k = mine.filter((a) => present.has(a.id)).length;
      if (mine.slice(0, k).some((a) => !present.has(a.id))) gaps.push(w);
    }
    check(`each writer's writes in the backup are a prefix of its writes (one snapshot): ${inIt.length} of ${acks.length} writes in it`, gaps.length === 0, gaps.join(', '));

    // 4. Invariants of the restored data.
    await withClient(dst.url, async (c) => {
      const org = await organisersAreParties(c);
      check(`every activity has organisers, all parties of its agreement: ${org.detail}`, org.ok);
      const writtenActs = inIt.filter((a) => a.kind === 'activity');
      let whole = 0;
      for (const a of writtenActs) {
        const { rows } = await c.query<{ p: number; n: number; o: number; au: number }>(
          `SELECT (SELECT count(*)::int FROM activity_participants WHERE activity_id = $1) AS p,
                  (SELECT count(*)::int FROM activity_counts WHERE activity_id = $1) AS n,
                  (SELECT count(*)::int FROM activity_organisers WHERE activity_id = $1) AS o,
                  (SELECT count(*)::int FROM audit_log WHERE entity = 'activity' AND action = 'create' AND entity_id = $1::text) AS au`,
          [a.id],
        );
        const r = rows[0];
        if (r.p === a.participants && r.n === a.counts && r.o === 1 && r.au === 1) whole++;
      }
      check(`each written activity in the backup is whole (participants, counts, organiser, its audit entry): ${whole} of ${writtenActs.length}`, whole === writtenActs.length);
      const missingAudit = await c.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit_log l WHERE l.entity = 'activity' AND l.action = 'create' AND l.after->>'titleEn' LIKE 'Drill %'
         AND NOT EXISTS (SELECT 1 FROM activities a WHERE a.id::text = l.entity_id)`,
      );
      check(`no audit entry of an activity that is not in the backup: ${missingAudit.rows[0].n}`, missingAudit.rows[0].n === 0);
      const act2 = await actualsExact(c);
      check(`stored figures = recomputed from the restored records: ${act2.detail}`, act2.ok);
      const fr = await fileRowsHaveBytes(c, restoredFiles);
      check(`every file row has its bytes in the new FILES_DIR: ${fr.detail}`, fr.ok);
    });

    // 5. Stored files: byte-identical to the source's, those the snapshot names.
    const restoredStore = storedFiles(restoredFiles);
    const named = await withClient(dst.url, async (c) => (await c.query<{ sha256: string }>('SELECT DISTINCT sha256 FROM files')).rows.map((r) => r.sha256));
    const sameBytes = named.filter((sha) => sourceFiles.get(sha)?.hash === sha && restoredStore.get(sha)?.hash === sha && restoredStore.get(sha)?.size === sourceFiles.get(sha)?.size);
    const bytes = named.reduce((n, sha) => n + (restoredStore.get(sha)?.size ?? 0), 0);
    check(
      `stored files byte-identical to the source's (SHA-256 of the bytes): ${sameBytes.length} of ${named.length} (${mib(bytes)}); ` +
        `${sourceFiles.size - named.length} source files came after the snapshot`,
      sameBytes.length === named.length && named.length > 0,
    );
    const intact = [...content.files.values()].filter((f) => f.intact).length;
    say(`    the backup file: ${content.files.size} files (${intact} intact), format version ${content.header.version}`);

    // 6. The app serves the restored data.
    restoredApp = await startApp(restoreTree, { DATABASE_URL: dst.url, FILES_DIR: restoredFiles, DATA_DIR: join(root, 'restored-app'), HOPTAC_DEMO: '0' }, echo);
    const s = await mustLogin(restoredApp.url, 'officer@hust.demo.hoptac.vn');
    const list = await getJson<{ items: { id: string }[] }>(restoredApp.url, '/api/v1/agreements?limit=100', s);
    let pages = 0;
    for (const a of list.items) if ((await request(restoredApp.url, `/api/v1/agreements/${a.id}`, { headers: readHeaders(s) })).status === 200) pages++;
    const dash = await request(restoredApp.url, `/api/v1/institutions/${s.institutionId}/dashboard?year=${YEAR}`, { headers: readHeaders(s) });
    check(
      `the app serves the restored data: sign-in, ${list.items.length} agreements listed (source ${officerList.items.length}), ${pages} pages, dashboard HTTP ${dash.status}`,
      list.items.length === officerList.items.length && pages === list.items.length && dash.status === 200,
    );
    const hmuS = await mustLogin(restoredApp.url, 'officer@hmu.demo.hoptac.vn');
    const mine = [...uploaded, ...acks.filter((a) => a.kind === 'document' && present.has(a.id)).map((a) => ({ documentId: a.id, sha: a.sha as string }))];
    let served = 0;
    const wrong: string[] = [];
    for (const u of mine) {
      const docs = await withClient(dst.url, async (c) => (await c.query<{ file_id: string; institution_id: string }>('SELECT file_id, institution_id FROM agreement_documents WHERE id = $1', [u.documentId])).rows[0]);
      if (!docs) {
        wrong.push(`${u.documentId} missing`);
        continue;
      }
      const as = docs.institution_id === hmuS.institutionId ? hmuS : s;
      const got = await download(restoredApp.url, `/api/v1/files/${docs.file_id}/content`, readHeaders(as));
      if (got.status === 200 && sha256(got.bytes) === u.sha && got.headers['x-content-sha256'] === u.sha) served++;
      else wrong.push(`${u.documentId}: HTTP ${got.status}`);
    }
    check(`every uploaded file in the backup downloads from the restored app with its SHA-256: ${served} of ${mine.length}`, served === mine.length, wrong.slice(0, 3).join(', '));
    say(
      `  live drill figures: ${restored.fp.tables.size} tables, ${restored.rows} rows, ${named.length} files (${mib(bytes)}) compared; ` +
        `backup ${backup.seconds.toFixed(1)} s (${mib(statSync(backupFile).size)} gzip'd), restore ${restore.seconds.toFixed(1)} s ` +
        `(both including the CLI's start, ~2–4 s)`,
      true,
    );
  } finally {
    closeAgents();
    await restoredApp?.stop();
    await app?.stop();
    await restoredCluster?.stop();
    await src.cluster.stop().catch(() => {});
  }
}

// ---- previous releases

async function previousDrill(root: string, back: number, restoreTree: CodeTree, rep: Report, echo?: boolean) {
  const { say, check } = rep;
  const t0 = performance.now();
  const prev = previousRelease(back);
  const old = treeAt(prev.commit, root);
  const now = restoreTree;
  const later = now.migrations.filter((m) => !old.migrations.includes(m));
  say(
    `\nprevious release, ${back} schema change${back > 1 ? 's' : ''} back: ${prev.subject} — the parent of ${prev.changedBy}, which ${prev.change}; ` +
      `its schema: ${old.migrations.length} migrations up to ${old.migrations.at(-1)}; this version adds ${later.join(', ')}`,
    true,
  );
  check(`its migrations are all among this version's (${old.migrations.length} of ${now.migrations.length})`, old.migrations.every((m) => now.migrations.includes(m)) && later.length > 0);
  const dir = join(root, `prev${back}`);
  const src = await newCluster(join(dir, 'cluster'));
  const filesDir = join(dir, 'files');
  let app: App | undefined;
  let dst: { cluster: EmbeddedCluster; url: string } | undefined;
  try {
    // The old code serves its demo and takes a few writes through its own API, then backs up with its own command.
    app = await startApp(old, { DATABASE_URL: src.url, FILES_DIR: filesDir, DATA_DIR: join(dir, 'old-app'), HOPTAC_DEMO: '1' }, echo);
    const s = await mustLogin(app.url, 'officer@hust.demo.hoptac.vn');
    const world = await discover(app.url, s);
    let writes = 0;
    const rnd = prng(99);
    for (let i = 0; i < 12 && world.recordable.length; i++) {
      const r = world.recordable[i % world.recordable.length];
      const a = await request(app.url, `/api/v1/agreements/${r.agreementId}/activities`, {
        method: 'POST',
        headers: writeHeaders(s),
        body: JSON.stringify(activityBody(world, r, rnd, 'Previous', i)),
      });
      if (a.status === 201) writes++;
    }
    const up = world.recordable.length ? await upload(app.url, s, world.recordable[0].agreementId, 'annex', fileBytes('pdf', 250_000), 'previous.pdf') : undefined;
    check(`the previous release served its demo and took ${writes} activity writes and ${up?.doc ? 1 : 0} upload through its API`, writes === 12 && !!up?.doc);
    await app.stop();
    app = undefined;
    const backupFile = join(dir, 'previous.jsonl.gz');
    const backup = await hoptac(old, ['backup', backupFile], { DATABASE_URL: src.url, FILES_DIR: filesDir });
    check(`its \`hoptac backup\`: exit ${backup.code} in ${backup.seconds.toFixed(1)} s — ${backup.stdout.trim()}`, backup.code === 0, backup.stderr.trim().slice(0, 300));
    const oldCounts = await withClient(src.url, async (c) => {
      const out = new Map<string, number>();
      for (const t of await tableNames(c)) out.set(t, (await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${t}"`)).rows[0].n);
      return out;
    });

    // The reference: the same database upgraded in place by this version (`hoptac migrate`), and what it serves.
    const upgrade = await hoptac(now, ['migrate'], { DATABASE_URL: src.url, FILES_DIR: filesDir });
    check(`reference: the old database upgraded in place by this version's \`hoptac migrate\`: exit ${upgrade.code}`, upgrade.code === 0, upgrade.stderr.trim().slice(0, 300));
    const upgraded = await withClient(src.url, (c) => fingerprint(c, (t) => (t === 'schema_migrations' ? ['name'] : undefined)));
    app = await startApp(now, { DATABASE_URL: src.url, FILES_DIR: filesDir, DATA_DIR: join(dir, 'upgraded-app'), HOPTAC_DEMO: '0' }, echo);
    const reference = await snapshotPages(app.url, await mustLogin(app.url, 'officer@hust.demo.hoptac.vn'));
    await app.stop();
    app = undefined;
    await src.cluster.stop();
    const content = await readBackup(backupFile);
    const holdsFiles = (content.header.version ?? 1) >= 2;

    // This version restores the old backup into a fresh cluster.
    dst = await newCluster(join(dir, 'restored-cluster'));
    const restoredFiles = join(dir, 'restored-files');
    if (!holdsFiles) cpSync(filesDir, restoredFiles, { recursive: true });
    say(`    backup format version ${content.header.version ?? 1}: ${holdsFiles ? 'files in the backup' : 'holds no files — FILES_DIR copied beside it, as the operator does for such backups'}`);
    const restore = await hoptac(now, ['restore', backupFile], { DATABASE_URL: dst.url, FILES_DIR: restoredFiles });
    check(
      `this version's \`hoptac restore\`: exit ${restore.code} in ${restore.seconds.toFixed(1)} s — ${restore.stdout.trim().split('\n').slice(-2).join(' / ')}`,
      restore.code === 0,
      restore.stderr.trim().slice(0, 400),
    );
    const dstUrl = dst.url;
    await withClient(dstUrl, async (c) => {
      const applied = (await c.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name')).rows.map((r) => r.name);
      check(`the schema is migrated forward: ${applied.length} migrations recorded`, applied.join() === now.migrations.join());
      const restored = await fingerprint(c, (t) => (t === 'schema_migrations' ? ['name'] : undefined));
      let rows = 0;
      const lost: string[] = [];
      for (const [t, n] of oldCounts) {
        const r = restored.tables.get(t);
        if (!r || (t !== 'schema_migrations' && r.count !== n)) lost.push(`${t} ${r?.count ?? 'missing'} vs ${n}`);
      }
      const differ: string[] = [];
      for (const [t, u] of upgraded.tables) {
        const r = restored.tables.get(t);
        rows += r?.count ?? 0;
        if (!r) differ.push(`${t} missing`);
        else if (r.count !== u.count || r.checksum !== u.checksum) {
          const d = diffRows(u, r);
          differ.push(`${t} (+${d.added} ~${d.changed} -${d.removed})`);
        }
      }
      check(`every table of the old data restored with all its rows (${oldCounts.size} tables)`, lost.length === 0, lost.join(', '));
      check(
        `restored = the same database upgraded in place, every table (rows and checksum by primary key): ${upgraded.tables.size} tables, ${rows} rows`,
        differ.length === 0 && restored.tables.size === upgraded.tables.size,
        differ.join(', '),
      );
      const act = await actualsExact(c);
      check(`stored figures = recomputed from the records: ${act.detail}`, act.ok);
      const fr = await fileRowsHaveBytes(c, restoredFiles);
      check(`every file row has its bytes: ${fr.detail}`, fr.ok);
    });
    // This version serves it, started twice (the second start must find nothing left to migrate).
    for (const round of [1, 2]) {
      app = await startApp(now, { DATABASE_URL: dstUrl, FILES_DIR: restoredFiles, DATA_DIR: join(dir, 'new-app'), HOPTAC_DEMO: '0' }, echo);
      const s2 = await mustLogin(app.url, 'officer@hust.demo.hoptac.vn');
      const pages = await snapshotPages(app.url, s2);
      const same = pages.list === reference.list && pages.pages === reference.pages && pages.dashboard === reference.dashboard;
      check(
        `start ${round} of this version on the restored data: ${pages.count} agreements listed and opened, the dashboard — as the in-place upgrade serves them`,
        same && pages.count > 0,
        same ? '' : `list ${pages.list === reference.list}, pages ${pages.pages === reference.pages}, dashboard ${pages.dashboard === reference.dashboard}`,
      );
      if (up?.doc) {
        const got = await download(app.url, `/api/v1/files/${up.doc.fileId}/content`, readHeaders(s2));
        check('… the file uploaded on the previous release downloads with its SHA-256', got.status === 200 && sha256(got.bytes) === up.doc.sha, `HTTP ${got.status}`);
      }
      await app.stop();
      app = undefined;
    }
    say(`  previous release ${back} back: backup ${backup.seconds.toFixed(1)} s, restore ${restore.seconds.toFixed(1)} s; done in ${secs(t0).toFixed(0)} s`, true);
  } catch (err) {
    if (app) say(`app output:\n${app.output().slice(-2000)}`);
    throw err;
  } finally {
    closeAgents();
    await app?.stop();
    await dst?.cluster.stop();
    await src.cluster.stop().catch(() => {});
  }
}

/**
 * What the officer's pages show, reduced to what must not change across a restore: the agreement list, every
 * agreement opened (its content, parties, approvals — not the permissions, which follow the code), the dashboard.
 */
async function snapshotPages(base: string, s: Session): Promise<{ count: number; list: string; pages: string; dashboard: string }> {
  const list = await getJson<{ items: { id: string; updatedAt: string; status: string; versionNo: number }[] }>(base, '/api/v1/agreements?limit=100&sort=title', s);
  const pages: string[] = [];
  for (const a of list.items) {
    const p = await getJson<Record<string, unknown>>(base, `/api/v1/agreements/${a.id}`, s);
    pages.push(JSON.stringify([p.id, p.status, p.versionNo, p.contentHash, p.content, p.parties, p.approvals]));
  }
  const dash = await getJson<Record<string, unknown>>(base, `/api/v1/institutions/${s.institutionId}/dashboard?year=${YEAR}`, s);
  return {
    count: list.items.length,
    list: JSON.stringify(list.items.map((a) => [a.id, a.status, a.versionNo, a.updatedAt])),
    pages: sha256(Buffer.from(pages.join('\n'))),
    dashboard: sha256(Buffer.from(JSON.stringify(dash))),
  };
}

export async function run(opts: DrillOptions = {}): Promise<PartResult> {
  // Called by reliability/run.ts (argv given: --quick, --drill live|previous, --back 1,3,4) or alone.
  const argv = opts.argv ?? [];
  const argOf = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const quick = opts.quick ?? argv.includes('--quick');
  const drill = argOf('--drill');
  const only = opts.only ?? (drill === 'live' || drill === 'previous' ? drill : undefined);
  const rep = reporter(opts.log ?? ((l) => console.log(l)), opts.argv !== undefined);
  const t0 = performance.now();
  const root = removeOnExit(mkdtempSync(join(tmpdir(), 'hoptac-reliability-backup-')));
  chmodSync(root, 0o755);
  const restoreWith = opts.restoreWith ?? argOf('--restore-with');
  const restoreTree = restoreWith ? treeAt(restoreWith, root) : workingTree();
  const backs = opts.back ?? argOf('--back')?.split(',').map(Number) ?? (quick ? [1] : [1, 3, 4]);
  try {
    if (only !== 'previous') await liveDrill(root, restoreTree, quick, rep, opts.echo);
    if (only !== 'live') for (const b of backs) await previousDrill(root, b, restoreTree, rep, opts.echo);
  } catch (err) {
    rep.ok = false;
    rep.say(`FAIL: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`, true);
  }
  rep.say(`backup drill ${rep.ok ? 'PASS' : 'FAIL'} (${secs(t0).toFixed(0)} s)`, true);
  return { name: 'backup-drill', ok: rep.ok, lines: rep.lines };
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const only = arg('--only');
  const result = await run({
    quick: flag('--quick'),
    only: only === 'live' || only === 'previous' ? only : undefined,
    back: arg('--back')?.split(',').map(Number),
    restoreWith: arg('--restore-with'),
    echo: flag('--echo'),
  });
  process.exit(result.ok ? 0 : 1);
}
