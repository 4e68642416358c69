// Number parsing straight from bytes. Scores become integer hundredths, rounded half up on the
// third decimal (24.755 → 2476); anything unusual (exponents, leading '+') goes through Number().

export const NOT_A_NUMBER = Number.NaN;

/** Decimal in [start, end) as hundredths, or NaN. Negative values are returned as such. */
export function parseHundredths(buf: Buffer, start: number, end: number): number {
  if (start >= end) return Number.NaN;
  let i = start;
  let neg = false;
  if (buf[i] === 0x2d) {
    neg = true;
    i++;
  }
  let int = 0;
  let digits = 0;
  while (i < end) {
    const d = buf[i] - 0x30;
    if (d < 0 || d > 9) break;
    int = int * 10 + d;
    digits++;
    i++;
  }
  let frac = 0;
  if (i < end && buf[i] === 0x2e) {
    i++;
    let k = 0;
    let round = 0;
    while (i < end) {
      const d = buf[i] - 0x30;
      if (d < 0 || d > 9) break;
      if (k < 2) frac = frac * 10 + d;
      else if (k === 2 && d >= 5) round = 1;
      k++;
      digits++;
      i++;
    }
    if (k === 1) frac *= 10;
    frac += round;
  }
  if (i === end && digits > 0 && int < 2e7) {
    const v = int * 100 + frac;
    return neg ? -v : v;
  }
  const x = plainNumber(buf.toString('latin1', start, end));
  if (!Number.isFinite(x)) return Number.NaN;
  const h = Math.round(Number((Math.abs(x) * 100).toPrecision(15)));
  return x < 0 ? -h : h;
}

/** Non-negative integer in [start, end), or -1. */
export function parseCount(buf: Buffer, start: number, end: number): number {
  if (start >= end || end - start > 9) return -1;
  let v = 0;
  for (let i = start; i < end; i++) {
    const d = buf[i] - 0x30;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** Any finite number in [start, end), or NaN. */
export function parseNumber(buf: Buffer, start: number, end: number): number {
  const n = parseCount(buf, start, end);
  if (n >= 0) return n;
  if (start >= end) return Number.NaN;
  return plainNumber(buf.toString('latin1', start, end));
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Number() restricted to decimal notation (no hex, no "Infinity", no empty string); NaN otherwise. */
export function plainNumber(text: string): number {
  if (!DECIMAL.test(text)) return Number.NaN;
  const x = Number(text);
  return Number.isFinite(x) ? x : Number.NaN;
}
