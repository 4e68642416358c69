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
