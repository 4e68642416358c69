import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, type ExpectStatic, expect, it } from 'vitest';

// The two-command promise, end to end: `hoptac serve` with no DATABASE_URL starts its own cluster,
// loads the demo, stops cleanly on SIGINT, keeps every record across a restart, and a second
// process on the same data directory refuses to start.
const root = join(import.meta.dirname, '..', '..');
const dataDir = mkdtempSync(join(tmpdir(), 'hoptac-serve-'));
const running: ChildProcess[] = [];

// Through bin/hoptac.mjs (`npx hoptac serve`: one process), so the signals below reach hoptac itself: tsx's
// CLI passes a signal sent to it alone on to its child and SIGKILLs that child if it has not answered
// within 60 ms, which a busy machine (the whole suite running) does not always manage.
function serve(): { child: ChildProcess; ready: Promise<string>; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [join(root, 'bin/hoptac.mjs'), 'serve'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATABASE_URL: '' },
  });
  running.push(child);
  let out = '';
  const ready = new Promise<string>((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /serving (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, ready, output: () => out, exited };
}

async function login(url: string) {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@hust.demo.hoptac.vn', password: 'hoptac-demo' }),
  });
  const me = await res.json();
  return { cookie: String(res.headers.get('set-cookie')).split(';')[0], csrf: me.csrfToken as string, me };
}

afterAll(() => {
  for (const c of running) c.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('hoptac serve', () => {
  it('starts on a fresh data directory, refuses a second process, stops cleanly and keeps data', async () => {
    const first = serve();
    const url = await first.ready;
    const { cookie, csrf, me } = await login(url);
    expect(me.institution.code).toBe('HUST');
    const created = await fetch(`${url}/api/v1/institutions/${me.institution.id}/people`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
      body: JSON.stringify({ fullName: 'Người Còn Lại Sau Khởi Động Lại' }),
    });
    expect(created.status).toBe(201);
    const person = await created.json();

    const second = serve();
    await expect(second.ready).rejects.toThrow(/Another hoptac process/);

    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);

    const third = serve();
    const url3 = await third.ready;
    const again = await login(url3);
    const got = await fetch(`${url3}/api/v1/people/${person.id}`, { headers: { cookie: again.cookie } });
    expect(got.status).toBe(200);
    expect((await got.json()).fullName).toBe('Người Còn Lại Sau Khởi Động Lại');
    third.child.kill('SIGTERM');
    expect(await third.exited).toBe(0);
  }, 180_000);
});

// Ctrl-C in a terminal signals the whole foreground process group (npm, sh, tsx, node); `kill` or a
// process manager signals one process. Either way the server stops HTTP, jobs, the pool and the
// cluster within seconds, exits 0 and prints no error: no stack trace, no "terminating connection".
const ERROR_LINE = /Error|ECONNRESET|terminating connection|^\s*at\s|\(?\/\S+:\d+:\d+\)?$/;

function start(command: string[], env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'hoptac-stop-'));
  const child = spawn(process.execPath, command, {
    cwd: root,
    detached: true, // its own process group, as a terminal's foreground job
    env: { ...process.env, DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1', HOPTAC_DEMO: '0', DATABASE_URL: '', LOG_LEVEL: 'info', ...env },
  });
  running.push(child);
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
    child.on('exit', (code) => resolve({ code, at: Date.now() })),
  );
  const ready = (async () => {
    for (let i = 0; i < 600; i++) {
      const url = /serving (http:\/\/\S+)/.exec(out)?.[1];
      if (url && (await fetch(`${url}/healthz`).catch(() => null))?.ok) return url;
      if (child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`not ready: ${out}`);
  })();
  return { child, dir, ready, exited, output: () => out };
}

/** Whether a process still runs on the data directory (the embedded PostgreSQL). */
function clusterRunning(dir: string): boolean {
  try {
    return (
      execFileSync('pgrep', ['-f', join(dir, 'pg')])
        .toString()
        .trim() !== ''
    );
  } catch {
    return false;
  }
}

async function stopsQuietly(expect: ExpectStatic, server: ReturnType<typeof start>, signal: () => void) {
  const url = await server.ready;
  expect((await fetch(`${url}/api/v1/institutions`)).status).toBe(401);
  const sent = Date.now();
  signal();
  const { code, at } = await server.exited;
  const lines = server.output().split('\n');
  expect(at - sent, `stopped after ${at - sent} ms:\n${server.output()}`).toBeLessThan(5000);
  expect(code, server.output()).toBe(0);
  expect(lines.filter((l) => ERROR_LINE.test(l))).toEqual([]);
  expect(lines).toContain('[hoptac] stopped');
  // one compact line per request, with its request id
  expect(lines.filter((l) => l.includes('/api/v1/institutions'))).toEqual([
    expect.stringMatching(/^\d\d:\d\d:\d\d\.\d{3} info {2}GET \/api\/v1\/institutions 401 [\d.]+ms reqId=[\w-]+$/),
  ]);
  expect(clusterRunning(server.dir)).toBe(false);
  expect(existsSync(join(server.dir, 'hoptac.lock'))).toBe(false);
  rmSync(server.dir, { recursive: true, force: true });
}

// The two run side by side (each has its own data directory and port) to keep the file short.
describe.concurrent('hoptac serve stops on Ctrl-C', () => {
  it('SIGINT to the process group of tsx (as `npm start` runs it): exits 0 within 5 s, no error output', async ({ expect }) => {
    const server = start([join(root, 'node_modules/tsx/dist/cli.mjs'), 'src/cli/hoptac.ts', 'serve']);
    await stopsQuietly(expect, server, () => process.kill(-(server.child.pid as number), 'SIGINT'));
  }, 180_000);

  it('a single SIGINT to the hoptac process alone (`npx hoptac serve`): exits 0 within 5 s, no error output', async ({ expect }) => {
    const server = start([join(root, 'bin/hoptac.mjs'), 'serve']);
    await stopsQuietly(expect, server, () => server.child.kill('SIGINT'));
  }, 180_000);
});
