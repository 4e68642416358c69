// Faults (issue 12, reliability): what the app does when its own process, PostgreSQL, the mail server or the disk
// fails under it — acknowledged writes survive, nothing is half-written, clients get a clean 503 while the database
// is away and service resumes without a restart, queued mail goes out exactly once. See reliability/README.md.
//
//   npm run check:reliability -- --only faults [--checks app-kill,pg-kill,pg-stop,smtp-down,jobs-once,disk-full]
//        [--concurrency 8] [--ack-log <file>] [--echo]
//
// One embedded PostgreSQL cluster (started here, with the app's own startEmbeddedPostgres) and one app process
// (src/cli/serve-process.ts, DATABASE_URL pointing at the cluster, demo loaded, SMTP_URL at a port where nothing
// listens yet, FILES_DIR on a 16 MiB tmpfs) serve every check, in this order:
//   e. smtp-down (first half): comments queue mail while nothing listens on SMTP_URL; it waits in the outbox; the
//      capture server then starts on that port (the second half is judged at the end, beside d);
//   a. app-kill: a burst of writes at 8 connections, SIGKILL of the app mid-burst, restart, every acknowledged
//      write checked in SQL and through the API, half-written records looked for;
//   b. pg-kill: the same burst, SIGKILL of the postmaster, crash recovery on the same data directory, the app not
//      restarted: refusals during the outage must be 503 in the error shape, writes succeed again afterwards;
//   c. pg-stop: the same with a clean stop and start, and /healthz must say why while the database is away;
//   f. disk-full: the files directory filled up; an upload is refused cleanly (507/503, localized), nothing
//      half-stored, and the same upload succeeds once there is room again;
//   d. jobs-once: every mail queued during all of the above (many while the app or the database was down) is
//      delivered, each exactly once.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { removeOnExit } from '../bench/lib/server.ts';
import { table } from '../bench/lib/stats.ts';
import { freePort } from '../src/server/platform/embedded-postgres.ts';
import { call, hasErrorShape, health, login, type Outcome, type Session } from './lib/api.ts';
import { type AppProcess, spawnApp } from './lib/app.ts';
import { comment, draft, ledgerSize, MARKER, newLedger, startBurst, type Targets, tally } from './lib/burst.ts';
import { type Cluster, startCluster } from './lib/cluster.ts';
import { filesWithoutBytes, halfWritten, sha256, verifyLedger } from './lib/invariants.ts';
import type { PartOptions, PartResult } from './lib/part.ts';
import { mailKey, type PortCapture, startCaptureOn } from './lib/smtp.ts';

const CHECKS = ['smtp-down', 'app-kill', 'pg-kill', 'pg-stop', 'disk-full', 'jobs-once'] as const;
type CheckKey = (typeof CHECKS)[number];
const TITLES: Record<CheckKey, string> = {
  'app-kill': 'a. kill -9 of the app during writes',
  'pg-kill': 'b. kill -9 of PostgreSQL during writes',
  'pg-stop': 'c. PostgreSQL stopped and started',
  'jobs-once': 'd. queued mail resumes, each once',
  'smtp-down': 'e. SMTP server down, then up',
  'disk-full': 'f. files directory full',
};
/** The whole part, set-up and clean-up included, stays within this. */
const BUDGET_MS = 290_000;
const TMPFS_SIZE = '16m';

type Verdict = 'PASS' | 'FAIL' | 'SKIPPED';
interface CheckResult {
  key: CheckKey;
  verdict: Verdict;
  /** Columns of the summary table. */
  cols: Partial<Record<'acked' | 'verified' | 'lost' | 'half' | 'outage' | 's503' | 's500' | 'mails', string | number>>;
  /** What was seen, one line each. */
  notes: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const argOf = (argv: string[], name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};

async function until(cond: () => boolean | Promise<boolean>, timeoutMs: number, stepMs = 100): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (await cond()) return true;
    if (performance.now() > deadline) return false;
    await sleep(stepMs);
  }
}

/** /healthz every 250 ms while a fault lasts. */
function pollHealth(base: string) {
  const seen: { status: number; body: unknown; at: number }[] = [];
  let on = true;
  const done = (async () => {
    while (on) {
      seen.push(await health(base));
      await sleep(250);
    }
  })();
  return {
    seen,
    stop: async () => {
      on = false;
      await done;
    },
  };
}

/** The reason /healthz gives, if its body gives one. */
function healthReason(body: unknown): string | undefined {
  const b = body as { reason?: unknown; error?: { code?: unknown }; database?: unknown; checks?: Record<string, unknown> } | null;
  if (typeof b !== 'object' || b === null) return undefined;
  const failed = Object.entries(b.checks ?? {}).filter(([, v]) => typeof v === 'string' && v !== 'ok');
  if (failed.length > 0) return failed.map(([k, v]) => `${k}: ${v}`).join(', ');
  for (const v of [b.reason, b.error?.code, b.database]) if (typeof v === 'string' && v.length > 0 && v !== 'ok') return v;
  return undefined;
}

const codesLine = (codes: Map<string, number>) =>
  [...codes].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${n}× ${k}`).join('; ') || 'none';

export async function run(opts: PartOptions): Promise<PartResult> {
  const t0 = performance.now();
  const left = () => BUDGET_MS - (performance.now() - t0);
  const log = (line: string) => opts.log(`  [faults ${secs(performance.now() - t0)}] ${line}`);
  const only = argOf(opts.argv, '--checks')?.split(',').map((c) => c.trim()) as CheckKey[] | undefined;
  for (const c of only ?? []) if (!CHECKS.includes(c)) throw new Error(`--checks: unknown check "${c}" (known: ${CHECKS.join(', ')})`);
  const wanted = (c: CheckKey) => !only || only.includes(c);
  const concurrency = Math.max(1, Math.min(32, Number(argOf(opts.argv, '--concurrency') ?? 8)));
  const results = new Map<CheckKey, CheckResult>();
  const result = (key: CheckKey, verdict: Verdict, cols: CheckResult['cols'], notes: string[]) => {
    results.set(key, { key, verdict, cols, notes });
    log(`${TITLES[key]}: ${verdict}`);
  };

  const root = removeOnExit(mkdtempSync(join(tmpdir(), 'hoptac-faults-')));
  chmodSync(root, 0o755); // as root, the cluster runs as `postgres`, which must reach its directory
  const filesDir = join(root, 'files');
  mkdirSync(filesDir);
  let cluster: Cluster | undefined;
  let app: AppProcess | undefined;
  let capture: PortCapture | undefined;
  let mounted = false;
  let mountRefused = '';
  const lastResort = () => {
    try {
      if (app?.running()) process.kill(-app.pid, 'SIGKILL');
    } catch {
      // gone
    }
    cluster?.killNow();
    if (mounted) {
      try {
        execFileSync('umount', ['-l', filesDir], { stdio: 'ignore' });
      } catch {
        // nothing to do
      }
    }
  };
  process.prependOnceListener('exit', lastResort); // before bench/lib/server.ts removes the directory
  const lines: string[] = [];

  try {
    // ---- the small disk for f: a tmpfs as FILES_DIR (root only)
    if (wanted('disk-full')) {
      try {
        execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${TMPFS_SIZE},mode=0755`, 'tmpfs', filesDir], { stdio: 'pipe' });
        mounted = true;
      } catch (err) {
        mountRefused = String((err as { stderr?: Buffer }).stderr ?? (err as Error).message).trim().split('\n')[0];
      }
    }

    // ---- set-up: cluster, database, app (migrations + demo), session
    log('starting PostgreSQL (embedded, owned by the harness)');
    cluster = await startCluster(join(root, 'cluster'), opts.echo ? (l) => console.log(`    pg | ${l.trimEnd()}`) : undefined);
    const admin = new pg.Client(cluster.url());
    await admin.connect();
    await admin.query('CREATE DATABASE hoptac');
    await admin.end();
    const smtpPort = await freePort();
    const appPort = await freePort();
    const env = {
      DATABASE_URL: cluster.url('hoptac'),
      DATA_DIR: join(root, 'app'),
      FILES_DIR: filesDir,
      HOPTAC_DEMO: '1',
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      PORT: String(appPort),
      PUBLIC_URL: `http://127.0.0.1:${appPort}`,
    };
    const startApp = async (label: string) => {
      const t = performance.now();
      app = spawnApp(env, { echo: opts.echo, label });
      const url = await app.ready(Math.min(150_000, left()));
      return { url, ms: performance.now() - t };
    };
    log('starting the app (migrations, demo) with SMTP_URL at a port where nothing listens');
    const first = await startApp('app#1');
    const base = first.url;
    log(`app ready at ${base} in ${secs(first.ms)}`);
    const session = await login(base);

    /** A fresh connection per use: the harness's own connections die with the cluster too. */
    const withDb = async <T>(f: (db: pg.Client) => Promise<T>): Promise<T> => {
      const db = new pg.Client(cluster!.url('hoptac'));
      await db.connect();
      try {
        return await f(db);
      } finally {
        await db.end().catch(() => {});
      }
    };
    const targets: Targets = await withDb(async (db) => {
      const r = (
        await db.query<{ id: string; area_key: string; start_date: string; partner: string; home: string }>(
          `SELECT a.id, r.area_key, a.start_date::text AS start_date, o.institution_id AS partner, h.id AS home
             FROM agreements a
             JOIN institutions h ON h.code = 'HUST'
             JOIN agreement_parties p ON p.agreement_id = a.id AND p.institution_id = h.id
             JOIN agreement_parties o ON o.agreement_id = a.id AND o.institution_id <> h.id
             JOIN agreement_areas r ON r.agreement_id = a.id
            WHERE a.status = 'active' ORDER BY a.start_date, a.id LIMIT 1`,
        )
      ).rows[0];
      if (!r) throw new Error('no active demo agreement of HUST with an area');
      return { home: r.home, partner: r.partner, agreement: { id: r.id, areaKey: r.area_key, date: r.start_date } };
    });
    const ledger = newLedger();
    const mailCounts = () =>
      withDb(async (db) => {
        const rows = (await db.query<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM mail_outbox GROUP BY status`)).rows;
        return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Record<string, number>;
      });
    const waiting = (m: Record<string, number>) => (m.queued ?? 0) + (m.failed ?? 0);
    const pendingAt: string[] = [];
    /** When each fault happened (Date.now()), to place a duplicate mail in time. */
    const events: { at: number; what: string }[] = [];
    const event = (what: string) => events.push({ at: Date.now(), what });
    const checkAll = async (burstOutcomes: Outcome[]) => {
      const v = await withDb((db) => verifyLedger(db, session, ledger));
      const h = await withDb((db) => halfWritten(db, mounted ? filesDir : undefined));
      return { v, h, t: tally(burstOutcomes) };
    };

    // ---- e (first half): mail queued while nothing listens on SMTP_URL
    let eMailIds: string[] = [];
    let eStartedCapture = 0;
    if (wanted('smtp-down') || wanted('jobs-once')) {
      const since = await withDb(async (db) => (await db.query<{ now: string }>('SELECT now()::text AS now')).rows[0].now);
      // Three agreements drafted, a comment on each: mail to the other party's negotiators.
      let commented = 0;
      for (let i = 0; i < 3; i++) await draft(session, targets, ledger, `e${i}`);
      for (const id of ledger.toComment.splice(0)) {
        if ((await comment(session, ledger, id, `${MARKER} while SMTP is down`)).status === 201) commented++;
      }
      eMailIds = await withDb(async (db) => (await db.query<{ id: string }>(`SELECT id::text FROM mail_outbox WHERE created_at >= $1 AND status <> 'outbox_only'`, [since])).rows.map((r) => r.id));
      // Delivery is tried and refused (connection refused): the mail waits, failed or still queued, none sent. (The
      // worker takes mail in batches of up to 20 and stops a batch at its first failure: the rest wait untried.)
      const triedOnce = await until(
        () =>
          withDb(async (db) => {
            const r = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM mail_outbox WHERE id = ANY($1::uuid[]) AND attempts >= 1 AND status = 'failed'`, [eMailIds]);
            return r.rows[0].n > 0;
          }),
        20_000,
        250,
      );
      const state = await withDb(async (db) =>
        (await db.query<{ status: string; attempts: number; error: string | null }>(`SELECT status, attempts, error FROM mail_outbox WHERE id = ANY($1::uuid[])`, [eMailIds])).rows,
      );
      const errors = [...new Set(state.map((s) => s.error).filter(Boolean))].join(' | ');
      const sentWhileDown = state.filter((s) => s.status === 'sent').length;
      pendingAt.push(
        `e: ${eMailIds.length} mails of ${commented} comments waiting while SMTP is down: ${state.filter((s) => s.status === 'failed').length} failed (${errors || '–'}), ${state.filter((s) => s.status === 'queued').length} queued, ${sentWhileDown} sent`,
      );
      log(pendingAt.at(-1)!);
      if (eMailIds.length === 0 || !triedOnce || sentWhileDown > 0) {
        result('smtp-down', 'FAIL', {}, [
          eMailIds.length === 0 ? 'the comments queued no mail' : sentWhileDown > 0 ? 'mail marked sent while nothing listened' : 'no delivery was tried (and refused) within 20 s',
          `outbox rows: ${state.map((s) => `${s.status}/${s.attempts}`).join(', ')}`,
        ]);
      }
      capture = await startCaptureOn(smtpPort);
      eStartedCapture = Date.now();
      event('the SMTP capture started');
      log(`SMTP capture started on port ${smtpPort}`);
    } else {
      capture = await startCaptureOn(smtpPort);
    }

    // ---- a: kill -9 of the app during a burst of writes
    if (wanted('app-kill')) {
      if (left() < 150_000) result('app-kill', 'FAIL', {}, ['not run: out of time']);
      else {
        const before = ledgerSize(ledger);
        const burst = startBurst(session, targets, ledger, { concurrency, maxMs: 20_000 });
        await until(() => burst.ackedTotal() >= 40, 6000, 20);
        const killedAt = performance.now();
        const oldPid = app!.pid;
        await app!.kill9();
        event('the app was killed');
        log(`app (pid ${oldPid}) killed after ${burst.ackedTotal()} acknowledged writes`);
        await sleep(500); // requests meet a dead app: connection refused/reset
        await burst.stop();
        const mails = await mailCounts();
        pendingAt.push(`a: ${waiting(mails)} mails queued or failed, undelivered, when the app was killed`);
        const restart = await startApp('app#2');
        event('the app was ready again');
        const { v, h, t } = await checkAll(burst.outcomes);
        const inFlight = burst.outcomes.filter((o) => o.status === 0 && o.sentAt < killedAt).length;
        const ok = v.lost.length === 0 && h.total === 0 && t.s500 === 0 && t.badShape === 0 && t.acked > 0;
        result('app-kill', ok ? 'PASS' : 'FAIL', { acked: v.acknowledged, verified: v.verified, lost: v.lost.length, half: h.total, s503: t.s503, s500: t.s500 }, [
          `writes sent ${t.sent} at ${concurrency} connections: acknowledged ${t.acked} (create ${burst.acked.create}, approve ${burst.acked.approve}, comment ${burst.acked.comment}, activity ${burst.acked.activity}); ${ledgerSize(ledger) - before} new in the ledger`,
          `no answer ${t.network} (${inFlight} of them in flight at the kill); refusals: ${codesLine(t.codes)}`,
          `restart to ready ${secs(restart.ms)}; all ${v.acknowledged} acknowledged writes so far checked in SQL and by GET: verified ${v.verified}, lost ${v.lost.length}${v.lost.length ? ` (${v.lost.slice(0, 3).join('; ')})` : ''}`,
          `committed without an acknowledgement (the answer died with the app): ${v.committedUnacknowledged}`,
          `half-written records: ${h.total}${h.lines.length ? ` — ${h.lines.join('; ')}` : ''}`,
        ]);
      }
    }

    // ---- b and c: PostgreSQL killed (-9) or stopped during a burst, the app left running
    const dbOutage = async (key: 'pg-kill' | 'pg-stop') => {
      if (left() < 90_000) return result(key, 'FAIL', {}, ['not run: out of time']);
      const appPid = app!.pid;
      const before = ledgerSize(ledger);
      const poll = pollHealth(base);
      const burst = startBurst(session, targets, ledger, { concurrency, maxMs: 45_000 });
      await until(() => burst.ackedTotal() >= 24, 6000, 20);
      const faultAt = performance.now();
      const pgPid = cluster!.pid();
      if (key === 'pg-kill') await cluster!.kill9();
      else await cluster!.stop();
      const downAt = performance.now();
      event(key === 'pg-kill' ? 'PostgreSQL was killed' : 'PostgreSQL was stopped');
      log(`PostgreSQL (pid ${pgPid}) ${key === 'pg-kill' ? 'killed (-9)' : 'stopped (fast shutdown)'} after ${burst.ackedTotal()} acknowledged writes`);
      await sleep(key === 'pg-kill' ? 2000 : 3000);
      const startAt = performance.now();
      let restartMs = 0;
      let restartError = '';
      try {
        restartMs = await cluster!.start(30_000);
      } catch (err) {
        restartError = (err as Error).message;
      }
      const upAt = performance.now();
      event('PostgreSQL was up again');
      log(restartError ? `PostgreSQL did not come back: ${restartError}` : `PostgreSQL up again after ${secs(restartMs)}${key === 'pg-kill' ? ' (crash recovery)' : ''}`);
      const appProcess = app!;
      await until(() => burst.ackedAfter(upAt) >= 16 || !appProcess.running() || !!restartError, 30_000, 50);
      const recovered = burst.ackedAfter(upAt) >= 16;
      await burst.stop();
      await poll.stop();
      const appSame = appProcess.running() && appProcess.pid === appPid;
      const died = appSame ? '' : `${appProcess.child.exitCode ?? appProcess.child.signalCode}; its last output:\n${appProcess.output().trim().split('\n').slice(-12).map((l) => `        | ${l}`).join('\n')}`;
      // The checks below need an app: started again if it died (this check fails anyway).
      if (!appSame && !restartError) await startApp('app#restarted').catch(() => {});
      const mails = await mailCounts().catch(() => ({}) as Record<string, number>);
      pendingAt.push(`${key === 'pg-kill' ? 'b' : 'c'}: ${waiting(mails)} mails queued or failed, undelivered, after PostgreSQL came back`);
      const firstOk = burst.outcomes.filter((o) => o.status >= 200 && o.status < 300 && o.sentAt > faultAt).sort((x, y) => x.at - y.at)[0];
      const outageMs = firstOk ? firstOk.at - faultAt : Number.NaN;
      const { v, h, t } = await checkAll(burst.outcomes);
      const during = burst.outcomes.filter((o) => o.status !== 0 && (o.status < 200 || o.status >= 300));
      // /healthz while the database was away (after it was gone, before it was asked to start), and after.
      const down = poll.seen.filter((s) => s.at > downAt + 300 && s.at < startAt);
      const healthDown = down.filter((s) => s.status === 503 && healthReason(s.body));
      const healthAfter = poll.seen.filter((s) => s.at > (firstOk?.at ?? Number.POSITIVE_INFINITY));
      const healthOkAfter = healthAfter.some((s) => s.status === 200);
      const healthSample = down[0] ? `${down[0].status} ${JSON.stringify(down[0].body).slice(0, 160)}` : 'none';
      const failures: string[] = [];
      if (restartError) failures.push('PostgreSQL did not start again');
      if (!recovered) failures.push('writes did not succeed again within 30 s of PostgreSQL being back');
      if (v.lost.length) failures.push(`${v.lost.length} acknowledged writes lost`);
      if (h.total) failures.push(`${h.total} half-written records`);
      if (t.s500 || t.other5xx) failures.push(`${t.s500 + t.other5xx} answers 5xx other than 503`);
      if (t.network) failures.push(`${t.network} requests without an answer`);
      if (t.badShape) failures.push(`${t.badShape} refusals outside the error shape`);
      if (t.s503 === 0) failures.push('no request was refused with a 503 during the outage');
      if (key === 'pg-stop' && (down.length === 0 || healthDown.length !== down.length)) {
        failures.push(`/healthz did not answer 503 with a reason while the database was down (${down.length - healthDown.length} of ${down.length} polls did not)`);
      }
      if (key === 'pg-stop' && !healthOkAfter) failures.push('/healthz did not answer 200 again');
      if (!appSame) failures.push(`the app exited (${died}`);
      const dbUnavailable = [...t.codes].filter(([k]) => k.startsWith('503')).map(([k, n]) => `${n}× ${k}`).join(', ');
      result(key, failures.length === 0 ? 'PASS' : 'FAIL', { acked: v.acknowledged, verified: v.verified, lost: v.lost.length, half: h.total, outage: firstOk ? secs(outageMs) : '–', s503: t.s503, s500: t.s500 + t.other5xx }, [
        ...failures.map((f) => `FAIL: ${f}`),
        `writes sent ${t.sent} at ${concurrency} connections: acknowledged ${t.acked} (create ${burst.acked.create}, approve ${burst.acked.approve}, comment ${burst.acked.comment}, activity ${burst.acked.activity}); ${ledgerSize(ledger) - before} new in the ledger`,
        `outage (fault to first acknowledged write sent after it) ${firstOk ? secs(outageMs) : 'never ended'}: PostgreSQL ${key === 'pg-kill' ? 'killed' : 'stopped'} in ${secs(downAt - faultAt)}, down ${secs(startAt - downAt)}, back in ${secs(restartMs)}, the app answering writes ${firstOk ? secs(firstOk.at - upAt) : '–'} later, same process (pid ${appPid}): ${appSame ? 'yes' : 'no'}`,
        `refused during the outage: ${during.length} (${dbUnavailable || 'no 503'}); all answers: ${codesLine(t.codes)}`,
        `/healthz while down: ${down.length} polls, ${healthDown.length} answered 503 with a reason, e.g. ${healthSample}; 200 again after: ${healthOkAfter ? 'yes' : 'no'}`,
        `all ${v.acknowledged} acknowledged writes so far checked in SQL and by GET: verified ${v.verified}, lost ${v.lost.length}${v.lost.length ? ` (${v.lost.slice(0, 3).join('; ')})` : ''}; committed without an acknowledgement so far: ${v.committedUnacknowledged}`,
        `half-written records: ${h.total}${h.lines.length ? ` — ${h.lines.join('; ')}` : ''}`,
      ]);
    };
    if (wanted('pg-kill')) await dbOutage('pg-kill');
    if (wanted('pg-stop')) await dbOutage('pg-stop');

    // ---- f: the files directory is full
    if (wanted('disk-full')) {
      if (!mounted) result('disk-full', 'SKIPPED', {}, [`no small disk to fill: mount of a tmpfs refused (${mountRefused || 'not root'}); a full disk was not simulated`]);
      else if (left() < 60_000) result('disk-full', 'FAIL', {}, ['not run: out of time']);
      else result('disk-full', ...(await diskFull(session, ledger.created.keys().next().value ?? targets.agreement.id, filesDir, withDb)));
    }

    // Every acknowledged write, for a look afterwards (`--ack-log <file>`: one JSON line per write).
    const ackLog = argOf(opts.argv, '--ack-log');
    if (ackLog) {
      const entries = [
        ...[...ledger.created].map(([id, hash]) => ({ write: 'agreement', id, contentHash: hash })),
        ...[...ledger.approved].map(([id, hash]) => ({ write: 'approval', agreementId: id, contentHash: hash })),
        ...[...ledger.comments].map(([id, agreementId]) => ({ write: 'comment', id, agreementId })),
        ...[...ledger.activities].map((id) => ({ write: 'activity', id })),
      ];
      writeFileSync(ackLog, `${entries.map((e) => JSON.stringify(e)).join('\n')}\n`);
      log(`${entries.length} acknowledged writes listed in ${ackLog}`);
    }

    // ---- d and e (second half): every queued mail delivered, each once
    if (wanted('jobs-once') || wanted('smtp-down')) {
      const waitMs = Math.max(5000, Math.min(170_000, left() - 25_000));
      log(`waiting up to ${secs(waitMs)} for the outbox to drain (retries back off; the sweeper re-queues stale mail each minute)`);
      const tWait = performance.now();
      await until(async () => waiting(await mailCounts()) === 0, waitMs, 1000);
      const drainMs = performance.now() - tWait;
      await sleep(1500); // a duplicate would arrive about now
      const rows = await withDb(async (db) =>
        (await db.query<{ id: string; to_address: string; subject: string; text_body: string; template: string; status: string; attempts: number; created_at: Date; sent_at: Date | null }>(
          `SELECT id::text, to_address, subject, text_body, template, status, attempts, created_at, sent_at FROM mail_outbox WHERE status <> 'outbox_only'`,
        )).rows,
      );
      // A delivered mail is matched to its outbox row by recipient, subject and text (the outbox keeps no message id);
      // the harness makes those differ between mails (each comment on another agreement).
      const rowKey = (r: (typeof rows)[number]) => mailKey(r.to_address, r.subject, r.text_body.replace(/\r\n/g, '\n'));
      const expected = new Map<string, (typeof rows)[number][]>();
      for (const r of rows) expected.set(rowKey(r), [...(expected.get(rowKey(r)) ?? []), r]);
      const got = new Map<string, number[]>();
      for (const m of capture!.messages) {
        for (const to of m.to) {
          const k = mailKey(to, m.subject, m.text.replace(/\r\n/g, '\n'));
          got.set(k, [...(got.get(k) ?? []), m.at]);
        }
      }
      let delivered = 0;
      let duplicates = 0;
      let missing = 0;
      const dupLines: string[] = [];
      /** "+0.4 s after the app was killed": the fault a moment follows. */
      const relative = (at: number) => {
        const before = events.filter((e) => e.at <= at).at(-1);
        return before ? `${secs(at - before.at)} after ${before.what}` : new Date(at).toISOString();
      };
      for (const [k, list] of expected) {
        const times = got.get(k) ?? [];
        delivered += Math.min(list.length, times.length);
        duplicates += Math.max(0, times.length - list.length);
        missing += Math.max(0, list.length - times.length);
        if (times.length > list.length) {
          const r = list[0];
          dupLines.push(
            `duplicate: ${r.template} to ${r.to_address} (outbox ${r.id}, attempts ${r.attempts}, queued ${relative(r.created_at.getTime())}), received ${times.length}× (${times.map(relative).join('; ')})`,
          );
        }
      }
      const unknown = [...got].filter(([k]) => !expected.has(k)).reduce((n, [, t]) => n + t.length, 0);
      const stuck = rows.filter((r) => r.status !== 'sent');
      // Why a mail is still not sent: its delivery jobs in pg-boss.
      const stuckJobs = await withDb(async (db) =>
        (
          await db.query<{ mail: string; jobs: string | null }>(
            `SELECT m.id::text AS mail, (SELECT string_agg(j.state || ' retry ' || j.retry_count || '/' || j.retry_limit, ', ') FROM pgboss.job j
                                          WHERE j.name = 'mail-send' AND j.data->>'id' = m.id::text) AS jobs
               FROM mail_outbox m WHERE m.id = ANY($1::uuid[])`,
            [stuck.map((r) => r.id)],
          )
        ).rows,
      ).catch((err) => [{ mail: '?', jobs: String((err as Error).message) }]);
      for (const j of stuckJobs.slice(0, 5)) {
        const r = rows.find((x) => x.id === j.mail);
        dupLines.push(`not sent: ${r?.template ?? '?'} (outbox ${j.mail}, ${r?.status}, attempts ${r?.attempts}, queued ${r ? relative(r.created_at.getTime()) : '?'}); its jobs: ${j.jobs ?? 'none'}`);
      }
      const mailsCol = `${rows.length}/${delivered}/${duplicates + unknown}`;
      if (wanted('jobs-once')) {
        const ok = rows.length > 0 && delivered === rows.length && duplicates === 0 && unknown === 0 && stuck.length === 0;
        result('jobs-once', ok ? 'PASS' : 'FAIL', { mails: mailsCol }, [
          `mails expected ${rows.length} (every outbox row for SMTP), delivered ${delivered}, duplicates ${duplicates}, unknown ${unknown}, missing ${missing}, not sent ${stuck.length}${stuck.length ? ` (${[...new Set(stuck.map((r) => `${r.status}/${r.attempts}`))].join(', ')})` : ''}`,
          ...pendingAt.map((p) => `waiting before: ${p}`),
          `outbox drained ${secs(drainMs)} after the last fault`,
          ...dupLines.slice(0, 10),
        ]);
      }
      if (wanted('smtp-down') && !results.has('smtp-down')) {
        const e = rows.filter((r) => eMailIds.includes(r.id));
        const eOnce = e.filter((r) => (got.get(rowKey(r))?.length ?? 0) === expected.get(rowKey(r))?.length);
        const eSent = e.filter((r) => r.status === 'sent');
        const ok = e.length === eMailIds.length && eSent.length === e.length && eOnce.length === e.length;
        const eDrainedAt = Math.max(...eSent.map((r) => r.sent_at?.getTime() ?? Number.NaN));
        result('smtp-down', ok ? 'PASS' : 'FAIL', { mails: `${e.length}/${eOnce.length}/${e.length - eOnce.length}` }, [
          pendingAt[0] ?? '',
          `after the capture started on that port: ${eSent.length} of ${e.length} sent, ${eOnce.length} delivered exactly once (attempts per mail: ${[...new Set(e.map((r) => r.attempts))].sort().join(', ')}), the last ${secs(eDrainedAt - eStartedCapture)} after SMTP came back`,
        ]);
      }
    }
  } catch (err) {
    lines.push(`ERROR: ${(err as Error).stack ?? err}`);
    if (app) lines.push(`app output (last lines):\n${app.output().slice(-2000)}`);
  } finally {
    await (app as AppProcess | undefined)?.stop(8000).catch(() => {});
    await capture?.close().catch(() => {});
    await cluster?.close().catch(() => {});
    if (mounted) {
      try {
        execFileSync('umount', [filesDir], { stdio: 'pipe' });
      } catch {
        execFileSync('umount', ['-l', filesDir], { stdio: 'ignore' });
      }
      mounted = false;
    }
    process.removeListener('exit', lastResort);
  }

  // ---- the report
  for (const c of CHECKS) if (wanted(c) && !results.has(c)) results.set(c, { key: c, verdict: 'FAIL', cols: {}, notes: ['not finished (see the error above)'] });
  const order: CheckKey[] = ['app-kill', 'pg-kill', 'pg-stop', 'jobs-once', 'smtp-down', 'disk-full'];
  const shown = order.filter((c) => results.has(c)).map((c) => results.get(c)!);
  const col = (r: CheckResult, k: keyof CheckResult['cols']) => (r.cols[k] === undefined ? '–' : String(r.cols[k]));
  const summary = table(
    ['check', 'verdict', 'acked', 'verified', 'lost', 'half-written', 'outage', '503s', '500s', 'mails exp/deliv/dup'],
    shown.map((r) => [TITLES[r.key], r.verdict, col(r, 'acked'), col(r, 'verified'), col(r, 'lost'), col(r, 'half'), col(r, 'outage'), col(r, 's503'), col(r, 's500'), col(r, 'mails')]),
  );
  const report = [...summary.split('\n'), ''];
  for (const r of shown) report.push(`${TITLES[r.key]} — ${r.verdict}`, ...r.notes.filter(Boolean).map((n) => `    ${n}`));
  report.push(`faults part: ${secs(performance.now() - t0)} (budget ${secs(BUDGET_MS)})`);
  const ok = lines.length === 0 && shown.every((r) => r.verdict !== 'FAIL');
  return { name: 'faults', ok, lines: [...report, ...lines] };
}

/** f: uploads onto a full files directory, then onto one with room again. */
async function diskFull(
  s: Session,
  agreementId: string,
  filesDir: string,
  withDb: <T>(f: (db: pg.Client) => Promise<T>) => Promise<T>,
): Promise<[Verdict, CheckResult['cols'], string[]]> {
  const counts = () =>
    withDb(async (db) => (await db.query<{ files: number; docs: number }>('SELECT (SELECT count(*) FROM files)::int AS files, (SELECT count(*) FROM agreement_documents)::int AS docs')).rows[0]);
  const tmpFiles = () => (existsSync(join(filesDir, 'tmp')) ? readdirSync(join(filesDir, 'tmp')).length : 0);
  const before = await counts();
  const tmpBefore = tmpFiles();
  // Fill the disk, then give back 256 KiB: the 768 KiB upload starts writing and runs out part-way.
  const filler = join(filesDir, 'filler');
  const fd = openSync(filler, 'w');
  const chunk = Buffer.alloc(1 << 20, 1);
  let size = 0;
  for (const step of [1 << 20, 1 << 12]) {
    for (;;) {
      try {
        size += writeSync(fd, chunk, 0, step);
      } catch {
        break;
      }
    }
  }
  ftruncateSync(fd, Math.max(0, size - (256 << 10)));
  closeSync(fd);
  const payload = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(768 << 10)]);
  const sha = sha256(payload);
  const upload = (lang: string) => {
    const form = new FormData();
    form.append('kind', 'annex');
    form.append('title', `${MARKER} annex on a full disk`);
    form.append('file', new Blob([payload], { type: 'application/pdf' }), 'annex.pdf');
    return call(s, 'upload', 'POST', `/api/v1/agreements/${agreementId}/documents?lang=${lang}`, undefined, { lang, form, timeoutMs: 30_000 });
  };
  const en = await upload('en');
  const vi = await upload('vi');
  const after = await counts();
  const tmpAfter = tmpFiles();
  const storedWhenFull = existsSync(join(filesDir, sha.slice(0, 2), sha));
  const orphanBytes = await withDb((db) => filesWithoutBytes(db, filesDir));
  rmSync(filler);
  const retry = await upload('en');
  const doc = retry.body as { fileId?: string; sha256?: string; sizeBytes?: number } | undefined;
  let served = false;
  if (retry.status === 201 && doc?.fileId) {
    const res = await fetch(`${s.base}/api/v1/files/${doc.fileId}/content`, { headers: { cookie: s.cookie }, signal: AbortSignal.timeout(15_000) });
    served = res.status === 200 && sha256(new Uint8Array(await res.arrayBuffer())) === sha;
  }
  const clean = (o: Outcome) => (o.status === 507 || o.status === 503) && !o.badShape && hasErrorShape(o.body);
  const message = (o: Outcome) => (o.body as { error?: { message?: string } } | undefined)?.error?.message ?? '';
  const localized = message(en) !== message(vi) && !/^errors\./.test(message(en)) && !/^errors\./.test(message(vi));
  const nothingHalf = after.files === before.files && after.docs === before.docs && tmpAfter === tmpBefore && !storedWhenFull && orphanBytes.length === 0;
  const recovered = retry.status === 201 && doc?.sha256 === sha && served;
  const failures: string[] = [];
  if (!clean(en) || !clean(vi)) failures.push(`refused with ${en.status}/${vi.status}${en.badShape ? ' outside the error shape' : ''}, not a clean 507/503`);
  if (!localized) failures.push('the message is not localized (same text in en and vi, or a bare key)');
  if (!nothingHalf) failures.push('something was half-stored');
  if (!recovered) failures.push(`the upload did not succeed once there was room (HTTP ${retry.status}${served ? '' : ', bytes not served back'})`);
  return [
    failures.length === 0 ? 'PASS' : 'FAIL',
    { half: nothingHalf ? 0 : 1, s500: [en, vi].filter((o) => o.status === 500).length },
    [
      ...failures.map((f) => `FAIL: ${f}`),
      `a ${TMPFS_SIZE} tmpfs as FILES_DIR, filled (${(size / 1048576).toFixed(1)} MiB) but 256 KiB; a ${(payload.length / 1024).toFixed(0)} KiB PDF uploaded twice:`,
      `  en: ${en.status} ${en.code ?? en.error ?? ''} — “${message(en)}”`,
      `  vi: ${vi.status} ${vi.code ?? vi.error ?? ''} — “${message(vi)}”`,
      `nothing half-stored: file rows ${before.files} → ${after.files}, documents ${before.docs} → ${after.docs}, temporary files ${tmpBefore} → ${tmpAfter}, stored under its hash ${storedWhenFull ? 'yes' : 'no'}, file rows without their bytes ${orphanBytes.length}`,
      `with room again: ${retry.status}${retry.error ? ` ${retry.error}` : ''}${doc?.sha256 === sha ? ', same SHA-256' : ''}${served ? ', bytes served back identical' : ''}`,
    ],
  ];
}
