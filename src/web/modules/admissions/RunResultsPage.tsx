import { Alert, Anchor, Badge, Button, Group, Menu, Modal, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconArrowsDiff, IconDownload, IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDateTime, formatNumber, localName, localText } from '../../lib/format.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { EmptyHint } from '../../ui/EmptyHint.tsx';
import { FilterBar, FilterSearch, FilterSelect } from '../../ui/FilterBar.tsx';
import { useKeysetList } from '../../ui/keyset.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryFallback } from '../../ui/QueryFallback.tsx';
import { useUrlFilters } from '../../ui/url-filters.ts';
import { RunKindBadge, RunStatusBadge } from './badges.tsx';
import { trimmedBins } from './histogram.ts';
import { ProgramBarChart } from './ProgramBarChart.tsx';
import { score } from './ProgramsPanel.tsx';
import {
  admissionsKey,
  RUN_FILES,
  type Run,
  type RunCandidate,
  type RunSummary,
  runFileUrl,
  type Season,
  usePublishRun,
  useRun,
  useRunSummary,
  useSeason,
} from './queries.ts';

/** A run's outcome: per program admitted against quota and the cutoff as charts, score distributions, every candidate. */
export function RunResultsPage() {
  const { id = '' } = useParams();
  const run = useRun(id);
  const season = useSeason(run.data?.seasonId ?? '');
  if (!run.isSuccess) return <QueryFallback query={run} />;
  if (!season.isSuccess) return <QueryFallback query={season} />;
  return <RunView run={run.data} season={season.data} />;
}

function RunView({ run, season }: { run: Run; season: Season }) {
  const { t } = useTranslation();
  const summary = useRunSummary(run.id, run.status === 'done');
  const seasonTitle = localText(season.titleVi, season.titleEn);
  const done = run.status === 'done';
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
            {summary.data?.published && (
              <Badge color="teal" variant="filled">
                {t('admissions.results.published')}
              </Badge>
            )}
          </Group>
        }
        description={t('admissions.results.description', {
          season: seasonTitle,
          finished: formatDateTime(run.finishedAt ?? run.queuedAt),
          by: run.startedBy,
        })}
        actions={done && <RunActions run={run} season={season} published={summary.data?.published ?? true} />}
      />
      {!done ? (
        <EmptyHint title={t('admissions.results.notDoneTitle')} description={run.error ?? t('admissions.results.notDoneDescription')} />
      ) : !summary.isSuccess ? (
        <QueryFallback query={summary} />
      ) : (
        <Results run={run} summary={summary.data} />
      )}
    </>
  );
}

/** Compare with another run, download the files in the CLI's formats, publish (a final run, by the season's coordinator). */
function RunActions({ run, season, published }: { run: Run; season: Season; published: boolean }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const publish = usePublishRun(run.id);
  return (
    <>
      <Button variant="default" leftSection={<IconArrowsDiff size={16} />} component={Link} to={`/admissions/runs/${run.id}/compare`}>
        {t('admissions.results.compare')}
      </Button>
      <Menu position="bottom-end">
        <Menu.Target>
          <Button variant="default" leftSection={<IconDownload size={16} />}>
            {t('admissions.results.export')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {RUN_FILES.map((file) => (
            <Menu.Item key={file} component="a" href={runFileUrl(run.id, file)} download>
              {t(`admissions.results.files.${file.replace('.', '_')}`)}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      {run.kind === 'final' && season.permissions.manage && !published && (
        <Button leftSection={<IconSend size={16} />} onClick={() => setConfirming(true)}>
          {t('admissions.results.publish')}
        </Button>
      )}
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('admissions.results.publishTitle')}>
        <Stack>
          <Text size="sm">
            {t(season.publishedRunId ? 'admissions.results.publishReplaces' : 'admissions.results.publishText', {
              matched: formatNumber(run.matched ?? 0),
              candidates: formatNumber(run.candidates ?? 0),
            })}
          </Text>
          {publish.error && (
            <Alert color="red" variant="light">
              {publish.error.message}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
            <Button loading={publish.isPending} onClick={() => publish.mutate(season.version, { onSuccess: () => setConfirming(false) })}>
              {t('admissions.results.publishConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function Results({ run, summary }: { run: Run; summary: RunSummary }) {
  const { t } = useTranslation();
  const quota = summary.programs.reduce((n, p) => n + p.quota, 0);
  const admittedLabel = t('admissions.results.admitted');
  const quotaLabel = t('admissions.results.quota');
  const cutoffLabel = t('admissions.results.cutoff');
  const fill = summary.programs.map((p) => ({ program: p.code, [admittedLabel]: p.admitted, [quotaLabel]: p.quota }));
  const cutoffs = summary.programs.filter((p) => p.cutoff !== null).map((p) => ({ program: p.code, [cutoffLabel]: p.cutoff }));
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Stat label={t('admissions.results.candidates')} value={formatNumber(run.candidates ?? 0)} />
        <Stat label={t('admissions.results.admittedOfQuota')} value={`${formatNumber(run.matched ?? 0)} / ${formatNumber(quota)}`} />
        <Stat label={t('admissions.results.applications')} value={formatNumber(run.applications ?? 0)} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <ProgramBarChart
          title={t('admissions.results.fillChart')}
          data={fill}
          series={[
            { name: admittedLabel, color: 'teal.6' },
            { name: quotaLabel, color: 'gray.4' },
          ]}
          values="count"
        />
        <ProgramBarChart
          title={t('admissions.results.cutoffChart')}
          empty={t('admissions.results.noCutoffs')}
          data={cutoffs}
          series={[{ name: cutoffLabel, color: 'indigo.6' }]}
          values="score"
        />
      </SimpleGrid>
      <Distribution summary={summary} />
      <Table withTableBorder striped aria-label={t('admissions.results.programsTable')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('admissions.fields.program')}</Table.Th>
            <Table.Th>{t('admissions.results.quota')}</Table.Th>
            <Table.Th>{t('admissions.results.applicants')}</Table.Th>
            <Table.Th>{t('admissions.results.admitted')}</Table.Th>
            <Table.Th>{t('admissions.results.cutoff')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {summary.programs.map((p) => (
            <Table.Tr key={p.programId}>
              <Table.Td>{`${p.code} · ${localName(p)}`}</Table.Td>
              <Table.Td>{formatNumber(p.quota)}</Table.Td>
              <Table.Td>{formatNumber(p.applicants)}</Table.Td>
              <Table.Td>{formatNumber(p.admitted)}</Table.Td>
              <Table.Td>{p.cutoff === null ? '—' : score(p.cutoff)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Candidates run={run} summary={summary} />
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

/** One program's scores: its applicants and those admitted, in one-point bins. */
function Distribution({ summary }: { summary: RunSummary }) {
  const { t } = useTranslation();
  const [programId, setProgramId] = useState<string | null>(null);
  const program = summary.programs.find((p) => p.programId === programId) ?? summary.programs[0];
  if (!program) return null;
  const bins = trimmedBins(program.histogram);
  const admitted = t('admissions.results.admitted');
  const applicants = t('admissions.results.applicants');
  return (
    <ProgramBarChart
      title={t('admissions.results.distribution')}
      controls={
        <Select
          aria-label={t('admissions.fields.program')}
          data={summary.programs.map((p) => ({ value: p.programId, label: `${p.code} · ${localName(p)}` }))}
          value={program.programId}
          onChange={setProgramId}
          allowDeselect={false}
          w={300}
        />
      }
      empty={t('admissions.results.noApplicants')}
      h={240}
      data={bins.map((b) => ({ bin: `${b.from}–${b.to}`, [applicants]: b.applicants, [admitted]: b.admitted }))}
      dataKey="bin"
      series={[
        { name: applicants, color: 'gray.5' },
        { name: admitted, color: 'teal.6' },
      ]}
      values="count"
    />
  );
}

/** The candidate as officers know them: an exam candidate by number, an external one by the file's id. */
export const candidateLabel = (c: { candidateNumber: string | null; candidateId: string }) => c.candidateNumber ?? c.candidateId;

/** Every candidate of the run with their outcome, from the server page by page: search, program, outcome. */
function Candidates({ run, summary }: { run: Run; summary: RunSummary }) {
  const { t } = useTranslation();
  const filters = useUrlFilters(['q', 'program', 'outcome'] as const);
  const list = useKeysetList<RunCandidate>([...admissionsKey, 'candidates', run.id], `/admission-runs/${run.id}/results`, filters.values, {
    limit: 50,
  });
  const programName = (c: RunCandidate) => {
    if (c.admittedElsewhere) return t('admissions.results.admittedElsewhere');
    const p = summary.programs.find((x) => x.programId === c.programId);
    return p ? `${p.code} · ${localName(p)}` : (c.programCode ?? t('admissions.results.outcomeNone'));
  };
  return (
    <Stack gap="sm">
      <Title order={2} size="h5">
        {t('admissions.results.candidatesTitle')}
      </Title>
      <DataTable
        label={t('admissions.results.candidatesTable')}
        {...list}
        rowKey={(c) => c.candidateId}
        filters={
          <FilterBar filters={filters}>
            <FilterSearch name="q" label={t('admissions.results.search')} />
            <FilterSelect
              name="program"
              label={t('admissions.results.appliedTo')}
              data={summary.programs.map((p) => ({ value: p.programId, label: `${p.code} · ${localName(p)}` }))}
            />
            <FilterSelect
              name="outcome"
              label={t('admissions.results.outcome')}
              data={[
                { value: 'admitted', label: t('admissions.results.outcomeAdmitted') },
                { value: 'not_admitted', label: t('admissions.results.outcomeNone') },
              ]}
            />
          </FilterBar>
        }
        empty={
          <EmptyHint title={t('admissions.results.noCandidatesTitle')} description={t('admissions.results.noCandidatesDescription')} />
        }
        columns={[
          { key: 'id', header: t('admissions.results.candidate'), render: (c) => candidateLabel(c) },
          {
            key: 'source',
            header: t('admissions.results.source'),
            render: (c) => (
              <Badge variant="outline" color={c.external ? 'gray' : 'indigo'} style={{ minWidth: 'max-content' }}>
                {t(c.external ? 'admissions.results.external' : 'admissions.results.examCandidate')}
              </Badge>
            ),
          },
          {
            key: 'program',
            header: t('admissions.results.admittedTo'),
            render: (c) => (c.programId || c.admittedElsewhere ? programName(c) : t('admissions.results.outcomeNone')),
          },
          { key: 'rank', header: t('admissions.results.rank'), render: (c) => (c.rank === null ? '—' : formatNumber(c.rank)) },
          { key: 'score', header: t('admissions.results.score'), render: (c) => (c.score === null ? '—' : score(c.score)) },
        ]}
      />
    </Stack>
  );
}
