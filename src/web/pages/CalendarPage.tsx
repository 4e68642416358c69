import { Anchor, Button, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { AgendaView } from '../modules/calendar/AgendaView.tsx';
import { monthBounds, monthGrid, monthOf, monthTitle, parseMonth, shiftMonth, today as todayOnDevice } from '../modules/calendar/dates.ts';
import { MonthView } from '../modules/calendar/MonthView.tsx';
import { useCalendar } from '../modules/calendar/queries.ts';
import { EmptyHint } from '../ui/EmptyHint.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { QueryFallback } from '../ui/QueryFallback.tsx';

// The calendar (/calendar): every module's dated records the user may read — a month grid or an agenda by day —
// with previous/next month and today; the view and the month are in the URL (?view=agenda&month=2026-07).
type View = 'month' | 'agenda';

export function CalendarPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const today = todayOnDevice();
  const view: View = params.get('view') === 'agenda' ? 'agenda' : 'month';
  const month = parseMonth(params.get('month')) ?? monthOf(today);
  const go = (next: { view?: View; month?: string }) => {
    const p = new URLSearchParams(params);
    const v = next.view ?? view;
    const m = next.month ?? month;
    if (v === 'agenda') p.set('view', 'agenda');
    else p.delete('view');
    if (m === monthOf(today)) p.delete('month');
    else p.set('month', m);
    setParams(p, { replace: true });
  };
  const { first, last } = monthBounds(month);
  const weeks = monthGrid(month);
  // The month view shows whole weeks; the agenda the month's days.
  const range = view === 'month' ? { from: weeks[0][0], to: weeks.at(-1)![6] } : { from: first, to: last };
  const calendar = useCalendar(range);
  return (
    <>
      <PageHeader
        title={t('calendar.title')}
        description={
          <>
            {t('calendar.description')}{' '}
            <Anchor component={Link} to="/me#calendar-feed">
              {t('calendar.subscribeLink')}
            </Anchor>
          </>
        }
      />
      <Stack gap="md">
        <Group justify="space-between" wrap="wrap" gap="sm">
          <Group gap="xs">
            <Button variant="default" px="xs" aria-label={t('calendar.previous')} onClick={() => go({ month: shiftMonth(month, -1) })}>
              <IconChevronLeft size={18} />
            </Button>
            <Button variant="default" onClick={() => go({ month: monthOf(today) })} disabled={month === monthOf(today)}>
              {t('calendar.today')}
            </Button>
            <Button variant="default" px="xs" aria-label={t('calendar.next')} onClick={() => go({ month: shiftMonth(month, 1) })}>
              <IconChevronRight size={18} />
            </Button>
            <Title order={2} size="h4" ml="xs" tt="capitalize" aria-live="polite">
              {monthTitle(month)}
            </Title>
          </Group>
          <SegmentedControl
            value={view}
            onChange={(v) => go({ view: v as View })}
            data={[
              { value: 'month', label: t('calendar.views.month') },
              { value: 'agenda', label: t('calendar.views.agenda') },
            ]}
            aria-label={t('calendar.views.label')}
          />
        </Group>
        {!calendar.isSuccess ? (
          <QueryFallback query={calendar} />
        ) : view === 'month' ? (
          <>
            <MonthView month={month} events={calendar.data.items} today={today} onMore={() => go({ view: 'agenda' })} />
            {calendar.data.items.length === 0 && (
              <Text size="sm" c="dimmed">
                {t('calendar.empty.description')}
              </Text>
            )}
          </>
        ) : calendar.data.items.length === 0 ? (
          <EmptyHint title={t('calendar.empty.title')} description={t('calendar.empty.description')} />
        ) : (
          <AgendaView events={calendar.data.items} first={first} today={today} />
        )}
      </Stack>
    </>
  );
}
