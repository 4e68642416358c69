// Number parsing straight from bytes. Scores become integer hundredths, rounded half up on the
// third decimal (24.755 → 2476); anything unusual (exponents, leading '+') goes through Number().
// Spaces and tabs around a number are ignored (a quoted " 21.5 " is 21.5, as an unquoted one is).

export const NOT_A_NUMBER = Number.NaN;
/** parseCount's answer for a whole number above INT32_MAX. */
export const TOO_LARGE = -2;
/** The largest value the engine's Int32Array columns hold: 21474836.47 as hundredths. */
export const INT32_MAX = 2147483647;

const isBlank = (b: number) => b === 0x20 || b === 0x09;

/**
 * Decimal in [start, end) as hundredths, or NaN. Negative values are returned as such, and values
 * too large for an Int32Array too: the caller checks the range. With `decimalComma`, "21,5" is 21.5.
 */
export function parseHundredths(buf: Buffer, start: number, end: number, decimalComma = false): number {
  while (start < end && isBlank(buf[start])) start++;
  while (end > start && isBlank(buf[end - 1])) end--;
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
  if (i < end && (buf[i] === 0x2e || (decimalComma && buf[i] === 0x2c))) {
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
  const text = buf.toString('latin1', start, end);
  const x = plainNumber(decimalComma ? text.replace(',', '.') : text);
  if (!Number.isFinite(x)) return Number.NaN;
  const h = Math.round(Number((Math.abs(x) * 100).toPrecision(15)));
  return x < 0 ? -h : h;
}

/** Non-negative integer in [start, end), -1 when it is not one, TOO_LARGE above INT32_MAX. */
export function parseCount(buf: Buffer, start: number, end: number): number {
  while (start < end && isBlank(buf[start])) start++;
  while (end > start && isBlank(buf[end - 1])) end--;
  if (start >= end) return -1;
  let v = 0;
  for (let i = start; i < end; i++) {
    const d = buf[i] - 0x30;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v > INT32_MAX ? TOO_LARGE : v;
}

/** Any finite number in [start, end), or NaN; with `decimalComma`, "7,5" is 7.5. */
export function parseNumber(buf: Buffer, start: number, end: number, decimalComma = false): number {
  const n = parseCount(buf, start, end);
  if (n >= 0) return n;
  const text = buf.toString('latin1', start, end).trim();
  if (text === '') return Number.NaN;
  return plainNumber(decimalComma ? text.replace(',', '.') : text);
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Number() restricted to decimal notation (no hex, no "Infinity", no empty string); NaN otherwise. */
export function plainNumber(text: string): number {
  if (!DECIMAL.test(text)) return Number.NaN;
  const x = Number(text);
  return Number.isFinite(x) ? x : Number.NaN;
}
