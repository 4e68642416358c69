import { Anchor, Badge, Button, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AgreementSummary } from '../agreements/queries.ts';
import { api } from '../../lib/api.ts';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { currentLanguage } from '../../lib/i18n.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { EmptyHint } from '../../ui/EmptyHint.tsx';
import { QueryFallback } from '../../ui/QueryFallback.tsx';
import { ActivityStatusBadge } from './badges.tsx';
import { DashboardCard, type Drill } from './DashboardCards.tsx';
import { activityTitle } from './options.ts';
import { type Activity, type ActivityList, activitiesKey, useExchangeBalance } from './queries.ts';

/** People sent to and received from the selected partner, in the year. */
export function ExchangeBalanceCard({ institutionId, partner, year }: { institutionId: string; partner: { id: string; code: string }; year: string }) {
  const { t } = useTranslation();
  const balance = useExchangeBalance(institutionId, partner.id, year || undefined);
  return (
    <DashboardCard title={t('dashboard.cards.exchange', { partner: partner.code })}>
      {!balance.isSuccess ? (
        <QueryFallback query={balance} py="md" size="sm" />
      ) : (
        <Stack gap="xs">
          <SimpleGrid cols={2} spacing="xs">
            <Stack gap={0}>
              <Text size="xl" fw={700} c="indigo.7">
                {formatNumber(balance.data.sent)}
              </Text>
              <Text size="xs">{t('dashboard.exchange.sent')}</Text>
            </Stack>
            <Stack gap={0}>
              <Text size="xl" fw={700} c="teal.7">
                {formatNumber(balance.data.received)}
              </Text>
              <Text size="xs">{t('dashboard.exchange.received')}</Text>
            </Stack>
          </SimpleGrid>
          <Text size="xs" c="dimmed">
            {t('dashboard.exchange.hint', { n: formatNumber(balance.data.activityIds.length) })}
          </Text>
        </Stack>
      )}
    </DashboardCard>
  );
}

const SIGNED = new Set(['active', 'expiring', 'expired', 'terminated', 'renewed']);

/**
 * The activities behind a month or a kind of the dashboard: over the institution's signed agreements (with the
 * dashboard's partner and area-kind filters), each agreement's activities of the year, then the month or kind.
 * The API has no list across agreements, so this asks each agreement (at most 60).
 */
export function DrillDownCard({
  institutionId,
  year,
  partnerId,
  areaKind,
  drill,
  onClose,
}: {
  institutionId: string;
  year: string;
  partnerId: string;
  areaKind: string;
  drill: Drill;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const agreements = useQuery({
    queryKey: [...activitiesKey, 'drill-agreements', institutionId, partnerId, areaKind],
    queryFn: ({ signal }) =>
      api
        .get<{ items: AgreementSummary[] }>('/agreements', { partnerId, areaKind, limit: 100 }, signal)
        .then((page) => page.items.filter((a) => SIGNED.has(a.status) && a.parties.some((p) => p.institutionId === institutionId)).slice(0, 60)),
  });
  const lists = useQueries({
    queries: (agreements.data ?? []).map((agreement) => ({
      queryKey: [...activitiesKey, 'drill', agreement.id, year, drill.kind ?? ''],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api.get<ActivityList>(`/agreements/${agreement.id}/activities`, { year, kind: drill.kind, limit: 100 }, signal).catch(() => null),
    })),
  });
  const loading = agreements.isPending || lists.some((l) => l.isPending);
  const rows = lists
    .flatMap((l) => l.data?.items ?? [])
    .filter((a) => !drill.month || a.startDate.startsWith(drill.month))
    .sort((a, b) => b.startDate.localeCompare(a.startDate));
  const what = drill.month
    ? new Intl.DateTimeFormat(currentLanguage() === 'vi' ? 'vi-VN' : 'en-GB', { month: 'long', year: 'numeric' }).format(new Date(`${drill.month}-01T00:00:00Z`))
    : t(`activities.kinds.${drill.kind}`);
  return (
    <DashboardCard
      title={t('dashboard.drill.title', { what })}
      action={
        <Button size="xs" variant="default" onClick={onClose}>
          {t('common.close')}
        </Button>
      }
    >
      <DataTable<Activity>
        label={t('dashboard.drill.title', { what })}
        rows={rows}
        loading={loading}
        error={agreements.error}
        onRetry={() => void agreements.refetch()}
        rowKey={(a) => a.id}
        minWidth={640}
        empty={<EmptyHint title={t('dashboard.nothingYet')} description={t('dashboard.drill.empty')} />}
        columns={[
          {
            key: 'title',
            header: t('activities.list.columns.title'),
            render: (a) => (
              <Stack gap={2}>
                <Text size="sm" fw={500}>
                  {activityTitle(a)}
                </Text>
                <Anchor component={Link} to={`/agreements/${a.agreementId}?tab=activities`} size="xs" lineClamp={1}>
                  {a.agreementTitle}
                </Anchor>
              </Stack>
            ),
          },
          { key: 'date', header: t('activities.list.columns.dates'), render: (a) => formatDate(a.startDate) },
          { key: 'kind', header: t('fields.kind'), render: (a) => t(`activities.kinds.${a.kind}`) },
          {
            key: 'organisers',
            header: t('fields.organiserIds'),
            render: (a) => (
              <Group gap={4}>
                {a.organisers.map((o) => (
                  <Badge key={o.institutionId} variant="outline" color="gray" miw="max-content">
                    {o.code}
                  </Badge>
                ))}
              </Group>
            ),
          },
          { key: 'status', header: t('fields.status'), render: (a) => <ActivityStatusBadge status={a.status} /> },
        ]}
      />
    </DashboardCard>
  );
}
