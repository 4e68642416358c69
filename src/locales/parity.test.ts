import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// Vietnamese and English offer the same strings: the same keys (src/web/lib/locales.test.ts checks that too)
// and, for each key, the same {{placeholders}} — a placeholder only one language has shows up as a gap or
// as raw braces on screen.
type Tree = { [key: string]: string | Tree };
const load = (language: string, file: string) => JSON.parse(readFileSync(new URL(`./${language}/${file}`, import.meta.url), 'utf8')) as Tree;
function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : leaves(value, `${prefix}${key}.`)));
}
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort().join(',');

describe.each(['web.json', 'server.json'])('%s in vi and en', (file) => {
  const vi = new Map(leaves(load('vi', file)));
  const en = new Map(leaves(load('en', file)));
  it('has the same set of keys', () => {
    expect([...en.keys()].filter((key) => !vi.has(key))).toEqual([]);
    expect([...vi.keys()].filter((key) => !en.has(key))).toEqual([]);
  });
  it('uses the same placeholders in each string', () => {
    const differ = [...vi].filter(([key, text]) => en.has(key) && placeholders(text) !== placeholders(en.get(key) ?? ''));
    expect(differ.map(([key]) => key)).toEqual([]);
  });
});
