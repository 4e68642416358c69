import { BarChart } from '@mantine/charts';
import { Anchor, Badge, Group, Pagination, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDateTime, formatNumber, localName, localText } from '../../lib/format.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { EmptyHint } from '../../ui/EmptyHint.tsx';
import { FilterBar, FilterSearch, FilterSelect } from '../../ui/FilterBar.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryFallback } from '../../ui/QueryFallback.tsx';
import { useUrlFilters } from '../../ui/url-filters.ts';
import { RunKindBadge, RunStatusBadge } from './badges.tsx';
import { score } from './ProgramsPanel.tsx';
import { type Program, type Run, type RunResults, usePrograms, useRun, useRunResults, useSeason } from './queries.ts';
import { filterCandidates, scoreHistogram } from './results-model.ts';

const PAGE_SIZE = 50;

/** A run's outcome: per program admitted against quota and the cutoff as charts, the admitted scores' distribution, every candidate. */
export function RunResultsPage() {
  const { id = '' } = useParams();
  const run = useRun(id);
  const results = useRunResults(id, run.data?.status === 'done');
  if (!run.isSuccess) return <QueryFallback query={run} />;
  return <RunView run={run.data} results={results} />;
}

function RunView({ run, results }: { run: Run; results: ReturnType<typeof useRunResults> }) {
  const { t } = useTranslation();
  const season = useSeason(run.seasonId);
  const seasonTitle = season.data ? localText(season.data.titleVi, season.data.titleEn) : '';
  return (
    <>
      <Anchor component={Link} to={`/admissions/${run.seasonId}?tab=runs`} size="sm">
        {t('admissions.results.back', { season: seasonTitle })}
      </Anchor>
      <PageHeader
        title={
          <Group gap="sm">
            {t('admissions.results.title')}
            <RunKindBadge kind={run.kind} />
            <RunStatusBadge status={run.status} />
          </Group>
        }
        description={t('admissions.results.description', {
          season: seasonTitle,
          finished: formatDateTime(run.finishedAt ?? run.queuedAt),
          by: run.startedBy,
        })}
      />
      {run.status !== 'done' ? (
        <EmptyHint title={t('admissions.results.notDoneTitle')} description={run.error ?? t('admissions.results.notDoneDescription')} />
      ) : !results.isSuccess ? (
        <QueryFallback query={results} />
      ) : (
        <Results run={run} results={results.data} />
      )}
    </>
  );
}

function Results({ run, results }: { run: Run; results: RunResults }) {
  const { t } = useTranslation();
  const programs = usePrograms(run.seasonId);
  const byId = new Map<string, Program>((programs.data?.items ?? []).map((p) => [p.id, p]));
  const name = (id: string, code: string) => {
    const p = byId.get(id);
    return p ? `${p.code} · ${localName(p)}` : code;
  };
  const admitted = results.candidates.filter((c) => c.programId !== null).length;
  const quota = results.programs.reduce((n, p) => n + p.quota, 0);
  const admittedLabel = t('admissions.results.admitted');
  const quotaLabel = t('admissions.results.quota');
  const cutoffLabel = t('admissions.results.cutoff');
  const fill = results.programs.map((p) => ({ program: p.code, [admittedLabel]: p.admitted, [quotaLabel]: p.quota }));
  const cutoffs = results.programs.filter((p) => p.cutoff !== null).map((p) => ({ program: p.code, [cutoffLabel]: p.cutoff }));
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Stat label={t('admissions.results.candidates')} value={formatNumber(results.candidates.length)} />
        <Stat label={t('admissions.results.admittedOfQuota')} value={`${formatNumber(admitted)} / ${formatNumber(quota)}`} />
        <Stat label={t('admissions.results.applications')} value={formatNumber(run.applications ?? 0)} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Paper withBorder p="md">
          <Title order={2} size="h5" mb="sm">
            {t('admissions.results.fillChart')}
          </Title>
          <BarChart
            h={260}
            data={fill}
            dataKey="program"
            withLegend
            legendProps={{ verticalAlign: 'bottom' }}
            series={[
              { name: admittedLabel, color: 'teal.6' },
              { name: quotaLabel, color: 'gray.4' },
            ]}
            valueFormatter={formatNumber}
            yAxisProps={{ allowDecimals: false }}
          />
        </Paper>
        <Paper withBorder p="md">
          <Title order={2} size="h5" mb="sm">
            {t('admissions.results.cutoffChart')}
          </Title>
          {cutoffs.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('admissions.results.noCutoffs')}
            </Text>
          ) : (
            <BarChart
              h={260}
              data={cutoffs}
              dataKey="program"
              series={[{ name: cutoffLabel, color: 'indigo.6' }]}
              valueFormatter={score}
              yAxisProps={{ domain: [0, 30] }}
            />
          )}
        </Paper>
      </SimpleGrid>
      <Distribution results={results} name={name} />
      <Table withTableBorder striped aria-label={t('admissions.results.programsTable')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('admissions.fields.program')}</Table.Th>
            <Table.Th>{t('admissions.results.quota')}</Table.Th>
            <Table.Th>{t('admissions.results.admitted')}</Table.Th>
            <Table.Th>{t('admissions.results.cutoff')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {results.programs.map((p) => (
            <Table.Tr key={p.programId}>
              <Table.Td>{name(p.programId, p.code)}</Table.Td>
              <Table.Td>{formatNumber(p.quota)}</Table.Td>
              <Table.Td>{formatNumber(p.admitted)}</Table.Td>
              <Table.Td>{p.cutoff === null ? '—' : score(p.cutoff)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Candidates results={results} name={name} />
    </Stack>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <Paper withBorder p="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {value}
      </Text>
    </Paper>
  );
}

/** The admitted candidates' scores, of all programs or one. */
function Distribution({ results, name }: { results: RunResults; name: (id: string, code: string) => string }) {
  const { t } = useTranslation();
  const [programId, setProgramId] = useState<string | null>(null);
  const bins = scoreHistogram(results.candidates, programId);
  const label = t('admissions.results.admitted');
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" align="flex-end" mb="sm">
        <Title order={2} size="h5">
          {t('admissions.results.distribution')}
        </Title>
        <Select
          aria-label={t('admissions.fields.program')}
          placeholder={t('admissions.results.allPrograms')}
          data={results.programs.map((p) => ({ value: p.programId, label: name(p.programId, p.code) }))}
          value={programId}
          onChange={setProgramId}
          clearable
          w={280}
        />
      </Group>
      {bins.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('admissions.results.noneAdmitted')}
        </Text>
      ) : (
        <BarChart
          h={240}
          data={bins.map((b) => ({ bin: `${b.from}–${b.to}`, [label]: b.count }))}
          dataKey="bin"
          series={[{ name: label, color: 'teal.6' }]}
          valueFormatter={formatNumber}
          yAxisProps={{ allowDecimals: false }}
        />
      )}
    </Paper>
  );
}

/** Every candidate of the run with their outcome: search, filter by outcome or program, pages of 50. */
function Candidates({ results, name }: { results: RunResults; name: (id: string, code: string) => string }) {
  const { t } = useTranslation();
  const filters = useUrlFilters(['q', 'outcome', 'page'] as const);
  // A new search or filter starts again from the first page.
  const filterBar = {
    ...filters,
    setFilters: (changes: Parameters<typeof filters.setFilters>[0]) => filters.setFilters({ ...changes, page: null }),
  };
  filterBar.setFilter = (key, value) => filterBar.setFilters({ [key]: value });
  const rows = filterCandidates(results.candidates, filters.values.q, filters.values.outcome || 'all');
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const page = Math.min(pages, Math.max(1, Number(filters.values.page) || 1));
  const outcomes = [
    { value: 'admitted', label: t('admissions.results.outcomeAdmitted') },
    { value: 'none', label: t('admissions.results.outcomeNone') },
    ...results.programs.map((p) => ({ value: p.programId, label: name(p.programId, p.code) })),
  ];
  return (
    <Stack gap="sm">
      <Title order={2} size="h5">
        {t('admissions.results.candidatesTitle', { formatted: formatNumber(rows.length) })}
      </Title>
      <DataTable
        label={t('admissions.results.candidatesTable')}
        rows={rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)}
        rowKey={(c) => c.candidateId}
        filters={
          <FilterBar filters={filterBar}>
            <FilterSearch name="q" label={t('admissions.results.search')} />
            <FilterSelect name="outcome" label={t('admissions.results.outcome')} data={outcomes} />
          </FilterBar>
        }
        empty={
          <EmptyHint title={t('admissions.results.noCandidatesTitle')} description={t('admissions.results.noCandidatesDescription')} />
        }
        columns={[
          { key: 'id', header: t('admissions.results.candidate'), render: (c) => c.candidateId },
          {
            key: 'source',
            header: t('admissions.results.source'),
            render: (c) => (
              <Badge variant="outline" color={c.external ? 'gray' : 'indigo'}>
                {t(c.external ? 'admissions.results.external' : 'admissions.results.examCandidate')}
              </Badge>
            ),
          },
          {
            key: 'program',
            header: t('admissions.results.admittedTo'),
            render: (c) => (c.programId ? name(c.programId, c.programCode ?? '') : t('admissions.results.outcomeNone')),
          },
          { key: 'rank', header: t('admissions.results.rank'), render: (c) => (c.rank === null ? '—' : formatNumber(c.rank)) },
          { key: 'score', header: t('admissions.results.score'), render: (c) => (c.score === null ? '—' : score(c.score)) },
        ]}
      />
      {pages > 1 && (
        <Group justify="center">
          <Pagination
            total={pages}
            value={page}
            onChange={(n) => filters.setFilter('page', n === 1 ? null : String(n))}
            getControlProps={(control) => ({ 'aria-label': t(`admissions.results.pager.${control}`) })}
          />
        </Group>
      )}
    </Stack>
  );
}
