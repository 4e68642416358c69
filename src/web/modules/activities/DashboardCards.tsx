import { BarChart, DonutChart } from '@mantine/charts';
import { Anchor, Button, Card, Group, Progress, SimpleGrid, Stack, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AgreementStatus } from '../../../contracts/agreements.ts';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { currentLanguage } from '../../lib/i18n.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { EmptyHint } from '../../ui/EmptyHint.tsx';
import { STATUS_COLORS } from '../agreements/options.ts';
import { countryName } from '../directory/options.ts';
import { TargetStatusBadge } from './badges.tsx';
import { percent, TARGET_STATUS_COLORS } from './options.ts';
import type { Dashboard } from './queries.ts';

// The cards of an institution's dashboard. Each chart drills down: a status or country to the agreements list,
// a month or kind to the activities behind it (`onDrill`), a partner to the dashboard filtered by it.

export type Drill = { month?: string; kind?: string };

export function DashboardCard({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  const id = `card-${title.replace(/\W+/g, '-')}`;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={id} h="100%">
      <Group justify="space-between" mb="sm" wrap="nowrap" align="flex-start">
        <Title order={2} size="h5" id={id}>
          {title}
        </Title>
        {action}
      </Group>
      {children}
    </Card>
  );
}

/** Horizontal bars, one per row, each a link (`to`) or a button (`onClick`) to the records behind it. */
function CountBars({
  rows,
  color,
}: {
  rows: { key: string; label: string; value: number; to?: string; onClick?: () => void }[];
  color: string;
}) {
  const max = Math.max(1, ...rows.map((row) => row.value));
  return (
    <Stack gap={8}>
      {rows.map((row) =>
        row.to ? (
          <Anchor key={row.key} component={Link} to={row.to} underline="never" c="inherit" display="block">
            <CountBar label={row.label} value={row.value} max={max} color={color} />
          </Anchor>
        ) : (
          <UnstyledButton key={row.key} display="block" w="100%" onClick={row.onClick}>
            <CountBar label={row.label} value={row.value} max={max} color={color} />
          </UnstyledButton>
        ),
      )}
    </Stack>
  );
}

function CountBar({ label, value, max, color }: { label: string; value: number; max: number; color: string }) {
  return (
    <Stack gap={2}>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="sm" c="indigo.7" lineClamp={1}>
          {label}
        </Text>
        <Text size="sm" fw={600}>
          {formatNumber(value)}
        </Text>
      </Group>
      <Progress value={(value / max) * 100} color={color} size="sm" aria-hidden />
    </Stack>
  );
}

const nothing = (t: (key: string) => string, hint: string) => <EmptyHint title={t('dashboard.nothingYet')} description={hint} />;

/** Mantine colour names as chart colours. */
const shade = (color: string) => `${color}.6`;

export function AgreementsByStatusCard({ dashboard, agreementsLink }: { dashboard: Dashboard; agreementsLink: (extra: Record<string, string>) => string }) {
  const { t } = useTranslation();
  const data = dashboard.agreementsByStatus.map((row) => ({
    name: t(`statuses.${row.status}`),
    value: row.count,
    color: shade(STATUS_COLORS[row.status as AgreementStatus] ?? 'gray'),
    status: row.status,
  }));
  const total = data.reduce((sum, row) => sum + row.value, 0);
  return (
    <DashboardCard title={t('dashboard.cards.byStatus')}>
      {total === 0 ? (
        nothing(t, t('dashboard.empty.agreements'))
      ) : (
        <Group align="center" gap="lg" wrap="wrap">
          <DonutChart data={data} size={150} thickness={22} chartLabel={formatNumber(total)} withTooltip={false} aria-hidden />
          <Stack gap={4} style={{ flex: 1, minWidth: 160 }}>
            {data.map((row) => (
              <Group key={row.status} justify="space-between" gap="xs" wrap="nowrap">
                <Group gap={6} wrap="nowrap">
                  <span
                    style={{ width: 10, height: 10, borderRadius: 2, background: `var(--mantine-color-${row.color.replace('.', '-')})`, flexShrink: 0 }}
                  />
                  <Anchor component={Link} to={agreementsLink({ status: row.status })} size="sm">
                    {row.name}
                  </Anchor>
                </Group>
                <Text size="sm" fw={600}>
                  {formatNumber(row.value)}
                </Text>
              </Group>
            ))}
          </Stack>
        </Group>
      )}
    </DashboardCard>
  );
}

export function AgreementsByCountryCard({ dashboard, agreementsLink }: { dashboard: Dashboard; agreementsLink: (extra: Record<string, string>) => string }) {
  const { t } = useTranslation();
  const rows = dashboard.agreementsByCountry;
  return (
    <DashboardCard title={t('dashboard.cards.byCountry')}>
      {rows.length === 0 ? (
        nothing(t, t('dashboard.empty.agreements'))
      ) : (
        <CountBars
          color="indigo"
          rows={rows.map((row) => ({ key: row.country, label: countryName(row.country) || row.country, value: row.count, to: agreementsLink({ country: row.country }) }))}
        />
      )}
    </DashboardCard>
  );
}

const monthLabel = (month: string) =>
  new Intl.DateTimeFormat(currentLanguage() === 'vi' ? 'vi-VN' : 'en-GB', { month: 'short' }).format(new Date(`${month}-01T00:00:00Z`));

export function ActivitiesByMonthCard({ dashboard, onDrill }: { dashboard: Dashboard; onDrill: (drill: Drill) => void }) {
  const { t } = useTranslation();
  const done = t('activities.statuses.done');
  const planned = t('activities.statuses.planned');
  const data = dashboard.activitiesByMonth.map((row) => ({ month: monthLabel(row.month), key: row.month, [done]: row.done, [planned]: row.planned }));
  const any = dashboard.activitiesByMonth.some((row) => row.done + row.planned > 0);
  return (
    <DashboardCard title={t('dashboard.cards.byMonth', { year: dashboard.year })}>
      {!any ? (
        nothing(t, t('dashboard.empty.activities'))
      ) : (
        <Stack gap="xs">
          <BarChart
            h={220}
            data={data}
            dataKey="month"
            type="stacked"
            withLegend
            legendProps={{ verticalAlign: 'bottom' }}
            series={[
              { name: done, color: 'teal.6' },
              { name: planned, color: 'blue.3' },
            ]}
            valueFormatter={formatNumber}
            yAxisProps={{ allowDecimals: false }}
            barProps={{
              cursor: 'pointer',
              onClick: (entry: unknown) => {
                const key = (entry as { payload?: { key?: string } }).payload?.key;
                if (key) onDrill({ month: key });
              },
            }}
          />
          <Group gap={6} wrap="wrap" aria-label={t('dashboard.monthLinks')}>
            {dashboard.activitiesByMonth
              .filter((row) => row.done + row.planned > 0)
              .map((row) => (
                <Anchor key={row.month} component="button" type="button" size="xs" onClick={() => onDrill({ month: row.month })}>
                  {monthLabel(row.month)} ({formatNumber(row.done + row.planned)})
                </Anchor>
              ))}
          </Group>
        </Stack>
      )}
    </DashboardCard>
  );
}

export function ActivitiesByKindCard({ dashboard, onDrill }: { dashboard: Dashboard; onDrill: (drill: Drill) => void }) {
  const { t } = useTranslation();
  const rows = [...dashboard.activitiesByKind].sort((a, b) => b.count - a.count);
  return (
    <DashboardCard title={t('dashboard.cards.byKind')}>
      {rows.length === 0 ? (
        nothing(t, t('dashboard.empty.activities'))
      ) : (
        <CountBars
          color="teal"
          rows={rows.map((row) => ({ key: row.kind, label: t(`activities.kinds.${row.kind}`), value: row.count, onClick: () => onDrill({ kind: row.kind }) }))}
        />
      )}
    </DashboardCard>
  );
}

export function TargetsSummaryCard({ dashboard }: { dashboard: Dashboard }) {
  const { t } = useTranslation();
  const { targets } = dashboard;
  const items = [
    { key: 'achieved', value: targets.achieved, color: TARGET_STATUS_COLORS.achieved },
    { key: 'on_track', value: targets.onTrack, color: TARGET_STATUS_COLORS.on_track },
    { key: 'behind', value: targets.behind, color: TARGET_STATUS_COLORS.behind },
    { key: 'at_risk', value: targets.atRisk, color: TARGET_STATUS_COLORS.at_risk },
  ];
  return (
    <DashboardCard title={t('dashboard.cards.targets')}>
      {targets.total === 0 ? (
        nothing(t, t('dashboard.empty.targets'))
      ) : (
        <Stack gap="xs">
          <Text size="sm" c="dimmed">
            {t('dashboard.targetsTotal', { n: formatNumber(targets.total) })}
          </Text>
          <SimpleGrid cols={2} spacing="xs">
            {items.map((item) => (
              <Card key={item.key} withBorder padding="xs" radius="md" bg={`var(--mantine-color-${item.color}-light)`}>
                <Text size="xl" fw={700} c={`${item.color}.8`}>
                  {formatNumber(item.value)}
                </Text>
                <Text size="xs">{t(`activities.targetStatuses.${item.key}`)}</Text>
              </Card>
            ))}
          </SimpleGrid>
        </Stack>
      )}
    </DashboardCard>
  );
}

type AtRisk = Dashboard['targetsAtRisk'][number];

const AT_RISK_SHOWN = 8;

export function TargetsAtRiskCard({ dashboard }: { dashboard: Dashboard }) {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  const rows = all ? dashboard.targetsAtRisk : dashboard.targetsAtRisk.slice(0, AT_RISK_SHOWN);
  const more = dashboard.targetsAtRisk.length - rows.length;
  return (
    <DashboardCard
      title={t('dashboard.cards.atRiskCount', { n: formatNumber(dashboard.targetsAtRisk.length) })}
      action={
        (more > 0 || all) && (
          <Button size="xs" variant="subtle" onClick={() => setAll(!all)}>
            {all ? t('dashboard.showFewer') : t('dashboard.showAll', { n: formatNumber(dashboard.targetsAtRisk.length) })}
          </Button>
        )
      }
    >
      <DataTable<AtRisk>
        label={t('dashboard.cards.atRisk')}
        rows={rows}
        rowKey={(row) => `${row.agreementId}.${row.areaKey}.${row.targetKey}`}
        minWidth={560}
        empty={<EmptyHint title={t('dashboard.empty.atRiskTitle')} description={t('dashboard.empty.atRisk')} />}
        columns={[
          {
            key: 'agreement',
            header: t('dashboard.columns.agreement'),
            render: (row) => (
              <Stack gap={2}>
                <Anchor component={Link} to={`/agreements/${row.agreementId}`} size="sm" lineClamp={2}>
                  {row.agreementTitle}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {row.areaTitle}
                </Text>
              </Stack>
            ),
          },
          { key: 'metric', header: t('dashboard.columns.metric'), render: (row) => row.metricName },
          {
            key: 'value',
            header: t('dashboard.columns.progress'),
            render: (row) =>
              `${t('activities.progress.actualOfTarget', { actual: formatNumber(row.actual), target: formatNumber(row.target) })} (${percent(row.share)}%)`,
          },
          { key: 'end', header: t('dashboard.columns.periodEnd'), render: (row) => formatDate(row.periodEnd) },
          { key: 'status', header: t('fields.status'), render: (row) => <TargetStatusBadge status={row.status} /> },
        ]}
      />
    </DashboardCard>
  );
}

export function AgreementListCard({
  title,
  rows,
  empty,
  dateLabel,
}: {
  title: string;
  rows: { agreementId: string; title: string; date: string | null; dateText: string }[];
  empty: string;
  dateLabel: string;
}) {
  const { t } = useTranslation();
  return (
    <DashboardCard title={title}>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <Table verticalSpacing={6} aria-label={title}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('dashboard.columns.agreement')}</Table.Th>
              <Table.Th>{dateLabel}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.agreementId}>
                <Table.Td>
                  <Anchor component={Link} to={`/agreements/${row.agreementId}`} size="sm" lineClamp={2}>
                    {row.title}
                  </Anchor>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm">{row.dateText}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </DashboardCard>
  );
}

type Partner = Dashboard['partners'][number];

export function PartnersCard({ dashboard, selected, onSelect }: { dashboard: Dashboard; selected: string; onSelect: (id: string | null) => void }) {
  const { t } = useTranslation();
  return (
    <DashboardCard title={t('dashboard.cards.partners')}>
      <DataTable<Partner>
        label={t('dashboard.cards.partners')}
        rows={dashboard.partners}
        rowKey={(row) => row.institutionId}
        minWidth={520}
        empty={<EmptyHint title={t('dashboard.nothingYet')} description={t('dashboard.empty.partners')} />}
        columns={[
          {
            key: 'name',
            header: t('dashboard.columns.partner'),
            render: (row) => (
              <Group gap={6} wrap="nowrap">
                <Anchor
                  component="button"
                  type="button"
                  size="sm"
                  fw={row.institutionId === selected ? 700 : 500}
                  ta="left"
                  onClick={() => onSelect(row.institutionId === selected ? null : row.institutionId)}
                  aria-pressed={row.institutionId === selected}
                >
                  {row.code}
                </Anchor>
                <Text size="sm" lineClamp={1}>
                  {row.name}
                </Text>
              </Group>
            ),
          },
          { key: 'country', header: t('fields.country'), render: (row) => countryName(row.country) || row.country },
          { key: 'agreements', header: t('dashboard.agreements'), render: (row) => formatNumber(row.agreements) },
          { key: 'done', header: t('dashboard.columns.activitiesDone'), render: (row) => formatNumber(row.activitiesDone) },
        ]}
      />
    </DashboardCard>
  );
}
