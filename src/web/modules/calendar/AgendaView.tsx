import { Anchor, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconMapPin } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { longDay, shortDay } from './dates.ts';
import { EventStatusBadge, EventTypeBadge } from './EventParts.tsx';
import type { CalendarEvent } from './queries.ts';

/** The events by day: each under its first day within the range (one that began earlier, under the range's first). */
export function AgendaView({ events, first, today }: { events: CalendarEvent[]; first: string; today: string }) {
  const { t } = useTranslation();
  const days = new Map<string, CalendarEvent[]>();
  for (const event of events) {
    const day = event.start < first ? first : event.start;
    days.set(day, [...(days.get(day) ?? []), event]);
  }
  return (
    <Stack gap="md">
      {[...days.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([day, list]) => (
          <section key={day} id={`day-${day}`} aria-label={longDay(day)}>
            <Title order={2} size="h5" mb={6} c={day === today ? 'var(--mantine-primary-color-filled)' : undefined}>
              {longDay(day)}
              {day === today && ` · ${t('calendar.today')}`}
            </Title>
            <Stack gap="xs">
              {list.map((event) => (
                <Card key={event.id} withBorder padding="sm" radius="md">
                  <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
                    <Stack gap={2} style={{ minWidth: 0 }}>
                      <Anchor component={Link} to={event.path} fw={600}>
                        {event.title}
                      </Anchor>
                      {event.detail && (
                        <Text size="sm" c="dimmed">
                          {event.detail}
                        </Text>
                      )}
                      <Group gap="md">
                        {event.end !== event.start && (
                          <Text size="sm">{t('calendar.dateRange', { start: shortDay(event.start), end: shortDay(event.end) })}</Text>
                        )}
                        {event.place && (
                          <Group gap={4}>
                            <IconMapPin size={14} aria-hidden />
                            <Text size="sm">{event.place}</Text>
                          </Group>
                        )}
                      </Group>
                    </Stack>
                    <Group gap={6} wrap="nowrap">
                      <EventTypeBadge event={event} />
                      <EventStatusBadge event={event} />
                    </Group>
                  </Group>
                </Card>
              ))}
            </Stack>
          </section>
        ))}
    </Stack>
  );
}
