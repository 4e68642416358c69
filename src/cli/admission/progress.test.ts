import { describe, expect, it } from 'vitest';
import { Progress } from './progress.ts';

function fakeStream() {
  const writes: string[] = [];
  return { writes, stream: { write: (s: string) => writes.push(s) } as unknown as NodeJS.WriteStream };
}

describe('Progress', () => {
  it('is silent when disabled (not a terminal)', () => {
    const { writes, stream } = fakeStream();
    const p = new Progress(false, stream);
    p.start('reading', 10);
    p.update(5);
    p.finish();
    expect(writes).toEqual([]);
  });
  it('draws a bar with the phase and clears it at the end', () => {
    const { writes, stream } = fakeStream();
    const p = new Progress(true, stream, 10);
    p.start('reading applications.csv', 200);
    p.update(100);
    expect(p.line()).toMatch(/^\[#####-----\] {2}50% reading applications\.csv \d+\.\ds$/);
    p.start('matching');
    expect(p.line()).toMatch(/matching/);
    p.finish();
    expect(writes[0]).toMatch(/reading applications\.csv/);
    expect(writes.at(-1)).toBe('\r\x1b[K');
  });
});
