import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ROOT } from '../../bench/lib/server.ts';

// The app as a child process the harness can SIGKILL. bench/lib/server.ts runs `hoptac serve`, whose server
// runs in a process group of its own (serve.ts) and stops gracefully when its parent goes away — so killing that
// child would not be a crash. Here the server process itself (src/cli/serve-process.ts, which "run directly,
// works the same") is the child: SIGKILL reaches exactly the process that holds the connections and the jobs.

const SERVE_PROCESS = join(ROOT, 'src/cli/serve-process.ts');

export interface AppProcess {
  child: ChildProcess;
  pid: number;
  output(): string;
  /** Resolves with the base URL once /healthz answers 200; rejects when the process exits first or on timeout. */
  ready(timeoutMs?: number): Promise<string>;
  running(): boolean;
  /** SIGKILL: no shutdown at all. Resolves once the process is gone. */
  kill9(): Promise<void>;
  /** SIGINT (the ordered stop), SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<number | null>;
}

export function spawnApp(env: Record<string, string>, options: { echo?: boolean; label?: string } = {}): AppProcess {
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), SERVE_PROCESS], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'warn', LOG_FORMAT: 'text', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  const onData = (d: Buffer) => {
    out += d.toString();
    if (out.length > 2_000_000) out = out.slice(-1_000_000);
    if (options.echo) for (const l of d.toString().split('\n').filter(Boolean)) console.log(`    ${options.label ?? 'app'} | ${l}`);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const app: AppProcess = {
    child,
    pid: child.pid ?? -1,
    output: () => out,
    running: () => child.exitCode === null && child.signalCode === null,
    async ready(timeoutMs = 120_000) {
      const deadline = performance.now() + timeoutMs;
      for (;;) {
        if (!app.running()) throw new Error(`the app exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${out.slice(-3000)}`);
        const url = /serving (http:\/\/\S+)/.exec(out)?.[1]?.replace('localhost', '127.0.0.1');
        if (url) {
          const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) }).catch(() => null);
          await res?.arrayBuffer().catch(() => null);
          if (res?.status === 200) return url;
        }
        if (performance.now() > deadline) throw new Error(`the app was not ready within ${timeoutMs} ms:\n${out.slice(-3000)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async kill9() {
      if (!app.running()) return;
      child.kill('SIGKILL');
      await exited;
    },
    async stop(graceMs = 10_000) {
      if (!app.running()) return child.exitCode;
      child.kill('SIGINT');
      const timer = setTimeout(() => {
        try {
          process.kill(-app.pid, 'SIGKILL');
        } catch {
          // gone meanwhile
        }
      }, graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
  return app;
}
