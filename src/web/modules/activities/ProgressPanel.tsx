import { Anchor, Card, Group, Progress, SimpleGrid, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { TargetProgress } from '../../../contracts/activities.ts';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { EmptyHint } from '../../ui/EmptyHint.tsx';
import { TargetStatusBadge } from './badges.tsx';
import { percent, TARGET_STATUS_COLORS } from './options.ts';
import type { AgreementProgress } from './queries.ts';

/** The key of a target on the page (URL parameter `target`): its area's key and its own. */
export const targetRef = (target: { areaKey: string; targetKey: string }) => `${target.areaKey}.${target.targetKey}`;
/** The key of a quantified commitment on the page (URL parameter `commitment`). */
export const commitmentRef = (commitment: { areaKey: string; commitmentKey: string }) => `${commitment.areaKey}.${commitment.commitmentKey}`;

/** The records behind a figure, asked for from the progress panel: a target's or a commitment's. */
export type RecordsOf = { target: string } | { commitment: string };

/**
 * An agreement's progress: one bar per target with its metric, how it is computed, actual of target, its period
 * and status, and a link to the records behind the figure. Targets whose metric hoptac does not record yet say so.
 */
export function ProgressPanel({ progress, onShowRecords }: { progress: AgreementProgress; onShowRecords: (records: RecordsOf) => void }) {
  const { t } = useTranslation();
  const { summary, activities } = progress;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="progress-title">
      <Stack gap="md">
        <Group justify="space-between" align="baseline" wrap="wrap">
          <Title order={2} size="h4" id="progress-title">
            {t('activities.progress.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('activities.progress.summary', {
              achieved: formatNumber(summary.achieved),
              onTrack: formatNumber(summary.onTrack),
              total: formatNumber(summary.targets),
              done: formatNumber(activities.done),
              planned: formatNumber(activities.planned),
            })}
            {activities.lastDone ? ` · ${t('activities.progress.lastDone', { date: formatDate(activities.lastDone) })}` : ''}
          </Text>
        </Group>
        {progress.targets.length === 0 ? (
          <EmptyHint title={t('activities.progress.noTargetsTitle')} description={t('activities.progress.noTargetsHint')} />
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
            {progress.targets.map((target) => (
              <TargetCard key={targetRef(target)} target={target} onShowRecords={() => onShowRecords({ target: targetRef(target) })} />
            ))}
          </SimpleGrid>
        )}
        {progress.commitments.length > 0 && (
          <CommitmentsList commitments={progress.commitments} onShowRecords={(c) => onShowRecords({ commitment: commitmentRef(c) })} />
        )}
      </Stack>
    </Card>
  );
}

/** Quantified commitments: what the receiving party got from the committing party's activities. */
export type CommitmentProgress = AgreementProgress['commitments'][number];

/** "HUST → BMH": who gives to whom (every other party when no receiver is named). */
export function useCommitmentDirection() {
  const { t } = useTranslation();
  return (c: CommitmentProgress) => t('activities.progress.commitmentDirection', { from: c.fromCode, to: c.toCode ?? t('agreements.allOtherParties') });
}

function CommitmentsList({ commitments, onShowRecords }: { commitments: CommitmentProgress[]; onShowRecords: (c: CommitmentProgress) => void }) {
  const { t } = useTranslation();
  const directionOf = useCommitmentDirection();
  return (
    <Stack gap="xs" component="section" aria-labelledby="commitments-progress-title">
      <Title order={3} size="h5" id="commitments-progress-title">
        {t('activities.progress.commitmentsTitle')}
      </Title>
      {commitments.map((c) => {
        const value = percent(c.share);
        const direction = directionOf(c);
        return (
          <Card key={`${c.areaKey}/${c.commitmentKey}`} withBorder padding="sm" radius="md" component="article" aria-label={direction}>
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Text fw={600} size="sm">
                {direction}
              </Text>
              <Text size="sm">
                {t(c.perYear ? 'activities.progress.commitmentPerYear' : 'activities.progress.commitmentTotal', {
                  actual: formatNumber(c.actual),
                  quantity: formatNumber(c.quantity),
                })}
              </Text>
            </Group>
            <Text size="xs" c="dimmed" lineClamp={2}>
              {c.areaTitle} · {c.text}
            </Text>
            <Progress value={value} size="md" radius="sm" mt={6} aria-label={t('activities.progress.barLabel', { metric: direction, percent: value })} />
            <Group justify="space-between" gap="xs" wrap="wrap" mt={4}>
              <Text size="xs" c="dimmed">
                {t('activities.progress.period', { start: formatDate(c.periodStart), end: formatDate(c.periodEnd) })} · {t('activities.progress.commitmentRule')}
              </Text>
              {c.actual > 0 ? (
                <Anchor component="button" type="button" size="xs" onClick={() => onShowRecords(c)}>
                  {t('activities.progress.showRecords')}
                </Anchor>
              ) : (
                <Text size="xs" c="dimmed">
                  {t('activities.progress.noRecords')}
                </Text>
              )}
            </Group>
          </Card>
        );
      })}
    </Stack>
  );
}

function TargetCard({ target, onShowRecords }: { target: TargetProgress; onShowRecords: () => void }) {
  const { t } = useTranslation();
  const value = percent(target.share);
  return (
    <Card withBorder padding="sm" radius="md" component="article" aria-label={target.metricName}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
          <Group gap={4} wrap="nowrap" style={{ minWidth: 0 }}>
            <Text fw={600} size="sm">
              {target.metricName}
            </Text>
            <Tooltip label={target.metricDefinition} multiline maw={320} withArrow>
              <IconInfoCircle size={16} aria-label={target.metricDefinition} style={{ flexShrink: 0, color: 'var(--mantine-color-dimmed)' }} />
            </Tooltip>
          </Group>
          {target.measured && <TargetStatusBadge status={target.status} size="sm" />}
        </Group>
        <Text size="xs" c="dimmed" lineClamp={1}>
          {target.areaTitle}
        </Text>
        {target.measured ? (
          <>
            <Progress
              value={value}
              color={TARGET_STATUS_COLORS[target.status]}
              size="lg"
              radius="sm"
              aria-label={t('activities.progress.barLabel', { metric: target.metricName, percent: value })}
            />
            <Group justify="space-between" gap="xs" wrap="wrap">
              <Text size="sm" fw={500}>
                {t('activities.progress.actualOfTarget', { actual: formatNumber(target.actual), target: formatNumber(target.target) })}
              </Text>
              <Text size="xs" c="dimmed">
                {t('activities.progress.elapsed', { percent: percent(target.elapsed) })}
              </Text>
            </Group>
          </>
        ) : (
          <Text size="sm" c="dimmed" fs="italic">
            {t('activities.progress.notMeasured')}
          </Text>
        )}
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Text size="xs" c="dimmed">
            {t('activities.progress.period', { start: formatDate(target.periodStart), end: formatDate(target.periodEnd) })}
          </Text>
          {target.measured &&
            (target.actual > 0 ? (
              <Anchor component="button" type="button" size="xs" onClick={onShowRecords}>
                {t('activities.progress.showRecords')}
              </Anchor>
            ) : (
              <Text size="xs" c="dimmed">
                {t('activities.progress.noRecords')}
              </Text>
            ))}
        </Group>
      </Stack>
    </Card>
  );
}
