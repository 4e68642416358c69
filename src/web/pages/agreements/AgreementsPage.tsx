import { Anchor, Badge, Button, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconFileSpreadsheet, IconPlus } from '@tabler/icons-react';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, localName } from '../../lib/format.ts';
import { StatusSummary } from '../../modules/agreements/StatusSummary.tsx';
import { StatusBadge } from '../../modules/agreements/StatusBadge.tsx';
import { agreementKindOptions, areaKindOptions, foldedFilter, localTitle, statusOptions } from '../../modules/agreements/options.ts';
import { type AgreementSummary, agreementsExportUrl, useAgreementList } from '../../modules/agreements/queries.ts';
import { countryOptions, institutionKindOptions } from '../../modules/directory/options.ts';
import { useInstitutionOptions } from '../../modules/directory/queries.ts';
import { useSignedInMe } from '../../modules/session/session.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { EmptyHint } from '../../ui/EmptyHint.tsx';
import { FilterBar, FilterNumber, FilterSearch, FilterSelect } from '../../ui/FilterBar.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useUrlFilters } from '../../ui/url-filters.ts';

const FILTERS = ['q', 'partnerId', 'partnerKind', 'country', 'kind', 'status', 'areaKind', 'expiringWithinDays', 'sort'] as const;
const SORTS = ['updated', 'title', 'start', 'end'] as const;

export function AgreementsPage() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const urlFilters = useUrlFilters(FILTERS);
  const { values, setFilter } = urlFilters;
  const institutions = useInstitutionOptions();
  const mayDraft = me.permissions.draftAgreement;
  const phone = useMediaQuery('(max-width: 48em)');
  const [moreFilters, setMoreFilters] = useState(false);
  const showAllFilters = !phone || moreFilters;

  const filters = {
    q: values.q,
    partnerId: values.partnerId,
    partnerKind: values.partnerKind,
    country: values.country,
    kind: values.kind,
    status: values.status,
    areaKind: values.areaKind,
    expiringWithinDays: values.expiringWithinDays,
    sort: values.sort || 'updated',
  };
  const list = useAgreementList(filters);
  const { status: _status, sort: _sort, ...summaryFilters } = filters;
  const filtered = Object.entries(values).some(([key, value]) => key !== 'sort' && Boolean(value));

  const newButton = mayDraft && (
    <Button component={Link} to="/agreements/new" leftSection={<IconPlus size={16} />}>
      {t('agreements.create')}
    </Button>
  );

  const partnerOptions = (institutions.data ?? [])
    .filter((institution) => institution.id !== me.institution.id)
    .map((institution) => ({ value: institution.id, label: `${institution.code} — ${localName(institution)}` }));
  const otherFilters = (
    <>
      <FilterSelect name="partnerId" label={t('agreements.filters.partner')} data={partnerOptions} searchable filter={foldedFilter} />
      <FilterSelect name="partnerKind" label={t('agreements.filters.partnerKind')} data={institutionKindOptions(t)} />
      <FilterSelect name="country" label={t('fields.country')} data={countryOptions([values.country])} searchable />
      <FilterSelect name="kind" label={t('fields.kind')} data={agreementKindOptions(t)} />
      <FilterSelect name="status" label={t('fields.status')} data={statusOptions(t)} />
      <FilterSelect name="areaKind" label={t('agreements.filters.area')} data={areaKindOptions(t)} />
      <FilterNumber
        name="expiringWithinDays"
        label={t('agreements.filters.expiringWithinDays')}
        placeholder={t('agreements.filters.days')}
        min={0}
        max={3650}
        allowDecimal={false}
        allowNegative={false}
      />
      <FilterSelect
        name="sort"
        label={t('fields.sort')}
        data={SORTS.map((value) => ({ value, label: t(`agreements.sort.${value}`) }))}
        defaultValue="updated"
      />
    </>
  );

  // At phone width only the search shows at first; the other filters open on demand.
  const activeFilters = FILTERS.filter((key) => key !== 'q' && key !== 'sort' && values[key]).length;
  const filtersToggle = phone && (
    <Button variant="light" onClick={() => setMoreFilters((open) => !open)} aria-expanded={showAllFilters}>
      {showAllFilters ? t('agreements.filters.fewer') : `${t('agreements.filters.more')}${activeFilters ? ` (${activeFilters})` : ''}`}
    </Button>
  );
  const filterBar = (
    <FilterBar filters={urlFilters}>
      <FilterSearch name="q" label={t('agreements.search')} placeholder={t('agreements.searchPlaceholder')} />
      {filtersToggle}
      {showAllFilters && otherFilters}
    </FilterBar>
  );

  return (
    <>
      <PageHeader
        title={t('agreements.title')}
        description={t('agreements.description')}
        actions={
          <>
            <Button
              component="a"
              href={agreementsExportUrl(filters)}
              download
              variant="default"
              leftSection={<IconFileSpreadsheet size={16} />}
            >
              {t('agreements.export')}
            </Button>
            {newButton}
          </>
        }
      />
      <Stack gap="md">
        <StatusSummary filters={summaryFilters} selected={values.status} onSelect={(status) => setFilter('status', status)} />
        <DataTable<AgreementSummary>
          label={t('agreements.title')}
          filters={filterBar}
          {...list}
          rowKey={(agreement) => agreement.id}
          minWidth={820}
          columns={[
            {
              key: 'title',
              header: t('agreements.columns.agreement'),
              render: (agreement) => (
                <Stack gap={2}>
                  <Anchor component={Link} to={`/agreements/${agreement.id}`} fw={500}>
                    {localTitle(agreement)}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {t(`agreementKinds.${agreement.kind}`)} · {t('agreements.versionShort', { n: agreement.versionNo })}
                  </Text>
                </Stack>
              ),
            },
            { key: 'status', header: t('fields.status'), render: (agreement) => <StatusBadge status={agreement.status} /> },
            {
              key: 'parties',
              header: t('fields.parties'),
              render: (agreement) => (
                <Group gap={4}>
                  {agreement.parties.map((party) => (
                    <Tooltip key={party.institutionId} label={localName(party)}>
                      <Badge variant="outline" miw="max-content" color={party.institutionId === me.institution.id ? 'indigo' : 'gray'}>
                        {party.code}
                      </Badge>
                    </Tooltip>
                  ))}
                </Group>
              ),
            },
            {
              key: 'areas',
              header: t('fields.areas'),
              render: (agreement) =>
                agreement.areaKinds.length === 0 ? (
                  <Text span c="dimmed">
                    —
                  </Text>
                ) : (
                  <Group gap={4}>
                    {agreement.areaKinds.map((kind) => (
                      <Badge key={kind} variant="light" color="grape" radius="xl" tt="none" size="sm" miw="max-content">
                        {t(`areaKinds.${kind}`)}
                      </Badge>
                    ))}
                  </Group>
                ),
            },
            {
              key: 'period',
              header: t('agreements.columns.period'),
              render: (agreement) => (
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {formatDate(agreement.startDate)} – {agreement.endDate ? formatDate(agreement.endDate) : t('agreements.openEnded')}
                </Text>
              ),
            },
          ]}
          empty={
            <EmptyHint
              title={filtered ? t('agreements.noMatchTitle') : t('agreements.emptyTitle')}
              description={filtered ? t('agreements.noMatchHint') : mayDraft ? t('agreements.emptyHintOfficer') : t('agreements.emptyHint')}
              action={!filtered ? newButton || undefined : undefined}
            />
          }
        />
      </Stack>
    </>
  );
}
