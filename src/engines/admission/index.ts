// Admission engine: pure functions, no I/O. See docs/admission.md for the rules.
export * from './equivalence.ts';
export * from './exam-scores.ts';
export * from './matching.ts';
export * from './methods.ts';
export * from './priority-keys.ts';
export * from './priority-points.ts';
export * from './rounding.ts';
export * from './stability.ts';
