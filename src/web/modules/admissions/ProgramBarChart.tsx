import { BarChart } from '@mantine/charts';
import { Group, Paper, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatNumber } from '../../lib/format.ts';
import { score } from './ProgramsPanel.tsx';

/** One bar series: its name (shown in the legend and tooltip, so localized) and its Mantine color. */
export type BarSeries = { name: string; color: string };

/**
 * A chart panel of run results and run comparison: a titled box with one group of bars a program (or a score
 * bin), counts as whole numbers or scores on the 30-point scale, a legend below when there is more than one series;
 * `controls` beside the title; `empty` said instead of the chart when there is nothing to draw.
 */
export function ProgramBarChart({
  title,
  controls,
  empty,
  data,
  dataKey = 'program',
  series,
  values,
  h = 260,
}: {
  title: string;
  controls?: ReactNode;
  empty?: string;
  data: Record<string, string | number | null>[];
  dataKey?: string;
  series: BarSeries[];
  values: 'count' | 'score';
  h?: number;
}) {
  const several = series.length > 1;
  const heading = (
    <Title order={2} size="h5" mb={controls ? undefined : 'sm'}>
      {title}
    </Title>
  );
  return (
    <Paper withBorder p="md">
      {controls ? (
        <Group justify="space-between" align="flex-end" mb="sm">
          {heading}
          {controls}
        </Group>
      ) : (
        heading
      )}
      {data.length === 0 && empty ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <BarChart
          h={h}
          data={data}
          dataKey={dataKey}
          withLegend={several}
          legendProps={several ? { verticalAlign: 'bottom' } : undefined}
          series={series}
          valueFormatter={values === 'count' ? formatNumber : score}
          yAxisProps={values === 'count' ? { allowDecimals: false } : { domain: [0, 30], tickFormatter: (v: number) => formatNumber(v) }}
        />
      )}
    </Paper>
  );
}
