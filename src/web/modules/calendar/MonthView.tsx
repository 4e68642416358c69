import { Box, Paper, SimpleGrid, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { monthOf, monthGrid, weekdayNames } from './dates.ts';
import { typeColor } from './EventParts.tsx';
import type { CalendarEvent } from './queries.ts';

const SHOWN_PER_DAY = 3;

/** The month as a grid of days (Monday first); each day lists the events on it, each opening its record. */
export function MonthView({ month, events, today, onMore }: { month: string; events: CalendarEvent[]; today: string; onMore: (day: string) => void }) {
  const { t } = useTranslation();
  const weeks = monthGrid(month);
  const onDay = (day: string) => events.filter((e) => e.start <= day && e.end >= day);
  return (
    <Paper withBorder radius="md" p={0} style={{ overflowX: 'auto' }}>
      <Box miw={700}>
        <SimpleGrid cols={7} spacing={0} role="row">
          {weekdayNames().map((name) => (
            <Text key={name} role="columnheader" size="sm" fw={600} ta="center" py={6} c="dimmed" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
              {name}
            </Text>
          ))}
        </SimpleGrid>
        {weeks.map((week) => (
          <SimpleGrid key={week[0]} cols={7} spacing={0} role="row">
            {week.map((day) => {
              const list = onDay(day);
              const outside = monthOf(day) !== month;
              return (
                <Stack
                  key={day}
                  role="cell"
                  gap={2}
                  p={4}
                  mih={104}
                  data-day={day}
                  bg={day === today ? 'var(--mantine-primary-color-light)' : outside ? 'var(--mantine-color-default-hover)' : undefined}
                  style={{ borderBottom: '1px solid var(--mantine-color-default-border)', borderRight: '1px solid var(--mantine-color-default-border)', minWidth: 0 }}
                >
                  <Text size="xs" fw={day === today ? 700 : 500} c={outside ? 'dimmed' : undefined} aria-current={day === today ? 'date' : undefined}>
                    {Number(day.slice(8))}
                  </Text>
                  {list.slice(0, SHOWN_PER_DAY).map((event) => (
                    <EventChip key={event.id} event={event} />
                  ))}
                  {list.length > SHOWN_PER_DAY && (
                    <UnstyledButton onClick={() => onMore(day)} fz="xs" c="dimmed" ta="left">
                      {t('calendar.more', { count: list.length - SHOWN_PER_DAY })}
                    </UnstyledButton>
                  )}
                </Stack>
              );
            })}
          </SimpleGrid>
        ))}
      </Box>
    </Paper>
  );
}

function EventChip({ event }: { event: CalendarEvent }) {
  const color = typeColor(event.type);
  const label = event.detail ? `${event.title} — ${event.detail}` : event.title;
  return (
    <Tooltip label={label} multiline maw={320} openDelay={300}>
      <UnstyledButton
        component={Link}
        to={event.path}
        fz="xs"
        px={6}
        py={2}
        bg={`var(--mantine-color-${color}-light)`}
        c={`var(--mantine-color-${color}-light-color)`}
        style={{ borderRadius: 4, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', display: 'block', textDecoration: event.status === 'cancelled' ? 'line-through' : undefined }}
      >
        {event.title}
      </UnstyledButton>
    </Tooltip>
  );
}
