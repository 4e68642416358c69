import { type DateRules, yearProblem } from '../../../engines/agreements/date-rules.ts';
import type { AppDeps } from '../../platform/deps.ts';
import type { FieldIssue } from '../../platform/errors.ts';

// Calendar dates of agreements: 'YYYY-MM-DD' strings in the platform's time zone (Vietnam, UTC+7).

/** The platform's calendar day (Vietnam), for dates in agreements. */
export function todayIn(now: Date): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** `2026-12-31` plus `days` days / `years` years, as a calendar date. */
export function shiftDate(iso: string, { days = 0, years = 0 }: { days?: number; years?: number }): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The rules dates users enter are held to now: the configured years (DATE_MIN_YEAR–DATE_MAX_YEAR) and today. */
export function dateRulesOf(deps: Pick<AppDeps, 'config' | 'clock'>): DateRules {
  return { minYear: deps.config.DATE_MIN_YEAR, maxYear: deps.config.DATE_MAX_YEAR, today: todayIn(deps.clock.now()) };
}

/** The year-range problems of dates given outside the content (a renewal's dates, a notice date), by field. */
export function dateFieldIssues(rules: DateRules, dates: Record<string, string | null | undefined>): FieldIssue[] {
  return Object.entries(dates).flatMap(([field, value]) => yearProblem(field, value, rules).map((p) => ({ field, code: p.code, params: p.params })));
}
