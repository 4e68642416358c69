import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The two-command promise, end to end: `hoptac serve` with no DATABASE_URL starts its own cluster,
// loads the demo, stops cleanly on SIGINT, keeps every record across a restart, and a second
// process on the same data directory refuses to start.
const root = join(import.meta.dirname, '..', '..');
const dataDir = mkdtempSync(join(tmpdir(), 'hoptac-serve-'));
const running: ChildProcess[] = [];

function serve(): { child: ChildProcess; ready: Promise<string>; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'src/cli/hoptac.ts'), 'serve'], {
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
  });
});
