import { z } from 'zod';
import { IsoDate } from './common.ts';

// The calendar: upcoming events of every module that has dated records (activities, delegations), for the month
// and agenda views and the personal iCalendar feed. Each module gives its events through a calendar source
// (`ModuleDefinition.calendar`, modules/calendar/registry.ts), already in the caller's language and only what the
// caller may read.

export const CalendarEvent = z.object({
  id: z.string().describe('Stable id of the event (`<type>:<record id>`), also the iCalendar UID'),
  type: z.string().describe('The kind of record: `activity`, `delegation`, …'),
  recordId: z.string(),
  title: z.string(),
  detail: z.string().nullable().describe('A line about it (the agreement, the partner), in the caller’s language'),
  start: z.string().describe('First day, YYYY-MM-DD'),
  end: z.string().describe('Last day (inclusive), YYYY-MM-DD'),
  place: z.string().nullable(),
  status: z.string().describe('The record’s status (planned, done, approved, …)'),
  path: z.string().describe('Where the record opens in the web app'),
});
export type CalendarEvent = z.infer<typeof CalendarEvent>;

export const CalendarQuery = z.object({
  from: IsoDate.describe('First day shown'),
  to: IsoDate.describe('Last day shown (at most 400 days after `from`)'),
});
export type CalendarRange = z.infer<typeof CalendarQuery>;
export const CalendarEvents = z.object({ items: z.array(CalendarEvent) });
