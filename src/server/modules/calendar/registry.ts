import type { CalendarEvent, CalendarRange } from '../../../contracts/calendar.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { AppDeps } from '../../platform/deps.ts';

// Calendar sources: a module with dated records names one in its MODULES entry (`calendar`), and the calendar
// (the month/agenda view and the iCalendar feed) asks every source for the range. A source lists only what the
// caller may read, by its own module's rules, in the caller's language.
export type CalendarSource = (deps: AppDeps, ctx: RequestContext, range: CalendarRange, scope?: CalendarScope) => Promise<CalendarEvent[]>;

/**
 * `involved`: only the records the caller takes part in (the personal feed) — what the source's module counts as
 * such: a participant, a point of contact, who recorded or requested it, an approver, a member.
 */
export interface CalendarScope {
  involved?: boolean;
}

const sources = new Map<string, CalendarSource>();

export function registerCalendarSource(module: string, source: CalendarSource) {
  sources.set(module, source);
}

export const calendarSources = (): [string, CalendarSource][] => [...sources];
