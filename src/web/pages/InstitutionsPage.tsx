import { Anchor, Badge, Button, Group, Select } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Institution } from '../../contracts/directory.ts';
import { formatNumber, localName } from '../lib/format.ts';
import { InstitutionForm } from '../modules/directory/InstitutionForm.tsx';
import { countryName, countryOptions, institutionKindOptions } from '../modules/directory/options.ts';
import { useInstitutionList } from '../modules/directory/queries.ts';
import { useSignedInMe } from '../modules/session/session.ts';
import { DataTable } from '../ui/DataTable.tsx';
import { EmptyHint } from '../ui/EmptyHint.tsx';
import { FormModal } from '../ui/FormModal.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { SearchInput } from '../ui/SearchInput.tsx';
import { useUrlFilters } from '../ui/url-filters.ts';

const FILTERS = ['q', 'kind', 'country', 'sort', 'archived'] as const;

export function InstitutionsPage() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const navigate = useNavigate();
  const [creating, createModal] = useDisclosure(false);
  const { values, setFilter } = useUrlFilters(FILTERS);
  const list = useInstitutionList({
    q: values.q,
    kind: values.kind,
    country: values.country,
    sort: values.sort || 'name',
    archived: values.archived || 'exclude',
  });
  const mayCreate = me.permissions.createInstitution;
  const filtered = Boolean(values.q || values.kind || values.country || values.archived);

  const filters = (
    <>
      <SearchInput
        label={t('institutions.search')}
        placeholder={t('institutions.searchPlaceholder')}
        value={values.q}
        onSearch={(q) => setFilter('q', q)}
      />
      <Select
        label={t('fields.kind')}
        placeholder={t('common.all')}
        data={institutionKindOptions(t)}
        value={values.kind || null}
        onChange={(v) => setFilter('kind', v)}
        clearable
      />
      <Select
        label={t('fields.country')}
        placeholder={t('common.all')}
        data={countryOptions([values.country])}
        value={values.country || null}
        onChange={(v) => setFilter('country', v)}
        searchable
        clearable
      />
      <Select
        label={t('fields.sort')}
        data={['name', 'code', 'updated'].map((value) => ({ value, label: t(`institutions.sort.${value}`) }))}
        value={values.sort || 'name'}
        onChange={(v) => setFilter('sort', v === 'name' ? null : v)}
        allowDeselect={false}
      />
      <Select
        label={t('fields.archived')}
        data={['exclude', 'include', 'only'].map((value) => ({ value, label: t(`common.archivedFilter.${value}`) }))}
        value={values.archived || 'exclude'}
        onChange={(v) => setFilter('archived', v === 'exclude' ? null : v)}
        allowDeselect={false}
      />
    </>
  );

  return (
    <>
      <PageHeader
        title={t('institutions.title')}
        description={t('institutions.description')}
        actions={
          mayCreate && (
            <Button leftSection={<IconPlus size={16} />} onClick={createModal.open}>
              {t('institutions.create')}
            </Button>
          )
        }
      />
      <DataTable<Institution>
        label={t('institutions.title')}
        filters={filters}
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
