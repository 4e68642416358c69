import { Alert, Anchor, Button, Group, Modal, Paper, Progress, Stack, Text } from '@mantine/core';
import { IconPlayerPlay, IconPlayerStop, IconRocket } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { notifyError } from '../../lib/form-errors.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { EmptyHint } from '../../ui/EmptyHint.tsx';
import { wholeList } from '../../ui/keyset.ts';
import { RunKindBadge, RunStatusBadge } from './badges.tsx';
import { isActive, type Run, type Season, useCancelRun, useRuns, useStartRun } from './queries.ts';

/** Start a dry or a final run, follow the one in progress (its progress bar polls the server), cancel it; the history. */
export function RunsPanel({ season }: { season: Season }) {
  const { t } = useTranslation();
  const query = useRuns(season.id);
  const start = useStartRun(season.id);
  const [confirmFinal, setConfirmFinal] = useState(false);
  const runs = query.data?.items ?? [];
  const active = runs.find(isActive);
  const manage = season.permissions.manage && season.status !== 'published';
  const ready = season.programCount > 0 && season.preferenceCount > 0;
  const begin = (kind: Run['kind']) => start.mutate(kind, { onError: notifyError, onSettled: () => setConfirmFinal(false) });
  return (
    <Stack gap="md">
      {manage && (
        <Group>
          <Button
            leftSection={<IconPlayerPlay size={16} />}
            onClick={() => begin('dry')}
            disabled={!ready || active !== undefined}
            loading={start.isPending && start.variables === 'dry'}
          >
            {t('admissions.runs.startDry')}
          </Button>
          <Button
            variant="light"
            leftSection={<IconRocket size={16} />}
            onClick={() => setConfirmFinal(true)}
            disabled={!ready || active !== undefined}
          >
            {t('admissions.runs.startFinal')}
          </Button>
          {!ready && (
            <Text size="sm" c="dimmed">
              {t('admissions.runs.notReady')}
            </Text>
          )}
        </Group>
      )}
      {runs[0] && <LatestRun run={runs[0]} manage={season.permissions.manage} />}
      <DataTable
        label={t('admissions.runs.history')}
        {...wholeList({ ...query, data: runs })}
        rowKey={(r) => r.id}
        minWidth={900}
        empty={<EmptyHint title={t('admissions.runs.emptyTitle')} description={t('admissions.runs.emptyDescription')} />}
        columns={[
          { key: 'queued', header: t('admissions.runs.queuedAt'), render: (r) => formatDateTime(r.queuedAt) },
          { key: 'kind', header: t('admissions.runs.kind'), render: (r) => <RunKindBadge kind={r.kind} /> },
          { key: 'status', header: t('admissions.fields.status'), render: (r) => <RunStatusBadge status={r.status} /> },
          {
            key: 'candidates',
            header: t('admissions.runs.candidates'),
            render: (r) => (r.candidates === null ? '—' : formatNumber(r.candidates)),
          },
          { key: 'matched', header: t('admissions.runs.matched'), render: (r) => (r.matched === null ? '—' : formatNumber(r.matched)) },
          { key: 'finished', header: t('admissions.runs.finishedAt'), render: (r) => formatDateTime(r.finishedAt) || '—' },
          { key: 'by', header: t('admissions.runs.startedBy'), render: (r) => r.startedBy },
          {
            key: 'outcome',
            header: t('admissions.runs.outcome'),
            render: (r) =>
              r.status === 'done' ? (
                <Anchor component={Link} to={`/admissions/runs/${r.id}`}>
                  {t('admissions.runs.viewResults')}
                </Anchor>
              ) : (
                <Text size="sm" c={r.error ? 'red' : 'dimmed'}>
                  {r.error ?? '—'}
                </Text>
              ),
          },
        ]}
      />
      <Modal opened={confirmFinal} onClose={() => setConfirmFinal(false)} title={t('admissions.runs.finalTitle')}>
        <Stack>
          <Text size="sm">{t('admissions.runs.finalText')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmFinal(false)}>
              {t('common.cancel')}
            </Button>
            <Button loading={start.isPending} onClick={() => begin('final')}>
              {t('admissions.runs.finalConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

/**
 * The newest run: its share done as a bar (the list is polled every second while it is queued or running), cancel
 * while it lasts, then how it ended and its results.
 */
function LatestRun({ run, manage }: { run: Run; manage: boolean }) {
  const { t } = useTranslation();
  const cancel = useCancelRun();
  const percent = Math.round(run.progress * 100);
  const active = isActive(run);
  const label =
    run.status === 'queued'
      ? t('admissions.runs.queued')
      : t(`admissions.runs.latest.${run.status}`, {
          percent,
          matched: formatNumber(run.matched ?? 0),
          candidates: formatNumber(run.candidates ?? 0),
        });
  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Group justify="space-between">
          <Group gap="xs">
            <Text size="sm" fw={500}>
              {t('admissions.runs.latestTitle')}
            </Text>
            <RunKindBadge kind={run.kind} />
            <RunStatusBadge status={run.status} />
            <Text size="sm">{label}</Text>
          </Group>
          {run.status === 'done' && (
            <Button size="xs" variant="light" component={Link} to={`/admissions/runs/${run.id}`}>
              {t('admissions.runs.viewResults')}
            </Button>
          )}
          {manage && active && (
            <Button
              size="xs"
              color="red"
              variant="light"
              leftSection={<IconPlayerStop size={14} />}
              disabled={run.cancelRequested}
              loading={cancel.isPending}
              onClick={() => cancel.mutate(run.id, { onError: notifyError })}
            >
              {run.cancelRequested ? t('admissions.runs.cancelling') : t('admissions.runs.cancel')}
            </Button>
          )}
        </Group>
        <Progress
          value={percent}
          animated={active}
          striped={active}
          size="lg"
          color={run.status === 'failed' ? 'red' : run.status === 'cancelled' ? 'orange' : run.status === 'done' ? 'teal' : 'blue'}
          aria-label={label}
        />
        {run.error && (
          <Text size="sm" c="red">
            {run.error}
          </Text>
        )}
        {active && run.cancelRequested && (
          <Alert color="orange" variant="light" p="xs">
            {t('admissions.runs.cancelNote')}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
