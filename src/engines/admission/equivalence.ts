// Rule 3 — score equivalence by percentiles. A score x on one scale maps to the common scale
// piecewise-linearly between anchors: for a < x <= b mapping to (c, d],
//   y = c + (x − a)(d − c)/(b − a).
// A table is a list of such segments, sorted and non-overlapping, increasing on both sides.

export interface EquivalenceSegment {
  a: number;
  b: number;
  c: number;
  d: number;
  /** Optional label, e.g. the percentile band "top 1%–3%". */
  label?: string;
}

export interface EquivalenceTable {
  /** Name of the source scale (e.g. "HSA" or "SPT-A00"). */
  fromScale: string;
  segments: EquivalenceSegment[];
}

/** The percentile levels (top p%) used when building a table from two distributions. */
export const DEFAULT_PERCENTILES: readonly number[] = [0.5, 1, 3, 5, 10, 15, 20, 25, 30, 40, 50, 60, 70, 80, 90, 100];

/** Problems with a table (empty when valid): segments must have a < b, c <= d and be increasing. */
export function validateTable(table: EquivalenceTable): string[] {
  const errors: string[] = [];
  const s = table.segments;
  if (s.length === 0) errors.push(`table ${table.fromScale}: no segments`);
  for (let i = 0; i < s.length; i++) {
    const { a, b, c, d } = s[i];
    if (![a, b, c, d].every(Number.isFinite)) errors.push(`table ${table.fromScale}, segment ${i + 1}: not a number`);
    else if (!(a < b)) errors.push(`table ${table.fromScale}, segment ${i + 1}: needs a < b`);
    else if (!(c <= d)) errors.push(`table ${table.fromScale}, segment ${i + 1}: needs c <= d`);
    if (i > 0 && !(s[i - 1].b <= a && s[i - 1].d <= c)) {
      errors.push(`table ${table.fromScale}, segment ${i + 1}: overlaps or decreases after segment ${i}`);
    }
  }
  return errors;
}

/** Sorts segments by `a` and validates; throws on an invalid table. */
export function makeTable(fromScale: string, segments: readonly EquivalenceSegment[]): EquivalenceTable {
  const table = { fromScale, segments: [...segments].sort((x, y) => x.a - y.a) };
  const errors = validateTable(table);
  if (errors.length) throw new RangeError(errors.join('; '));
  return table;
}

/**
 * Maps x to the common scale (unrounded; round to 2 decimals for publication).
 * Inside a segment (a, b]: the formula above. Between two segments (a gap b_i < x <= a_{i+1}):
 * linear between (b_i, d_i) and (a_{i+1}, c_{i+1}). At or below the lowest anchor a_0:
 * linear from (0, 0) to (a_0, c_0) — scales are assumed to start at 0 — and 0 below 0.
 * Above the highest anchor: d of the last segment.
 */
export function convertScore(table: EquivalenceTable, x: number): number {
  const s = table.segments;
  const first = s[0];
  if (x <= first.a) {
    if (x <= 0) return 0;
    return first.a > 0 ? (first.c * x) / first.a : first.c;
  }
  // Binary search for the last segment with a < x.
  let lo = 0;
  let hi = s.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (s[mid].a < x) lo = mid;
    else hi = mid - 1;
  }
  const seg = s[lo];
  if (x <= seg.b) return seg.c + ((x - seg.a) * (seg.d - seg.c)) / (seg.b - seg.a);
  const next = s[lo + 1];
  if (!next) return seg.d;
  return seg.d + ((x - seg.b) * (next.c - seg.d)) / (next.a - seg.b);
}

/**
 * The score that the top p% of a distribution reaches: the k-th best score with k = ceil(p·n/100)
 * (at least 1). `sortedDesc` must be sorted from best to worst.
 */
export function topPercentScore(sortedDesc: ArrayLike<number>, p: number): number {
  const n = sortedDesc.length;
  if (n === 0) throw new RangeError('empty distribution');
  const k = Math.min(n, Math.max(1, Math.ceil((p * n) / 100 - 1e-9)));
  return sortedDesc[k - 1];
}

/**
 * Builds a table from two score distributions (e.g. all SPT results and all THPT results of the
 * same combination): at each percentile level the threshold score of the top p% on one scale is
 * paired with the threshold on the other; the best score of each distribution is the top anchor.
 * Levels whose source threshold equals the previous one (ties in the data) are merged, so every
 * segment has a < b.
 */
export function buildTableFromDistributions(
  fromScale: string,
  from: ArrayLike<number>,
  to: ArrayLike<number>,
  percentiles: readonly number[] = DEFAULT_PERCENTILES,
): EquivalenceTable {
  const f = Float64Array.from(from).sort().reverse();
  const t = Float64Array.from(to).sort().reverse();
  const levels = [...new Set(percentiles)].filter((p) => p > 0 && p <= 100).sort((x, y) => x - y);
  // Anchor points from the top of the distribution down: (x, y, label).
  const points: { x: number; y: number; p: number }[] = [{ x: f[0], y: t[0], p: 0 }];
  for (const p of levels) {
    const x = topPercentScore(f, p);
    const y = topPercentScore(t, p);
    const last = points[points.length - 1];
    if (x < last.x && y <= last.y) points.push({ x, y, p });
  }
  points.reverse();
  const segments: EquivalenceSegment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const lo = points[i];
    const hi = points[i + 1];
    segments.push({ a: lo.x, b: hi.x, c: lo.y, d: hi.y, label: `top ${hi.p}%–${lo.p}%` });
  }
  if (segments.length === 0) throw new RangeError(`distribution of ${fromScale} has a single value`);
  return makeTable(fromScale, segments);
}
