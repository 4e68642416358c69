import { expect, it } from 'vitest';
import { trimmedBins } from './histogram.ts';

const bin = (from: number, admitted: number, applicants: number) => ({ from, to: from + 1, admitted, applicants });

it('keeps the bins from the lowest to the highest holding anyone, empty ones between them included', () => {
  const all = Array.from({ length: 30 }, (_, i) => bin(i, 0, 0));
  all[21] = bin(21, 1, 2);
  all[24] = bin(24, 0, 1);
  expect(trimmedBins(all)).toEqual([bin(21, 1, 2), bin(22, 0, 0), bin(23, 0, 0), bin(24, 0, 1)]);
  expect(trimmedBins(all.map((b) => ({ ...b, admitted: 0, applicants: 0 })))).toEqual([]);
});
