import { ACTIVITY, AGREEMENT, type Out } from '../api-examples-common.ts';

export { ok } from '../api-examples-common.ts';

// OpenAPI examples for routes.ts (what they share: modules/api-examples-common.ts). The calendar and its feed.

type CalendarContract = typeof import('../../../contracts/calendar.ts');
export const calendarEvents = {
  items: [
    {
      id: `activity:${ACTIVITY}`,
      type: 'activity',
      recordId: ACTIVITY,
      title: 'Hội thảo khoa học chung về y sinh học',
      detail: 'Biên bản ghi nhớ hợp tác HUST – Bạch Mai',
      start: '2026-03-10',
      end: '2026-03-11',
      place: 'Hà Nội',
      status: 'planned',
      path: `/agreements/${AGREEMENT}?activity=${ACTIVITY}`,
    },
  ],
} satisfies Out<CalendarContract['CalendarEvents']>;
export const calendarFeedStatus = { active: true, createdAt: '2026-03-01T02:15:00.000Z', lastUsedAt: '2026-03-09T23:40:00.000Z' } satisfies Out<CalendarContract['CalendarFeedStatus']>;
export const calendarFeedCreated = {
  url: 'https://hoptac.example.vn/api/v1/calendar/feed/q8N3vZ0bX4kY7pR2sT6uW9aC1dE5fG8hJ0kL3mN6oP9.ics',
  createdAt: '2026-03-01T02:15:00.000Z',
} satisfies Out<CalendarContract['CalendarFeedCreated']>;
