import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../../contracts/directory.ts';
import { localName } from '../../lib/format.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { EmptyHint } from '../../ui/EmptyHint.tsx';
import { FilterBar, FilterSearch, FilterSelect } from '../../ui/FilterBar.tsx';
import { useUrlFilters } from '../../ui/url-filters.ts';
import { titleOptions } from './options.ts';
import { ExpertiseBadges, PersonNameLink, PersonPosition } from './PersonSummary.tsx';
import { useInstitutionOptions, usePeopleList, useUnits } from './queries.ts';
import { unitOptions } from './unit-tree.ts';

const FILTERS = ['q', 'institutionId', 'unitId', 'title'] as const;

/** People search: as you type, with institution / unit / title filters. `institutionId` fixes the institution. */
export function PeopleTable({ institutionId }: { institutionId?: string }) {
  const { t } = useTranslation();
  const filters = useUrlFilters(FILTERS);
  const { values } = filters;
  const selectedInstitution = institutionId ?? (values.institutionId || null);
  const institutions = useInstitutionOptions();
  const units = useUnits(selectedInstitution);
  const list = usePeopleList({
    q: values.q,
    institutionId: selectedInstitution,
    unitId: values.unitId,
    title: values.title,
  });
  const filtered = Boolean(values.q || values.unitId || values.title || (!institutionId && values.institutionId));

  const filterBar = (
    <FilterBar filters={filters}>
      <FilterSearch name="q" label={t('people.search')} placeholder={t('people.searchPlaceholder')} />
      {!institutionId && (
        <FilterSelect
          name="institutionId"
          label={t('fields.institutionId')}
          data={(institutions.data ?? []).map((institution) => ({
            value: institution.id,
            label: `${institution.code} — ${localName(institution)}`,
          }))}
          searchable
          resets={['unitId']}
        />
      )}
      <FilterSelect
        name="unitId"
        label={t('fields.unitId')}
        placeholder={selectedInstitution ? t('common.all') : t('people.pickInstitutionFirst')}
        disabled={!selectedInstitution}
        data={unitOptions(
          (units.data ?? []).filter((unit) => !unit.archived),
          localName,
        )}
        searchable
      />
      <FilterSelect name="title" label={t('fields.title')} data={titleOptions()} />
    </FilterBar>
  );

  return (
    <DataTable<Person>
      label={t('people.title')}
      filters={filterBar}
      {...list}
      rowKey={(person) => person.id}
      columns={[
        { key: 'name', header: t('people.columns.name'), render: (person) => <PersonNameLink person={person} /> },
        { key: 'position', header: t('people.columns.position'), render: (person) => <PersonPosition person={person} /> },
        {
          key: 'institution',
          header: t('people.columns.institution'),
          render: (person) => (
            <Text size="sm" fw={600} ff="monospace">
              {person.institutionCode}
            </Text>
          ),
        },
        { key: 'expertise', header: t('fields.expertise'), render: (person) => <ExpertiseBadges expertise={person.expertise} /> },
      ]}
      empty={
        <EmptyHint
          title={filtered ? t('people.noMatchTitle') : t('people.emptyTitle')}
          description={filtered ? t('people.noMatchHint') : t('people.emptyHint')}
        />
      }
    />
  );
}
