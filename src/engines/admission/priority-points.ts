// Rule 4 — MOET priority points and bonus points.
// Region (KV1 0.75, KV2-NT 0.50, KV2 0.25, KV3 0) counts only in the year of graduation from high
// school and the next; group (UT1 2.00, UT2 1.00) counts once, the highest group only.
// Base = region + group (at most 2.75 on the 30-point scale). For a total T >= 22.5 the priority is
// ((30 − T) / 7.5) × base; below 22.5 it is the base. On a scale with maximum M the threshold is
// 0.75·M and every point value scales by M/30, which gives ((M − T) / (M/4)) × base·M/30.
// Bonus points are capped at 10% of the scale (3 on 30). The final score is at most M, rounded
// to 2 decimals.
import { roundTo } from './rounding.ts';

export type Region = 'KV1' | 'KV2-NT' | 'KV2' | 'KV3';
export type PriorityGroup = 'UT1' | 'UT2';

export const REGION_POINTS: Readonly<Record<Region, number>> = { KV1: 0.75, 'KV2-NT': 0.5, KV2: 0.25, KV3: 0 };
export const GROUP_POINTS: Readonly<Record<PriorityGroup, number>> = { UT1: 2, UT2: 1 };

export interface PriorityProfile {
  region?: Region;
  groups?: readonly PriorityGroup[];
  /** Year of high-school graduation; region points need admissionYear − graduationYear <= 1. */
  graduationYear?: number;
  /** Bonus points (điểm cộng) on the 30-point scale, before the cap. */
  bonus?: number;
}

export interface PrioritySettings {
  /** The admission season's year. */
  admissionYear: number;
  /** Maximum of the scale the total is on (30 for the common scale). */
  scaleMax?: number;
  /**
   * Ambiguity in the rule: does T (the total compared with 22.5 and used in the formula) include
   * the bonus points? Default false: T is the academic total of the combination — the regulation's
   * formula speaks of the total score achieved in the subjects, and bonus points are a separate term.
   */
  thresholdIncludesBonus?: boolean;
}

export const DEFAULT_SCALE_MAX = 30;
/** Bonus points are capped at this share of the scale (3 points on 30). */
export const BONUS_CAP_SHARE = 0.1;

export function isRegion(x: string): x is Region {
  return x in REGION_POINTS;
}
export function isPriorityGroup(x: string): x is PriorityGroup {
  return x in GROUP_POINTS;
}

/** Base priority on the 30-point scale: region (when still valid) + the highest group. */
export function basePriority(profile: PriorityProfile, admissionYear: number): number {
  let region = 0;
  if (profile.region) {
    const y = profile.graduationYear;
    // Without a graduation year we cannot show eligibility, so region points are not given.
    if (y !== undefined && admissionYear - y <= 1 && admissionYear - y >= 0) region = REGION_POINTS[profile.region];
  }
  let group = 0;
  for (const g of profile.groups ?? []) group = Math.max(group, GROUP_POINTS[g]);
  return region + group;
}

/**
 * Priority points for a total T on a scale with maximum M (base given on the 30-point scale):
 * the base (scaled by M/30) below the threshold 0.75·M, decreasing linearly to 0 at T = M above it.
 */
export function priorityPoints(total: number, base30: number, scaleMax = DEFAULT_SCALE_MAX): number {
  const base = (base30 * scaleMax) / 30;
  const threshold = 0.75 * scaleMax;
  if (total < threshold) return base;
  return Math.max(0, ((scaleMax - total) / (scaleMax / 4)) * base);
}

export interface FinalScore {
  priority: number;
  bonus: number;
  /** min(M, T + priority + bonus), rounded to 2 decimals. */
  final: number;
}

/** The final admission score for an academic total T (on the settings' scale). */
export function finalScore(total: number, profile: PriorityProfile, settings: PrioritySettings): FinalScore {
  const M = settings.scaleMax ?? DEFAULT_SCALE_MAX;
  const bonus = Math.min(Math.max(0, ((profile.bonus ?? 0) * M) / 30), BONUS_CAP_SHARE * M);
  const t = settings.thresholdIncludesBonus ? total + bonus : total;
  const priority = priorityPoints(t, basePriority(profile, settings.admissionYear), M);
  return { priority, bonus, final: roundTo(Math.min(M, total + priority + bonus)) };
}
