import { Anchor, Box, Group, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { formatDateTime, formatNumber, localName, localText } from '../../lib/format.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { EmptyHint } from '../../ui/EmptyHint.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryFallback } from '../../ui/QueryFallback.tsx';
import { ProgramBarChart } from './ProgramBarChart.tsx';
import { score } from './ProgramsPanel.tsx';
import { type CandidateMove, type Run, type RunComparison, useRun, useRunComparison, useRuns, useSeason } from './queries.ts';
import { candidateLabel } from './RunResultsPage.tsx';

/** Two done runs of a season side by side: how each program's cutoff and admitted count changed, and who moved. */
export function ComparePage() {
  const { id = '' } = useParams();
  const run = useRun(id);
  if (!run.isSuccess) return <QueryFallback query={run} />;
  return <CompareView a={run.data} />;
}

function CompareView({ a }: { a: Run }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const season = useSeason(a.seasonId);
  const runs = useRuns(a.seasonId);
  const b = params.get('with');
  const program = params.get('program');
  const comparison = useRunComparison(a.id, b, program);
  const runLabel = (r: Run) => `${t(`admissions.runKind.${r.kind}`)} · ${formatDateTime(r.finishedAt ?? r.queuedAt)}`;
  const others = (runs.data?.items ?? []).filter((r) => r.status === 'done' && r.id !== a.id);
  const first = comparison.data?.pages[0];
  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
  };
  return (
    <>
      <Anchor component={Link} to={`/admissions/runs/${a.id}`} size="sm">
        {t('admissions.compare.back')}
      </Anchor>
      <PageHeader
        title={t('admissions.compare.title')}
        description={
          season.data
            ? t('admissions.compare.description', { season: localText(season.data.titleVi, season.data.titleEn), run: runLabel(a) })
            : undefined
        }
      />
      <Group align="flex-end" mb="md">
        <Select
          label={t('admissions.compare.with')}
          placeholder={t('admissions.compare.choose')}
          data={others.map((r) => ({ value: r.id, label: runLabel(r) }))}
          value={b}
          onChange={(value) => set({ with: value, program: null })}
          w={360}
        />
      </Group>
      {b === null ? (
        <EmptyHint
          title={t('admissions.compare.chooseTitle')}
          description={others.length === 0 ? t('admissions.compare.noOther') : t('admissions.compare.chooseDescription')}
        />
      ) : !first ? (
        <QueryFallback query={comparison} />
      ) : (
        <Stack gap="lg">
          <Deltas comparison={first} />
          <Moves
            comparison={first}
            moves={comparison.data?.pages.flatMap((p) => p.moves.items) ?? []}
            program={program}
            onProgram={(value) => set({ program: value })}
            list={{
              hasMore: comparison.hasNextPage,
              loadingMore: comparison.isFetchingNextPage,
              onLoadMore: () => void comparison.fetchNextPage(),
              error: comparison.error,
              onRetry: () => void comparison.refetch(),
            }}
          />
        </Stack>
      )}
    </>
  );
}

const signed = (n: number, format: (n: number) => string) => (n > 0 ? `+${format(n)}` : n < 0 ? `−${format(-n)}` : '0');

/** Cutoffs of A and B per program as a chart; admitted counts and the changes in a table. */
function Deltas({ comparison }: { comparison: RunComparison }) {
  const { t } = useTranslation();
  const aLabel = t('admissions.compare.cutoffA');
  const bLabel = t('admissions.compare.cutoffB');
  const data = comparison.programs.map((p) => ({ program: p.code, [aLabel]: p.a.cutoff, [bLabel]: p.b.cutoff }));
  const figure = (n: number | null, format: (n: number) => string) => (n === null ? '—' : format(n));
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
      <ProgramBarChart
        title={t('admissions.compare.cutoffChart')}
        data={data}
        series={[
          { name: aLabel, color: 'gray.5' },
          { name: bLabel, color: 'indigo.6' },
        ]}
        values="score"
      />
      {/* In its own box, so that the table keeps its rows' height beside the taller chart. */}
      <Box>
        <Table withTableBorder striped aria-label={t('admissions.compare.programsTable')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('admissions.fields.program')}</Table.Th>
              <Table.Th>{t('admissions.compare.cutoffChange')}</Table.Th>
              <Table.Th>{t('admissions.compare.admittedChange')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {comparison.programs.map((p) => (
              <Table.Tr key={p.programId}>
                <Table.Td>{`${p.code} · ${localName(p)}`}</Table.Td>
                <Table.Td>
                  {`${figure(p.a.cutoff, score)} → ${figure(p.b.cutoff, score)}`}
                  {p.delta.cutoff !== null && (
                    <Text span size="sm" c={p.delta.cutoff === 0 ? 'dimmed' : p.delta.cutoff > 0 ? 'red' : 'teal'}>
                      {` (${signed(p.delta.cutoff, score)})`}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {`${figure(p.a.admitted, formatNumber)} → ${figure(p.b.admitted, formatNumber)}`}
                  {p.delta.admitted !== null && p.delta.admitted !== 0 && ` (${signed(p.delta.admitted, formatNumber)})`}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Box>
    </SimpleGrid>
  );
}

function Moves({
  comparison,
  moves,
  program,
  onProgram,
  list,
}: {
  comparison: RunComparison;
  moves: CandidateMove[];
  program: string | null;
  onProgram: (value: string | null) => void;
  list: { hasMore: boolean; loadingMore: boolean; onLoadMore: () => void; error: unknown; onRetry: () => void };
}) {
  const { t } = useTranslation();
  const place = (p: CandidateMove['from']) =>
    p
      ? t('admissions.compare.placement', { program: p.programCode, rank: p.rank, score: score(p.score) })
      : t('admissions.results.outcomeNone');
  return (
    <Stack gap="sm">
      <Title order={2} size="h5">
        {t('admissions.compare.moved', { formatted: formatNumber(comparison.moved) })}
      </Title>
      <DataTable
        label={t('admissions.compare.movesTable')}
        rows={moves}
        {...list}
        rowKey={(m) => m.candidateId}
        filters={
          <Select
            label={t('admissions.compare.program')}
            placeholder={t('common.all')}
            data={comparison.programs.map((p) => ({ value: p.programId, label: `${p.code} · ${localName(p)}` }))}
            value={program}
            onChange={onProgram}
            clearable
            w={300}
          />
        }
        empty={<EmptyHint title={t('admissions.compare.noMovesTitle')} description={t('admissions.compare.noMovesDescription')} />}
        columns={[
          { key: 'candidate', header: t('admissions.results.candidate'), render: (m) => candidateLabel(m) },
          { key: 'from', header: t('admissions.compare.from'), render: (m) => place(m.from) },
          { key: 'to', header: t('admissions.compare.to'), render: (m) => place(m.to) },
        ]}
      />
    </Stack>
  );
}
