import { Anchor, Grid, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import { localName } from '../lib/format.ts';
import { formatDate } from '../lib/format.ts';
import {
  ActivitiesByKindCard,
  ActivitiesByMonthCard,
  AgreementListCard,
  AgreementsByCountryCard,
  AgreementsByStatusCard,
  type Drill,
  PartnersCard,
  TargetsAtRiskCard,
  TargetsSummaryCard,
} from '../modules/activities/DashboardCards.tsx';
import { DrillDownCard, ExchangeBalanceCard } from '../modules/activities/DashboardDrill.tsx';
import { useDashboard } from '../modules/activities/queries.ts';
import { areaKindOptions } from '../modules/agreements/options.ts';
import { useInstitution } from '../modules/directory/queries.ts';
import { useSignedInMe } from '../modules/session/session.ts';
import { FilterBar, FilterSelect } from '../ui/FilterBar.tsx';
import { InstitutionReportDownloads } from '../modules/reports/DownloadMenus.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { QueryFallback } from '../ui/QueryFallback.tsx';
import { useUrlFilters } from '../ui/url-filters.ts';

const FILTERS = ['year', 'partnerId', 'areaKind', 'month', 'kind'] as const;

/** `/dashboard`: the signed-in user's own institution's dashboard. */
export function MyDashboardRedirect() {
  const me = useSignedInMe();
  return <Navigate to={`/institutions/${me.institution.id}/dashboard`} replace />;
}

/** An institution's cooperation dashboard: filters in the URL, cards that drill down to the records. */
export function DashboardPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const urlFilters = useUrlFilters(FILTERS);
  const { values, setFilter, setFilters } = urlFilters;
  const institution = useInstitution(id);
  const filters = { year: values.year || undefined, partnerId: values.partnerId || undefined, areaKind: values.areaKind || undefined };
  const dashboard = useDashboard(id, filters);
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: 8 }, (_, i) => String(thisYear + 1 - i));
  const year = values.year || String(dashboard.data?.year ?? thisYear);

  const header = (
    <PageHeader
      title={t('dashboard.title')}
      actions={dashboard.data ? <InstitutionReportDownloads institutionId={id} year={year} /> : undefined}
      description={
        institution.data ? (
          <Anchor component={Link} to={`/institutions/${id}`} c="dimmed">
            {localName(institution.data)}
          </Anchor>
        ) : undefined
      }
    />
  );
  if (!dashboard.data) {
    return (
      <>
        {header}
        <QueryFallback query={dashboard} />
      </>
    );
  }
  const data = dashboard.data;
  const partner = data.partners.find((p) => p.institutionId === values.partnerId);
  const drill: Drill | null = values.month ? { month: values.month } : values.kind ? { kind: values.kind } : null;
  const agreementsLink = (extra: Record<string, string>) => {
    const params = new URLSearchParams();
    if (values.partnerId) params.set('partnerId', values.partnerId);
    if (values.areaKind) params.set('areaKind', values.areaKind);
    for (const [key, value] of Object.entries(extra)) if (value) params.set(key, value);
    return `/agreements?${params}`;
  };

  return (
    <>
      {header}
      <Stack gap="lg">
        <FilterBar filters={urlFilters}>
          <FilterSelect name="year" label={t('fields.year')} data={years} defaultValue={String(thisYear)} resets={['month']} />
          <FilterSelect
            name="partnerId"
            label={t('fields.partnerId')}
            data={data.partners.map((p) => ({ value: p.institutionId, label: `${p.code} — ${p.name}` }))}
            searchable
          />
          <FilterSelect name="areaKind" label={t('fields.areaKind')} data={areaKindOptions(t)} />
        </FilterBar>
        {dashboard.isPlaceholderData && (
          <Text size="xs" c="dimmed">
            {t('common.loading')}
          </Text>
        )}
        {drill && (
          <DrillDownCard
            institutionId={id}
            year={year}
            partnerId={values.partnerId}
            areaKind={values.areaKind}
            drill={drill}
            onClose={() => setFilters({ month: null, kind: null })}
          />
        )}
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 6, lg: 4 }}>
            <AgreementsByStatusCard dashboard={data} agreementsLink={agreementsLink} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6, lg: 4 }}>
            <TargetsSummaryCard dashboard={data} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6, lg: 4 }}>
            <AgreementsByCountryCard dashboard={data} agreementsLink={agreementsLink} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <ActivitiesByMonthCard dashboard={data} onDrill={(d) => setFilters({ month: d.month ?? null, kind: null })} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6, lg: 4 }}>
            <ActivitiesByKindCard dashboard={data} onDrill={(d) => setFilters({ kind: d.kind ?? null, month: null })} />
          </Grid.Col>
          {partner && (
            <Grid.Col span={{ base: 12, md: 6, lg: 4 }}>
              <ExchangeBalanceCard institutionId={id} partner={{ id: partner.institutionId, code: partner.code }} year={year} />
            </Grid.Col>
          )}
          <Grid.Col span={12}>
            <TargetsAtRiskCard dashboard={data} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <AgreementListCard
              title={t('dashboard.cards.expiring')}
              dateLabel={t('dashboard.columns.endDate')}
              empty={t('dashboard.empty.expiring')}
              rows={data.expiringSoon.map((a) => ({ agreementId: a.agreementId, title: a.title, date: a.endDate, dateText: formatDate(a.endDate) }))}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <AgreementListCard
              title={t('dashboard.cards.dormant', { n: data.dormantMonths })}
              dateLabel={t('dashboard.columns.lastDone')}
              empty={t('dashboard.empty.dormant', { n: data.dormantMonths })}
              rows={data.dormant.map((a) => ({
                agreementId: a.agreementId,
                title: a.title,
                date: a.lastDone,
                dateText: a.lastDone ? formatDate(a.lastDone) : t('dashboard.never'),
              }))}
            />
          </Grid.Col>
          <Grid.Col span={12}>
            <PartnersCard dashboard={data} selected={values.partnerId} onSelect={(partnerId) => setFilter('partnerId', partnerId)} />
          </Grid.Col>
        </Grid>
        <Group>
          <Text size="xs" c="dimmed">
            {t('dashboard.footnote', { year })}
          </Text>
        </Group>
      </Stack>
    </>
  );
}
