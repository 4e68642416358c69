import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Role, TokenScope } from '../../../contracts/accounts.ts';
import { hasKey, LANGUAGES } from '../../../locales/index.ts';
import { scopeLabelKey } from './scopes.ts';

// The admin screens name every code they show: token scopes, roles, and each audit action and record type the
// server records (found in its source), in both languages — never the code itself.

function serverSources(dir = new URL('../../../server/', import.meta.url).pathname): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return serverSources(path);
    return /\.ts$/.test(entry) && !entry.endsWith('.test.ts') ? [path] : [];
  });
}

const missing = (keys: string[]) => keys.filter((key) => LANGUAGES.some((language) => !hasKey(language, key)));

describe('admin labels', () => {
  it('names every API token scope and role', () => {
    expect(missing(TokenScope.options.map(scopeLabelKey))).toEqual([]);
    expect(missing(Role.options.map((role) => `roles.${role}`))).toEqual([]);
  });

  it('names every audit action and record type the server records', () => {
    const actions = new Set<string>();
    const entities = new Set<string>();
    for (const file of serverSources()) {
      const source = readFileSync(file, 'utf8');
      if (!/recordAudit\(|auditAgreement\(|insertInto\('audit_log'\)/.test(source)) continue;
      for (const m of source.matchAll(/\baction: '([a-z_]+)'/g)) actions.add(m[1]);
      for (const m of source.matchAll(/\bentity: '([a-z_]+)'/g)) entities.add(m[1]);
    }
    expect(actions.size).toBeGreaterThan(10);
    expect(missing([...actions].map((action) => `admin.audit.actions.${action}`))).toEqual([]);
    expect(missing([...entities].map((entity) => `entities.${entity}`))).toEqual([]);
  });
});
