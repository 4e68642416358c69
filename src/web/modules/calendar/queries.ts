import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CalendarEvent, CalendarFeedCreated, CalendarFeedStatus, CalendarRange } from '../../../contracts/calendar.ts';
import { api } from '../../lib/api.ts';

// The calendar's data: the events of a range (GET /calendar, every module's, already in the language on screen)
// and the personal iCalendar feed (GET/POST/DELETE /me/calendar-feed).
export type { CalendarEvent, CalendarFeedCreated, CalendarFeedStatus };

export const calendarKey = ['calendar'] as const;
const feedKey = ['calendar-feed'] as const;

export function useCalendar(range: CalendarRange) {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  return useQuery({
    queryKey: [...calendarKey, range.from, range.to, lang],
    queryFn: ({ signal }) => api.get<{ items: CalendarEvent[] }>('/calendar', { from: range.from, to: range.to, lang }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCalendarFeed() {
  return useQuery({ queryKey: feedKey, queryFn: ({ signal }) => api.get<CalendarFeedStatus>('/me/calendar-feed', undefined, signal) });
}

/** Makes (or replaces) the feed URL; the answer holds the URL, shown this once. */
export function useCreateCalendarFeed() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<CalendarFeedCreated>('/me/calendar-feed'),
    onSettled: () => client.invalidateQueries({ queryKey: feedKey }),
  });
}

export function useRevokeCalendarFeed() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete<{ ok: true }>('/me/calendar-feed'),
    onSettled: () => client.invalidateQueries({ queryKey: feedKey }),
  });
}
