import { describe, expect, it } from 'vitest';
import { parseCount, parseHundredths, parseNumber, plainNumber, TOO_LARGE } from './byte-numbers.ts';

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

describe('padding, decimal commas and size', () => {
  it('ignores spaces and tabs around a number (a quoted " 21.5 ")', () => {
    expect(h(' 21.5 ')).toBe(2150);
    expect(h('\t-3\t')).toBe(-300);
    expect(parseCount(Buffer.from(' 7 '), 0, 3)).toBe(7);
    expect(parseNumber(Buffer.from(' 2.5'), 0, 4)).toBe(2.5);
    expect(h('  ')).toBeNaN();
  });
  it('reads a decimal comma only when asked (files separated by ";" or tabs)', () => {
    const hc = (s: string) => parseHundredths(Buffer.from(s), 0, s.length, true);
    expect(hc('21,5')).toBe(2150);
    expect(hc('21,755')).toBe(2176);
    expect(hc('2,475e1')).toBe(2475);
    expect(hc('1.234,5')).toBeNaN();
    expect(h('21,5')).toBeNaN();
    expect(parseNumber(Buffer.from('7,5'), 0, 3, true)).toBe(7.5);
  });
  it('returns values beyond Int32 for the caller to refuse, instead of wrapping', () => {
    expect(h('30000000')).toBe(3_000_000_000);
    expect(parseCount(Buffer.from('2147483647'), 0, 10)).toBe(2147483647);
    expect(parseCount(Buffer.from('2147483648'), 0, 10)).toBe(TOO_LARGE);
    expect(parseCount(Buffer.from('99999999999999999999'), 0, 20)).toBe(TOO_LARGE);
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
