import { describe, expect, it } from 'vitest';
import { parseCount, parseHundredths, parseNumber, plainNumber } from './byte-numbers.ts';

const h = (s: string) => parseHundredths(Buffer.from(s), 0, Buffer.byteLength(s));

describe('parseHundredths', () => {
  it('reads decimals exactly as hundredths', () => {
    expect(h('24.75')).toBe(2475);
    expect(h('24.7')).toBe(2470);
    expect(h('24')).toBe(2400);
    expect(h('24.')).toBe(2400);
    expect(h('0.05')).toBe(5);
    expect(h('-1.5')).toBe(-150);
  });
  it('rounds half up on the third decimal', () => {
    expect(h('21.725')).toBe(2173);
    expect(h('21.7249999')).toBe(2172);
    expect(h('0.005')).toBe(1);
  });
  it('accepts exponent notation and rejects non-numbers', () => {
    expect(h('2.475e1')).toBe(2475);
    expect(h('+3')).toBe(300);
    for (const bad of ['', 'abc', '24,5', '1.2.3', '0x10', 'Infinity', 'NaN', '.', '-']) expect(h(bad)).toBeNaN();
  });
});

describe('parseCount / parseNumber', () => {
  const c = (s: string) => parseCount(Buffer.from(s), 0, s.length);
  const n = (s: string) => parseNumber(Buffer.from(s), 0, s.length);
  it('counts are non-negative integers', () => {
    expect(c('0')).toBe(0);
    expect(c('120')).toBe(120);
    for (const bad of ['', '-1', '1.0', 'x', '1e3']) expect(c(bad)).toBe(-1);
  });
  it('numbers are any finite decimal', () => {
    expect(n('17')).toBe(17);
    expect(n('0.25')).toBe(0.25);
    expect(n('-3')).toBe(-3);
    expect(n('')).toBeNaN();
    expect(plainNumber('1e400')).toBeNaN();
  });
});
