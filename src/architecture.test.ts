import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// The layering, enforced (ARCHITECTURE.md, "Layers"): a failure names the file, the line and the rule.
//   routes.ts → service.ts (and use-case files) → repository.ts → platform/
// Only repositories and platform/ build SQL; a module reaches another module through its service, never its
// repository; engines are pure; the web and the contracts never import the server.
const ROOT = join(import.meta.dirname);

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return filesUnder(path);
    return /\.(ts|tsx)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

const isTest = (path: string) => /\.test\.tsx?$/.test(path) || path.endsWith('.fixture.ts') || path.includes('/testing/') || /test-(idp|browser)\.ts$/.test(path);
const rel = (path: string) => relative(ROOT, path);

interface Violation {
  file: string;
  line: number;
  rule: string;
  text: string;
}

function scan(files: string[], rule: string, pattern: RegExp): Violation[] {
  const out: Violation[] = [];
  for (const file of files) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((text, i) => {
        if (pattern.test(text)) out.push({ file: rel(file), line: i + 1, rule, text: text.trim().slice(0, 140) });
      });
  }
  return out;
}

const report = (violations: Violation[]) => violations.map((v) => `${v.file}:${v.line} ${v.rule}\n    ${v.text}`).join('\n');

// Building or running SQL: the query builder's entry points, raw `sql` templates, transactions.
const SQL_USE = /\.(selectFrom|insertInto|updateTable|deleteFrom|selectNoFrom|mergeInto|transaction)\(|\bsql(<[^>]*>)?`|\bsql\.(raw|ref|val|table|id|lit|join)\(/;
// A value import of kysely (type-only imports name types and are harmless).
const KYSELY_IMPORT = /^import\s+(?!type\b)[^;]*from\s+'kysely'/;

const server = filesUnder(join(ROOT, 'server')).filter((f) => !isTest(f));
const modules = server.filter((f) => f.includes('/server/modules/'));
const cli = filesUnder(join(ROOT, 'cli')).filter((f) => !isTest(f));
/** A module's repository: its repository.ts, or the files of its repository/ folder that repository.ts re-exports. */
const isRepository = (f: string) => f.endsWith('/repository.ts') || /\/server\/modules\/[^/]+\/repository\/[^/]+\.ts$/.test(f);
/** Where SQL may live: repositories, the platform, and the demo data loader (bulk sample data and its history). */
const mayUseSql = (f: string) => isRepository(f) || f.includes('/server/platform/') || f.includes('/server/demo/');

/** An import of a module's repository (repository.ts or a file of its repository/ folder); the module is group 1. */
const ANOTHER_REPOSITORY = /from '(?:\.\.\/)+([^/.']+)\/repository(\.ts|\/[^']+)'/;

describe('layering', () => {
  it('keeps SQL and the kysely handle in repositories and platform/', () => {
    const outside = [...server, ...cli].filter((f) => !mayUseSql(f));
    const violations = [...scan(outside, 'builds SQL outside a repository', SQL_USE), ...scan(outside, 'imports kysely outside a repository', KYSELY_IMPORT)];
    expect(violations, `Move these into the module's repository.ts (or platform/):\n${report(violations)}`).toEqual([]);
  });

  it('lets a module use another module only through its service', () => {
    const violations: Violation[] = [];
    for (const file of modules) {
      const own = /\/server\/modules\/([^/]+)\//.exec(file)?.[1];
      violations.push(
        ...scan([file], 'imports another module’s repository', ANOTHER_REPOSITORY).filter((v) => {
          const other = ANOTHER_REPOSITORY.exec(v.text)?.[1];
          return other !== own;
        }),
      );
    }
    expect(violations, `Call the other module's service instead:\n${report(violations)}`).toEqual([]);
  });

  it('keeps engines pure: no server, web, database or files', () => {
    const engines = filesUnder(join(ROOT, 'engines')).filter((f) => !isTest(f));
    const violations = scan(engines, 'engine imports I/O', /from '(\.\.\/)+(server|web|cli)\/|from '(kysely|pg|node:fs|node:net|node:http|fastify)/);
    expect(violations, report(violations)).toEqual([]);
  });

  it('keeps the web and the contracts free of server code', () => {
    const web = filesUnder(join(ROOT, 'web'));
    const contracts = filesUnder(join(ROOT, 'contracts'));
    const violations = [
      ...scan(web, 'web imports the server', /from '(\.\.\/)+server\/|from '(kysely|pg|fastify|nodemailer)'/),
      ...scan(contracts, 'contract imports the server or the web', /from '(\.\.\/)+(server|web)\//),
    ];
    expect(violations, report(violations)).toEqual([]);
  });

  it('finds the files it checks (a moved folder must not silently empty a rule)', () => {
    expect(modules.length).toBeGreaterThan(40);
    expect(cli.length).toBeGreaterThan(3);
  });
});
