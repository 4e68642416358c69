import { describe, expect, it } from 'vitest';
import { fromHundredths, roundTo, toHundredths } from './rounding.ts';

describe('roundTo', () => {
  it('rounds half away from zero despite binary representation', () => {
    expect(roundTo(21.725)).toBe(21.73);
    expect(roundTo(1.005)).toBe(1.01);
    expect(roundTo(21.7272727)).toBe(21.73);
    expect(roundTo(-2.345)).toBe(-2.35);
    expect(roundTo(29.999, 2)).toBe(30);
  });
  it('converts to and from hundredths', () => {
    expect(toHundredths(24.75)).toBe(2475);
    expect(toHundredths(0.29)).toBe(29);
    expect(toHundredths(0)).toBe(0);
    expect(fromHundredths(2173)).toBe(21.73);
  });
});
