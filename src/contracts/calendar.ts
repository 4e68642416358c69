import { z } from 'zod';
import { IsoDate, Secret } from './common.ts';

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

/** The longest range one request (or the feed) asks the sources for, in days from `from` to `to`. */
export const CALENDAR_MAX_DAYS = 400;

const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

export const CalendarQuery = z
  .object({
    from: IsoDate.describe('First day shown'),
    to: IsoDate.describe(`Last day shown (on or after \`from\`, at most ${CALENDAR_MAX_DAYS} days after it)`),
  })
  .superRefine(({ from, to }, ctx) => {
    const days = daysBetween(from, to);
    if (days < 0) ctx.addIssue({ code: 'custom', path: ['to'], params: { code: 'before_start' }, input: to });
    else if (days > CALENDAR_MAX_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], params: { code: 'range_too_long', maximum: CALENDAR_MAX_DAYS }, input: to });
  });
export type CalendarRange = z.infer<typeof CalendarQuery>;
export const CalendarEvents = z.object({ items: z.array(CalendarEvent) });

// ---- the personal iCalendar feed: a secret URL per user (only its SHA-256 is stored)

export const CalendarFeedStatus = z.object({
  active: z.boolean().describe('Whether the user has a feed URL (the URL itself is shown only when made)'),
  createdAt: z.string().nullable().describe('When the current URL was made'),
  lastUsedAt: z.string().nullable().describe('When a calendar application last fetched it (to the minute)'),
});
export type CalendarFeedStatus = z.infer<typeof CalendarFeedStatus>;

export const CalendarFeedCreated = z.object({
  url: z.string().describe('The secret feed URL, shown this once: subscribe to it in a calendar application'),
  createdAt: z.string(),
});
export type CalendarFeedCreated = z.infer<typeof CalendarFeedCreated>;

export const CalendarFeedParams = z.object({ token: Secret(10, 200).describe('The secret of the feed URL') });

/** The feed covers the owner's events from this many days back to this many ahead. */
export const FEED_DAYS_BACK = 90;
export const FEED_DAYS_AHEAD = 400;
