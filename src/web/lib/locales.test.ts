import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// vi and en must offer exactly the same keys, for the web screens and for the server's messages.
type Tree = { [key: string]: string | Tree };

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keys(value, `${prefix}${key}.`),
  );
}

function load(language: string, file: string): Tree {
  return JSON.parse(readFileSync(new URL(`../../locales/${language}/${file}`, import.meta.url), 'utf8')) as Tree;
}

describe.each(['web.json', 'server.json'])('locales %s', (file) => {
  it('has the same keys in vi and en', () => {
    expect(keys(load('en', file)).sort()).toEqual(keys(load('vi', file)).sort());
  });
  it('has no empty strings', () => {
    for (const language of ['vi', 'en']) {
      const tree = load(language, file);
      const empty = keys(tree).filter((key) => key.split('.').reduce<string | Tree>((node, part) => (node as Tree)[part], tree) === '');
      expect(empty).toEqual([]);
    }
  });
});

it('web.json and server.json do not define the same top-level keys', () => {
  for (const language of ['vi', 'en']) {
    const server = Object.keys(load(language, 'server.json'));
    expect(Object.keys(load(language, 'web.json')).filter((key) => server.includes(key))).toEqual([]);
  }
});

it('every key the web app asks for by name exists in both languages', async () => {
  const { readdirSync, statSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { hasKey } = await import('../../locales/index.ts');
  const root = new URL('..', import.meta.url).pathname;
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.tsx?$/.test(entry) && !entry.endsWith('.test.ts')) files.push(path);
    }
  };
  walk(root);
  const used = new Set<string>();
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/\bt\('([a-zA-Z_]+(?:\.[a-zA-Z_]+)+)'/g)) used.add(match[1]);
    for (const match of source.matchAll(/label: '([a-z]+\.[a-zA-Z_.]+)'/g)) used.add(match[1]);
  }
  expect(used.size).toBeGreaterThan(100);
  const missing = [...used].filter((key) => !hasKey('vi', key) || !hasKey('en', key));
  expect(missing).toEqual([]);
});
