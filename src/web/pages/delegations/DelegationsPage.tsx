import { Anchor, Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DelegationStatusBadge, DirectionBadge } from '../../modules/delegations/badges.tsx';
import { type DelegationSummary, delegationsKey } from '../../modules/delegations/queries.ts';
import { formatDate, localText } from '../../lib/format.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { EmptyHint } from '../../ui/EmptyHint.tsx';
import { FilterBar, FilterNumber, FilterSelect } from '../../ui/FilterBar.tsx';
import { useKeysetList } from '../../ui/keyset.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useUrlFilters } from '../../ui/url-filters.ts';

const STATUSES = ['draft', 'submitted', 'approved', 'rejected', 'done', 'cancelled'] as const;

/** Every delegation of the agreements I read as a party, filtered by direction, status and year. */
export function DelegationsPage() {
  const { t } = useTranslation();
  const filters = useUrlFilters(['direction', 'status', 'year'] as const);
  const list = useKeysetList<DelegationSummary>([...delegationsKey, 'list'], '/delegations', filters.values);
  return (
    <>
      <PageHeader title={t('delegations.list.title')} description={t('delegations.list.description')} />
      <DataTable
        label={t('delegations.list.title')}
        {...list}
        rowKey={(d) => d.id}
        filters={
          <FilterBar filters={filters}>
            <FilterSelect
              name="direction"
              label={t('delegations.fields.direction')}
              data={['incoming', 'outgoing'].map((value) => ({ value, label: t(`delegations.direction.${value}`) }))}
            />
            <FilterSelect name="status" label={t('delegations.fields.status')} data={STATUSES.map((value) => ({ value, label: t(`delegations.status.${value}`) }))} />
            <FilterNumber name="year" label={t('delegations.fields.year')} min={1990} max={2100} />
          </FilterBar>
        }
        empty={<EmptyHint title={t('delegations.list.emptyTitle')} description={t('delegations.list.emptyDescription')} action={<Button component={Link} to="/agreements" variant="light">{t('delegations.list.toAgreements')}</Button>} />}
        columns={[
          {
            key: 'title',
            header: t('delegations.fields.title'),
            render: (d) => (
              <Anchor component={Link} to={`/delegations/${d.id}`}>
                {localText(d.titleVi, d.titleEn)}
              </Anchor>
            ),
          },
          { key: 'direction', header: t('delegations.fields.direction'), render: (d) => <DirectionBadge direction={d.direction} /> },
          { key: 'partner', header: t('delegations.fields.partner'), render: (d) => d.partnerName },
          { key: 'dates', header: t('delegations.fields.dates'), render: (d) => `${formatDate(d.startDate)} – ${formatDate(d.endDate)}` },
          { key: 'guests', header: t('delegations.fields.guestCount'), render: (d) => (d.direction === 'incoming' ? String(d.guestCount) : '—') },
          { key: 'status', header: t('delegations.fields.status'), render: (d) => <DelegationStatusBadge status={d.status} /> },
        ]}
      />
    </>
  );
}
