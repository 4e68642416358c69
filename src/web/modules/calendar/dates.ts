import { currentLanguage } from '../../lib/i18n.ts';

// Calendar days as 'YYYY-MM-DD' strings (the API's dates), and the month grid: weeks from Monday to Sunday.
const LOCALES = { vi: 'vi-VN', en: 'en-GB' } as const;
const DAY_MS = 86_400_000;

const toDate = (day: string) => new Date(`${day}T00:00:00Z`);
const fromDate = (d: Date) => d.toISOString().slice(0, 10);

export const addDays = (day: string, days: number) => fromDate(new Date(toDate(day).getTime() + days * DAY_MS));

/** Today on this device's calendar. */
export function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** 'YYYY-MM' of a day. */
export const monthOf = (day: string) => day.slice(0, 7);

/** A valid 'YYYY-MM' (years 1990–2100) or null. */
export function parseMonth(value: string | null): string | null {
  if (!value || !/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) return null;
  const year = Number(value.slice(0, 4));
  return year >= 1990 && year <= 2100 ? value : null;
}

export function shiftMonth(month: string, by: number): string {
  const d = toDate(`${month}-01`);
  d.setUTCMonth(d.getUTCMonth() + by);
  return fromDate(d).slice(0, 7);
}

export function monthBounds(month: string): { first: string; last: string } {
  const first = `${month}-01`;
  return { first, last: addDays(`${shiftMonth(month, 1)}-01`, -1) };
}

/** Monday = 0 … Sunday = 6. */
const weekday = (day: string) => (toDate(day).getUTCDay() + 6) % 7;

/** The weeks (Monday to Sunday) that show the month, each a list of seven days. */
export function monthGrid(month: string): string[][] {
  const { first, last } = monthBounds(month);
  let day = addDays(first, -weekday(first));
  const end = addDays(last, 6 - weekday(last));
  const weeks: string[][] = [];
  while (day <= end) {
    const week: string[] = [];
    for (let i = 0; i < 7; i++) {
      week.push(day);
      day = addDays(day, 1);
    }
    weeks.push(week);
  }
  return weeks;
}

const format = (day: string, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(LOCALES[currentLanguage()], { timeZone: 'UTC', ...options }).format(toDate(day));

export const monthTitle = (month: string) => format(`${month}-01`, { month: 'long', year: 'numeric' });
export const weekdayNames = () => monthGrid('2026-06')[0].map((day) => format(day, { weekday: 'short' }));
export const longDay = (day: string) => format(day, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
export const shortDay = (day: string) => format(day, { day: '2-digit', month: '2-digit', year: 'numeric' });
