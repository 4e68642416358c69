// Rule 2 — admission methods. A method is a weighted formula over exam components (subject
// scores), brought to the 30-point scale: 30 × Σ wᵢ·sᵢ / Σ wᵢ·maxᵢ (so "Math × 2 + Physics +
// Chemistry" on THPT is (2M + P + C) × 30/40), or — for a method that names an equivalence table —
// the raw total Σ wᵢ·sᵢ converted by that table. A method has an entrance floor on the 30-point
// scale. A candidate's score for a program is the best over the program's methods for which the
// candidate has every component.
import { convertScore, type EquivalenceTable } from './equivalence.ts';

export interface MethodComponent {
  exam: string;
  subject: string;
  weight: number;
}

export interface Method {
  programId: string;
  methodId: string;
  components: MethodComponent[];
  /** Entrance floor on the 30-point scale (e.g. 20.5 for Medicine, 19 for teacher training). */
  floor?: number;
  /** Name of an equivalence table converting the raw weighted total to the 30-point scale. */
  equivalence?: string;
}

export const COMMON_SCALE = 30;

/** Subjects that satisfy the core-subject rule (case-insensitive). */
export const DEFAULT_CORE_SUBJECTS: readonly string[] = ['math', 'literature', 'toan', 'van', 'ngu_van'];
/** Minimum share of the weight Math or Literature must carry. */
export const CORE_SUBJECT_MIN_SHARE = 0.25;

/** Looks up the maximum of a component's scale; undefined when the exam has no such subject. */
export type SubjectMax = (exam: string, subject: string) => number | undefined;
/** Looks up a candidate's counted subject score; undefined when the candidate has none. */
export type SubjectLookup = (exam: string, subject: string) => number | undefined;

/**
 * The share of the weight carried by each component: wᵢ·maxᵢ / Σ wⱼ·maxⱼ, i.e. the share of the
 * method's maximum total that the component can contribute.
 */
export function componentShares(method: Method, maxOf: SubjectMax): number[] {
  const contributions = method.components.map((c) => c.weight * (maxOf(c.exam, c.subject) ?? Number.NaN));
  const total = contributions.reduce((s, x) => s + x, 0);
  return contributions.map((x) => x / total);
}

/**
 * The core-subject rule: Math or Literature must carry at least 25% of the weight. Returns a
 * warning text when the method breaks it, or null. Methods over a whole exam (subject "total",
 * e.g. HSA or V-ACT) are exempt: the exam itself covers both.
 */
export function coreSubjectWarning(
  method: Method,
  maxOf: SubjectMax,
  coreSubjects: readonly string[] = DEFAULT_CORE_SUBJECTS,
): string | null {
  if (method.components.some((c) => c.subject === 'total')) return null;
  const core = new Set(coreSubjects.map((s) => s.toLowerCase()));
  const shares = componentShares(method, maxOf);
  // The rule is per subject: one of them alone must reach the share.
  const bySubject = new Map<string, number>();
  method.components.forEach((c, i) => {
    const s = c.subject.toLowerCase();
    if (core.has(s)) bySubject.set(s, (bySubject.get(s) ?? 0) + shares[i]);
  });
  const best = Math.max(0, ...bySubject.values());
  if (best + 1e-12 >= CORE_SUBJECT_MIN_SHARE) return null;
  return `method ${method.methodId} of program ${method.programId}: Math or Literature carries ${(best * 100).toFixed(1)}% of the weight, less than 25%`;
}

/** Structural problems of a method (empty when valid). */
export function validateMethod(method: Method, maxOf: SubjectMax, tables: ReadonlyMap<string, EquivalenceTable>): string[] {
  const errors: string[] = [];
  const id = `method ${method.methodId} of program ${method.programId}`;
  if (method.components.length === 0) errors.push(`${id}: no components`);
  for (const c of method.components) {
    if (!(c.weight > 0)) errors.push(`${id}: weight of ${c.exam}/${c.subject} must be positive`);
    if (maxOf(c.exam, c.subject) === undefined) errors.push(`${id}: exam ${c.exam} has no subject ${c.subject}`);
  }
  if (method.equivalence !== undefined && !tables.has(method.equivalence)) {
    errors.push(`${id}: unknown equivalence table ${method.equivalence}`);
  }
  if (method.floor !== undefined && !(method.floor >= 0 && method.floor <= COMMON_SCALE)) {
    errors.push(`${id}: floor must be within 0..30`);
  }
  return errors;
}

/**
 * The method score on the 30-point scale (unrounded), or undefined when the candidate lacks a
 * component.
 */
export function methodScore(
  method: Method,
  maxOf: SubjectMax,
  scores: SubjectLookup,
  tables: ReadonlyMap<string, EquivalenceTable> = new Map(),
): number | undefined {
  let raw = 0;
  let max = 0;
  for (const c of method.components) {
    const s = scores(c.exam, c.subject);
    if (s === undefined) return undefined;
    raw += c.weight * s;
    max += c.weight * (maxOf(c.exam, c.subject) as number);
  }
  if (method.equivalence !== undefined) {
    const table = tables.get(method.equivalence);
    if (!table) throw new RangeError(`unknown equivalence table ${method.equivalence}`);
    return Math.min(COMMON_SCALE, convertScore(table, raw));
  }
  return (raw * COMMON_SCALE) / max;
}

export interface ProgramScore {
  methodId: string;
  /** The method score on the 30-point scale before priority and bonus points. */
  academic: number;
  /** The final admission score (after `finalize`). */
  score: number;
}

/** Which score the method floor is compared with. */
export type FloorBasis = 'academic' | 'final';

/**
 * The best score over a program's methods: each method the candidate has results for is scored,
 * checked against its floor (by default the academic score, before priority points; see
 * FloorBasis), finalised (priority and bonus points) and the highest final score wins; on equal
 * final scores the first method listed wins. Undefined when no method is available and above floor.
 */
export function bestProgramScore(
  methods: readonly Method[],
  maxOf: SubjectMax,
  scores: SubjectLookup,
  finalize: (academic: number) => number,
  options: { tables?: ReadonlyMap<string, EquivalenceTable>; floorBasis?: FloorBasis } = {},
): ProgramScore | undefined {
  let best: ProgramScore | undefined;
  for (const m of methods) {
    const academic = methodScore(m, maxOf, scores, options.tables);
    if (academic === undefined) continue;
    const score = finalize(academic);
    const floor = m.floor ?? 0;
    // Floors are published with 2 decimals; compare on the rounded value so 20.4999… meets 20.5.
    const checked = options.floorBasis === 'final' ? score : Math.round(academic * 1e6) / 1e6;
    if (checked < floor) continue;
    if (!best || score > best.score) best = { methodId: m.methodId, academic, score };
  }
  return best;
}
