import { Anchor, Button } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { formatNumber, localText } from '../../lib/format.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { EmptyHint } from '../../ui/EmptyHint.tsx';
import { FilterBar, FilterSearch, FilterSelect } from '../../ui/FilterBar.tsx';
import { FormModal } from '../../ui/FormModal.tsx';
import { wholeList } from '../../ui/keyset.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useUrlFilters } from '../../ui/url-filters.ts';
import { SeasonStatusBadge } from './badges.tsx';
import { type Season, useSeasons } from './queries.ts';
import { SeasonForm } from './SeasonForm.tsx';

const STATUSES: Season['status'][] = ['draft', 'running', 'published'];

/** A season matches the filters: words of either title, the year, the status (an institution has few seasons: filtered here). */
function matches(season: Season, filters: { q: string; year: string; status: string }) {
  const words = filters.q.trim().toLocaleLowerCase().split(/\s+/).filter(Boolean);
  const text = `${season.titleVi} ${season.titleEn} ${season.year}`.toLocaleLowerCase();
  return (
    words.every((w) => text.includes(w)) &&
    (filters.year === '' || String(season.year) === filters.year) &&
    (filters.status === '' || season.status === filters.status)
  );
}

/** My institution's admission seasons: filter, open one, open a new one. */
export function AdmissionsPage() {
  const { t } = useTranslation();
  const query = useSeasons();
  const navigate = useNavigate();
  const [opened, modal] = useDisclosure(false);
  const filters = useUrlFilters(['q', 'year', 'status'] as const);
  const all = query.data?.items;
  const years = [...new Set((all ?? []).map((s) => String(s.year)))].sort().reverse();
  const filtered = all?.filter((s) => matches(s, filters.values));
  const create = (
    <Button leftSection={<IconPlus size={16} />} onClick={modal.open}>
      {t('admissions.list.create')}
    </Button>
  );
  const none = all !== undefined && all.length === 0;
  return (
    <>
      <PageHeader title={t('admissions.list.title')} description={t('admissions.list.description')} actions={create} />
      <DataTable
        label={t('admissions.list.title')}
        {...wholeList({ ...query, data: filtered })}
        rowKey={(s) => s.id}
        filters={
          !none && (
            <FilterBar filters={filters}>
              <FilterSearch name="q" label={t('admissions.list.search')} />
              <FilterSelect name="year" label={t('admissions.fields.year')} data={years} />
              <FilterSelect
                name="status"
                label={t('admissions.fields.status')}
                data={STATUSES.map((s) => ({ value: s, label: t(`admissions.seasonStatus.${s}`) }))}
              />
            </FilterBar>
          )
        }
        empty={
          none ? (
            <EmptyHint title={t('admissions.list.emptyTitle')} description={t('admissions.list.emptyDescription')} action={create} />
          ) : (
            <EmptyHint title={t('admissions.list.noMatchTitle')} description={t('admissions.list.noMatchDescription')} />
          )
        }
        columns={[
          {
            key: 'title',
            header: t('admissions.fields.season'),
            render: (s) => (
              <Anchor component={Link} to={`/admissions/${s.id}`}>
                {localText(s.titleVi, s.titleEn)}
              </Anchor>
            ),
          },
          { key: 'year', header: t('admissions.fields.year'), render: (s) => String(s.year) },
          { key: 'programs', header: t('admissions.fields.programCount'), render: (s) => formatNumber(s.programCount) },
          { key: 'preferences', header: t('admissions.fields.preferenceCount'), render: (s) => formatNumber(s.preferenceCount) },
          { key: 'status', header: t('admissions.fields.status'), render: (s) => <SeasonStatusBadge status={s.status} /> },
        ]}
      />
      <FormModal opened={opened} onClose={modal.close} title={t('admissions.list.createTitle')}>
        <SeasonForm
          onDone={(saved) => {
            modal.close();
            if (saved) void navigate(`/admissions/${saved.id}`);
          }}
        />
      </FormModal>
    </>
  );
}
