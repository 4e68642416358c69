import { BarChart } from '@mantine/charts';
import { Group, ScrollArea, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber, localName } from '../../lib/format.ts';
import { EmptyHint } from '../../ui/EmptyHint.tsx';
import { QueryFallback } from '../../ui/QueryFallback.tsx';
import { useExamStatistics } from './queries.ts';

const score = (n: number) => formatNumber(n, { maximumFractionDigits: 2 });

/** Per subject: the score distribution (histogram over the scale) and the percentile table, as the server computes them. */
export function ExamStatisticsPanel({ examId }: { examId: string }) {
  const { t } = useTranslation();
  const query = useExamStatistics(examId, true);
  const [subject, setSubject] = useState<string | null>(null);
  if (!query.isSuccess) return <QueryFallback query={query} />;
  const subjects = query.data.subjects;
  const chosen = subjects.find((s) => s.subjectKey === subject) ?? subjects.find((s) => s.count > 0) ?? subjects[0];
  if (!chosen || subjects.every((s) => s.count === 0)) {
    return <EmptyHint title={t('exams.statistics.emptyTitle')} description={t('exams.statistics.emptyDescription')} />;
  }
  const candidates = t('exams.statistics.candidates');
  const data = chosen.histogram.map((b) => ({ bin: `${score(b.from)}–${score(b.to)}`, [candidates]: b.count }));
  return (
    <Stack gap="md">
      <Group align="flex-end" gap="xl">
        <Select
          label={t('exams.statistics.subject')}
          data={subjects.map((s) => ({ value: s.subjectKey, label: localName(s) }))}
          value={chosen.subjectKey}
          onChange={setSubject}
          allowDeselect={false}
          w={260}
        />
        <Text size="sm">{t('exams.statistics.summary', { count: formatNumber(chosen.count), mean: chosen.mean === null ? '—' : score(chosen.mean) })}</Text>
      </Group>
      <Title order={3} size="h5">
        {t('exams.statistics.histogram')}
      </Title>
      <BarChart h={260} data={data} dataKey="bin" series={[{ name: candidates, color: 'indigo.6' }]} valueFormatter={formatNumber} yAxisProps={{ allowDecimals: false }} />
      <Title order={3} size="h5">
        {t('exams.statistics.percentiles')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('exams.statistics.percentilesHint')}
      </Text>
      <ScrollArea.Autosize mah={360}>
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
          {[0, 25, 50, 75].map((start) => (
            <Table key={start} striped withTableBorder fz="sm" aria-label={t('exams.statistics.percentiles')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('exams.statistics.percentile')}</Table.Th>
                  <Table.Th>{t('exams.statistics.score')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {chosen.percentiles.slice(start, start + 25).map((p) => (
                  <Table.Tr key={p.percentile}>
                    <Table.Td>{p.percentile}</Table.Td>
                    <Table.Td>{score(p.score)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          ))}
        </SimpleGrid>
      </ScrollArea.Autosize>
    </Stack>
  );
}
