import { Badge, Group, Paper, Progress, Skeleton, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AgreementStatus } from '../../../contracts/agreements.ts';
import type { QueryValue } from '../../lib/api.ts';
import { formatNumber } from '../../lib/format.ts';
import { STATUS_COLORS, STATUSES } from './options.ts';
import { useStatusCounts } from './queries.ts';

/**
 * How the listed agreements split by status, as one bar and clickable counts: a glance says how many
 * are in force, in talks, or about to end. Clicking a count filters the list by that status.
 */
export function StatusSummary({
  filters,
  selected,
  onSelect,
}: {
  filters: Record<string, QueryValue>;
  selected: string;
  onSelect: (status: AgreementStatus | null) => void;
}) {
  const { t } = useTranslation();
  const summary = useStatusCounts(filters);
  if (summary.isPending) return <Skeleton h={62} radius="md" />;
  if (summary.error || summary.data.total === 0) return null;
  const { counts, total } = summary.data;
  const present = STATUSES.filter((status) => (counts[status] ?? 0) > 0);
  return (
    <Paper withBorder p="sm" radius="md">
      <Stack gap="xs">
        <Group justify="space-between" gap="xs">
          <Text size="sm" fw={600}>
            {t('agreements.summary.total', { n: formatNumber(total) })}
          </Text>
          {selected && (
            <UnstyledButton onClick={() => onSelect(null)}>
              <Text size="xs" c="indigo">
                {t('agreements.summary.showAll')}
              </Text>
            </UnstyledButton>
          )}
        </Group>
        <Progress.Root size={14} aria-hidden>
          {present.map((status) => (
            <Tooltip key={status} label={`${t(`statuses.${status}`)}: ${formatNumber(counts[status] ?? 0)}`}>
              <Progress.Section value={((counts[status] ?? 0) / total) * 100} color={STATUS_COLORS[status]} />
            </Tooltip>
          ))}
        </Progress.Root>
        <Group gap={6} role="group" aria-label={t('agreements.summary.label')}>
          {present.map((status) => (
            <Badge
              key={status}
              component="button"
              type="button"
              color={STATUS_COLORS[status]}
              variant={selected === status ? 'filled' : 'light'}
              tt="none"
              style={{ cursor: 'pointer' }}
              aria-pressed={selected === status}
              onClick={() => onSelect(selected === status ? null : status)}
            >
              {t(`statuses.${status}`)}: {formatNumber(counts[status] ?? 0)}
            </Badge>
          ))}
        </Group>
      </Stack>
    </Paper>
  );
}
