import { Anchor, Badge, Button, Group } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconFileSpreadsheet, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Institution } from '../../contracts/directory.ts';
import { apiPath } from '../lib/api.ts';
import { formatNumber, localName } from '../lib/format.ts';
import { InstitutionForm } from '../modules/directory/InstitutionForm.tsx';
import { countryName, countryOptions, institutionKindOptions } from '../modules/directory/options.ts';
import { useInstitutionList } from '../modules/directory/queries.ts';
import { useSignedInMe } from '../modules/session/session.ts';
import { DataTable } from '../ui/DataTable.tsx';
import { EmptyHint } from '../ui/EmptyHint.tsx';
import { FilterBar, FilterSearch, FilterSelect } from '../ui/FilterBar.tsx';
import { FormModal } from '../ui/FormModal.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useUrlFilters } from '../ui/url-filters.ts';

const FILTERS = ['q', 'kind', 'country', 'sort', 'archived'] as const;

export function InstitutionsPage() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const navigate = useNavigate();
  const [creating, createModal] = useDisclosure(false);
  const filters = useUrlFilters(FILTERS);
  const { values } = filters;
  const list = useInstitutionList({
    q: values.q,
    kind: values.kind,
    country: values.country,
    // No order chosen: the server lists the best matches first when searching, else by name.
    sort: values.sort || undefined,
    archived: values.archived || 'exclude',
  });
  const mayCreate = me.permissions.createInstitution;
  const filtered = Boolean(values.q || values.kind || values.country || values.archived);

  return (
    <>
      <PageHeader
        title={t('institutions.title')}
        description={t('institutions.description')}
        actions={
          <>
            <Button
              component="a"
              href={apiPath('/institutions/export.xlsx', { q: values.q, kind: values.kind, country: values.country, archived: values.archived || 'exclude' })}
              download
              variant="default"
              leftSection={<IconFileSpreadsheet size={16} />}
            >
              {t('reportDownloads.listXlsx')}
            </Button>
            {mayCreate && (
              <Button leftSection={<IconPlus size={16} />} onClick={createModal.open}>
                {t('institutions.create')}
              </Button>
            )}
          </>
        }
      />
      <DataTable<Institution>
        label={t('institutions.title')}
        filters={
          <FilterBar filters={filters}>
            <FilterSearch name="q" label={t('institutions.search')} placeholder={t('institutions.searchPlaceholder')} />
            <FilterSelect name="kind" label={t('fields.kind')} data={institutionKindOptions(t)} />
            <FilterSelect name="country" label={t('fields.country')} data={countryOptions([values.country])} searchable />
            <FilterSelect
              name="sort"
              label={t('fields.sort')}
              data={[...(values.q ? ['relevance'] : []), 'name', 'code', 'updated'].map((value) => ({ value, label: t(`institutions.sort.${value}`) }))}
              defaultValue={values.q ? 'relevance' : 'name'}
            />
            <FilterSelect
              name="archived"
              label={t('fields.archived')}
              data={['exclude', 'include', 'only'].map((value) => ({ value, label: t(`common.archivedFilter.${value}`) }))}
              defaultValue="exclude"
            />
          </FilterBar>
        }
        {...list}
        rowKey={(institution) => institution.id}
        columns={[
          {
            key: 'name',
            header: t('institutions.columns.name'),
            render: (institution) => (
              <Group gap={6} wrap="nowrap">
                <Badge variant="outline">{institution.code}</Badge>
                <Anchor component={Link} to={`/institutions/${institution.id}`} fw={500}>
                  {localName(institution)}
                </Anchor>
                {institution.archived && (
                  <Badge size="xs" color="gray">
                    {t('common.archived')}
                  </Badge>
                )}
              </Group>
            ),
          },
          { key: 'kind', header: t('fields.kind'), render: (institution) => t(`institutionKinds.${institution.kind}`) },
          {
            key: 'place',
            header: t('institutions.columns.place'),
            render: (institution) => [institution.city, countryName(institution.country)].filter(Boolean).join(', '),
          },
          { key: 'units', header: t('institutions.columns.units'), render: (institution) => formatNumber(institution.unitCount) },
          { key: 'people', header: t('institutions.columns.people'), render: (institution) => formatNumber(institution.peopleCount) },
        ]}
        empty={
          <EmptyHint
            title={filtered ? t('institutions.noMatchTitle') : t('institutions.emptyTitle')}
            description={
              filtered ? t('institutions.noMatchHint') : mayCreate ? t('institutions.emptyHintAdmin') : t('institutions.emptyHint')
            }
            action={
              mayCreate && !filtered ? (
                <Button leftSection={<IconPlus size={16} />} onClick={createModal.open}>
                  {t('institutions.create')}
                </Button>
              ) : undefined
            }
          />
        }
      />
      <FormModal opened={creating} onClose={createModal.close} title={t('institutions.create')}>
        <InstitutionForm
          onDone={(saved) => {
            createModal.close();
            if (saved) navigate(`/institutions/${saved.id}`);
          }}
        />
      </FormModal>
    </>
  );
}
