import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fieldText, forEachLine, newFields, splitFields } from './line-reader.ts';

const dir = mkdtempSync(join(tmpdir(), 'hoptac-lines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fields(line: string): string[] | null {
  const buf = Buffer.from(line);
  const f = newFields();
  if (!splitFields(buf, 0, buf.length, f, { buf: Buffer.alloc(4) })) return null;
  return Array.from({ length: f.count }, (_, i) => fieldText(f, i));
}

describe('splitFields', () => {
  it('splits plain lines, trimming spaces, keeping empty fields', () => {
    expect(fields('a,b , c,,')).toEqual(['a', 'b', 'c', '', '']);
    expect(fields('')).toEqual(['']);
    expect(fields('x')).toEqual(['x']);
  });
  it('unescapes quoted fields', () => {
    expect(fields('"a,b", "say ""hi""",c')).toEqual(['a,b', 'say "hi"', 'c']);
    expect(fields('"",x')).toEqual(['', 'x']);
    expect(fields('Nguyễn Văn A,"Đại học, Y"')).toEqual(['Nguyễn Văn A', 'Đại học, Y']);
  });
  it('splits at another separator, keeping commas inside fields and tabs as separators', () => {
    const split = (line: string, sep: string) => {
      const buf = Buffer.from(line);
      const f = newFields();
      splitFields(buf, 0, buf.length, f, { buf: Buffer.alloc(4) }, sep.charCodeAt(0));
      return Array.from({ length: f.count }, (_, i) => fieldText(f, i));
    };
    expect(split('C4; 1 ;P1;21,5', ';')).toEqual(['C4', '1', 'P1', '21,5']);
    expect(split('"a;b";" x ";', ';')).toEqual(['a;b', ' x ', '']);
    expect(split('a\t\t b \tc', '\t')).toEqual(['a', '', 'b', 'c']);
  });
  it('reports unterminated quotes', () => {
    expect(fields('"abc,d')).toBeNull();
  });
  it('handles many fields', () => {
    expect(fields(Array.from({ length: 40 }, (_, i) => String(i)).join(','))).toHaveLength(40);
  });
});

describe('forEachLine', () => {
  const collect = (content: string | Buffer, chunk?: number) => {
    const path = join(dir, `f${Math.random()}.csv`);
    writeFileSync(path, content);
    const lines: [number, string][] = [];
    const r = forEachLine(path, (buf, s, e, n) => lines.push([n, buf.toString('utf8', s, e)]), undefined, chunk);
    return { lines, r };
  };
  it('strips BOM and CRLF, keeps a last line without newline', () => {
    const { lines, r } = collect(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('h1,h2\r\na,b\r\n\r\nc,d')]));
    expect(lines).toEqual([
      [1, 'h1,h2'],
      [2, 'a,b'],
      [3, ''],
      [4, 'c,d'],
    ]);
    expect(r.lines).toBe(4);
  });
  it('reads UTF-16 LE and BE (after their byte-order mark) as UTF-8 lines, across chunk boundaries', () => {
    const text = 'mã,điểm\r\nNguyễn Văn A,21.5\n\nTrần 𝔹,9\n';
    for (const [bom, enc] of [
      [[0xff, 0xfe], 'utf16le'],
      [[0xfe, 0xff], 'utf16be'],
    ] as const) {
      const body = Buffer.from(text, 'utf16le');
      if (enc === 'utf16be') body.swap16();
      for (const chunk of [3, 5, 64]) {
        const path = join(dir, `u${Math.random()}.csv`);
        writeFileSync(path, Buffer.concat([Buffer.from(bom), body]));
        const lines: string[] = [];
        forEachLine(path, (buf, s, e) => lines.push(buf.toString('utf8', s, e)), undefined, chunk, enc);
        expect(lines).toEqual(['mã,điểm', 'Nguyễn Văn A,21.5', '', 'Trần 𝔹,9']);
      }
    }
  });
  it('carries lines across small chunks and grows for long lines', () => {
    const text = ['header', 'x'.repeat(50), 'short', 'y'.repeat(17), ''].join('\n');
    for (const chunk of [4, 7, 16, 1 << 16]) {
      const { lines } = collect(text, chunk);
      expect(lines.map((l) => l[1])).toEqual(['header', 'x'.repeat(50), 'short', 'y'.repeat(17)]);
    }
  });
});
