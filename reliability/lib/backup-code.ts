import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ROOT } from '../../bench/lib/server.ts';

// The code the drill runs `hoptac` from: the working tree, or an earlier commit's (a previous release) unpacked
// with `git archive` into a temporary directory beside this checkout's node_modules — read-only for the repository.

export interface CodeTree {
  /** "working tree" or the commit. */
  label: string;
  dir: string;
  migrations: string[];
}

const TSX_CLI = join(ROOT, 'node_modules/tsx/dist/cli.mjs');

export function migrationsOf(dir: string): string[] {
  return readdirSync(join(dir, 'src/server/migrations'))
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort();
}

/** This checkout (its migrations read when asked: others may add one while a drill runs). */
export function workingTree(): CodeTree {
  return {
    label: 'working tree',
    dir: ROOT,
    get migrations() {
      return migrationsOf(ROOT);
    },
  };
}

const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }).trim();

/**
 * The code `back` schema changes ago: the parent of the `back`-th newest commit that changed the migrations, whose
 * schema is the migrations as they stood before that change (every migration but the latest, for `back` 1; an
 * earlier release may have had a migration numbered after ones added later, which `migrate` applies in any order).
 */
export function previousRelease(back: number): { commit: string; subject: string; changedBy: string; change: string } {
  const changes = git('log', '--format=%H', '--', 'src/server/migrations').split('\n');
  const changedBy = changes[back - 1];
  if (!changedBy) throw new Error(`the migrations changed only ${changes.length} times`);
  const commit = git('rev-parse', `${changedBy}^`);
  const added = git('diff', '--name-only', '--diff-filter=A', commit, changedBy, '--', 'src/server/migrations')
    .split('\n')
    .filter(Boolean)
    .map((p) => p.split('/').at(-1));
  return {
    commit,
    subject: git('log', '-1', '--format=%h %ad %s', '--date=short', commit).slice(0, 110),
    changedBy: changedBy.slice(0, 10),
    change: added.length ? `added ${added.join(', ')}` : 'changed the migrations',
  };
}

/** The code of `ref` unpacked under `parent` (src, assets, package.json, tsconfig.json), with node_modules linked. */
export function treeAt(ref: string, parent: string): CodeTree {
  const commit = git('rev-parse', ref);
  const dir = join(parent, `code-${commit.slice(0, 10)}`);
  if (!existsSync(join(dir, 'src'))) {
    mkdirSync(dir, { recursive: true });
    const paths = ['src', 'package.json', 'tsconfig.json', ...(git('ls-tree', '--name-only', commit, 'assets') ? ['assets'] : [])];
    execFileSync('sh', ['-c', `git archive ${commit} ${paths.join(' ')} | tar -x -C "${dir}"`], { cwd: ROOT });
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  }
  return { label: `commit ${commit.slice(0, 10)}`, dir, migrations: migrationsOf(dir) };
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
}

/** Runs `hoptac <args>` from `tree` as an operator would (a child process), with `env`. */
export function hoptac(tree: CodeTree, args: string[], env: Record<string, string>, timeoutMs = 600_000): Promise<CliRun> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [TSX_CLI, join(tree.dir, 'src/cli/hoptac.ts'), ...args], {
      cwd: tree.dir,
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, seconds: (performance.now() - t0) / 1000 });
    });
  });
}

export interface TreeServer {
  child: ChildProcess;
  url: string;
  output(): string;
  stop(): Promise<number | null>;
}

const started = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of started) {
    try {
      if (c.pid) process.kill(-c.pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
});

/** `hoptac serve` from `tree` (bench/lib/server.ts's way, for code outside this checkout); resolves once serving. */
export async function serveFrom(tree: CodeTree, env: Record<string, string>, timeoutMs = 180_000): Promise<TreeServer> {
  const child = spawn(process.execPath, [TSX_CLI, join(tree.dir, 'src/cli/hoptac.ts'), 'serve'], {
    cwd: tree.dir,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  started.add(child);
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "serving" line within ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /serving (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1].replace('localhost', '127.0.0.1'));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`hoptac serve (${tree.label}) exited with ${code} before serving:\n${out}`));
    });
  });
  return {
    child,
    url,
    output: () => out,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGINT');
      const timer = setTimeout(() => {
        try {
          if (child.pid) process.kill(-child.pid, 'SIGKILL');
        } catch {
          // gone
        }
      }, 15_000);
      const code = await exited;
      clearTimeout(timer);
      started.delete(child);
      return code;
    },
  };
}
