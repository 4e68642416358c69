// How a target stands (pure): the share of its value achieved compared with the share of its period elapsed.
//   not_started — the period has not begun;
//   achieved    — the actual value reached the target (at any time);
//   missed      — the period ended short of it;
//   on_track    — the share achieved is at least the share of the period elapsed (less a tolerance of 10 points,
//                 since activities are recorded after they happen);
//   at_risk     — less than half of what the elapsed time asks for, once a quarter of the period has passed;
//   behind      — in between.

export type TargetStatus = 'not_started' | 'on_track' | 'behind' | 'at_risk' | 'achieved' | 'missed';

const DAY = 86_400_000;
const dayNumber = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY);

/** The share (0…1) of the period [start, end] (inclusive days) elapsed at the end of `today`. */
export function elapsedShare(periodStart: string, periodEnd: string, today: string): number {
  const start = dayNumber(periodStart);
  const end = dayNumber(periodEnd);
  const now = dayNumber(today);
  if (now < start) return 0;
  if (now >= end) return 1;
  return (now - start + 1) / (end - start + 1);
}

export const TOLERANCE = 0.1;

export function targetStatus(input: { actual: number; target: number; periodStart: string; periodEnd: string; today: string }): {
  status: TargetStatus;
  share: number;
  elapsed: number;
} {
  const share = input.target > 0 ? input.actual / input.target : 0;
  const elapsed = elapsedShare(input.periodStart, input.periodEnd, input.today);
  let status: TargetStatus;
  if (share >= 1) status = 'achieved';
  else if (input.today < input.periodStart) status = 'not_started';
  else if (input.today > input.periodEnd) status = 'missed';
  else if (share >= elapsed - TOLERANCE) status = 'on_track';
  else if (elapsed >= 0.25 && share < elapsed / 2) status = 'at_risk';
  else status = 'behind';
  return { status, share, elapsed };
}

/** The dates of a recurring plan: the first and every `every` after it up to `until` (inclusive); stops past `limit`. */
export function occurrences(first: string, every: 'week' | 'month' | 'semester', until: string, limit: number): string[] {
  const out: string[] = [];
  const [y, m, d] = first.split('-').map(Number);
  for (let i = 0; ; i++) {
    let date: Date;
    if (every === 'week') date = new Date(Date.UTC(y, m - 1, d + 7 * i));
    else {
      const months = every === 'month' ? i : 6 * i;
      // The same day of the month, or the month's last day when it has fewer days (31 Jan → 28 Feb).
      const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
      date = new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastDay)));
    }
    const iso = date.toISOString().slice(0, 10);
    if (iso > until) break;
    out.push(iso);
    if (out.length > limit) break;
  }
  return out;
}

/** Shift a date by whole days. */
export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/** Days from a to b. */
export const daysBetween = (a: string, b: string) => dayNumber(b) - dayNumber(a);
