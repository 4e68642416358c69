// Decimal rounding shared by the admission rules. Scores are published with 2 decimals; binary
// floating point turns 21.725 into 21.724999…, so we round through 15 significant digits first.

/** Rounds half away from zero to `decimals` places (default 2), robust to binary representation error. */
export function roundTo(x: number, decimals = 2): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** decimals;
  const y = Number((Math.abs(x) * f).toPrecision(15));
  return (Math.sign(x) * Math.round(y)) / f;
}

/** A score as an integer number of hundredths (21.73 → 2173), the unit the matcher compares. */
export function toHundredths(x: number): number {
  const y = Number((Math.abs(x) * 100).toPrecision(15));
  return Math.sign(x) * Math.round(y) || 0;
}

/** Inverse of {@link toHundredths}. */
export function fromHundredths(h: number): number {
  return h / 100;
}
