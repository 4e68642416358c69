import { describe, expect, it } from 'vitest';
import { ByteInterner } from './byte-interner.ts';

describe('ByteInterner', () => {
  it('gives stable indices, finds without adding, survives rehashing', () => {
    const ids = new ByteInterner(2);
    const b = (s: string) => Buffer.from(`..${s}..`);
    const idx = (s: string) => ids.intern(b(s), 2, 2 + Buffer.byteLength(s));
    const names = Array.from({ length: 5000 }, (_, i) => `C${i}`);
    for (let round = 0; round < 2; round++) {
      for (const [i, s] of names.entries()) expect(idx(s)).toBe(i);
    }
    expect(ids.count).toBe(5000);
    expect(ids.find(b('C4999'), 2, 7)).toBe(4999);
    expect(ids.find(b('C5000'), 2, 7)).toBe(-1);
    expect(ids.text(1234)).toBe('C1234');
    expect(idx('Trường Đại học Y Hà Nội')).toBe(5000);
    expect(ids.text(5000)).toBe('Trường Đại học Y Hà Nội');
  });
  it('compares bytewise and copies ids out', () => {
    const ids = new ByteInterner();
    const a = ids.intern(Buffer.from('C10'), 0, 3);
    const c = ids.intern(Buffer.from('C9'), 0, 2);
    expect(ids.compare(a, c)).toBeLessThan(0);
    expect(ids.compare(c, a)).toBeGreaterThan(0);
    expect(ids.compare(a, a)).toBe(0);
    const out = Buffer.alloc(8);
    expect(ids.copyTo(a, out, 1)).toBe(4);
    expect(out.toString('utf8', 1, 4)).toBe('C10');
    expect(ids.byteLength(c)).toBe(2);
  });
});

describe('sortCandidates', () => {
  it('orders ids by UTF-8 bytes and returns each candidate position', async () => {
    const { sortCandidates } = await import('./match-input.ts');
    const ids = new ByteInterner();
    const names = ['b', 'C9', 'Đức', 'a', 'C10', 'Z', 'C1'];
    for (const s of names) ids.intern(Buffer.from(s), 0, Buffer.byteLength(s));
    const { sorted, order } = sortCandidates(ids);
    expect(Array.from(sorted, (i) => names[i])).toEqual(['C1', 'C10', 'C9', 'Z', 'a', 'b', 'Đức']);
    for (let k = 0; k < sorted.length; k++) expect(order[sorted[k]]).toBe(k);
    const already = new ByteInterner();
    for (const s of ['A1', 'A2', 'B']) already.intern(Buffer.from(s), 0, s.length);
    expect(Array.from(sortCandidates(already).sorted)).toEqual([0, 1, 2]);
  });
});
