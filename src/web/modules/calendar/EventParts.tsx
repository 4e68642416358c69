import { Badge, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CalendarEvent } from './queries.ts';

// How an event is marked: its kind of record (a colour each) and its status, named from web.json — a status the
// locale files do not know (a module added later) is left out rather than shown as a code.
export const TYPE_COLORS: Record<string, string> = { activity: 'indigo', delegation: 'teal' };
export const typeColor = (type: string) => TYPE_COLORS[type] ?? 'gray';

export function EventTypeBadge({ event, ...props }: { event: CalendarEvent } & BadgeProps) {
  const { t, i18n } = useTranslation();
  const key = `calendar.types.${event.type}`;
  if (!i18n.exists(key)) return null;
  return (
    <Badge color={typeColor(event.type)} variant="light" tt="none" miw="max-content" {...props}>
      {t(key)}
    </Badge>
  );
}

export function EventStatusBadge({ event, ...props }: { event: CalendarEvent } & BadgeProps) {
  const { t, i18n } = useTranslation();
  const key = `calendar.statuses.${event.status}`;
  if (!i18n.exists(key)) return null;
  return (
    <Badge color="gray" variant="outline" tt="none" miw="max-content" {...props}>
      {t(key)}
    </Badge>
  );
}
