import { Alert, Anchor, Badge, Button, Group, Menu, ActionIcon, Stack, Text, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCheck, IconDots, IconPencil, IconPlus, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TargetProgress } from '../../../contracts/activities.ts';
import type { Agreement } from '../../../contracts/agreements.ts';
import { api, ApiError } from '../../lib/api.ts';
import { notifyError, notifySuccess } from '../../lib/form-errors.ts';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { DetailList } from '../../ui/DetailList.tsx';
import { EmptyHint } from '../../ui/EmptyHint.tsx';
import { FilterBar, FilterSearch, FilterSelect } from '../../ui/FilterBar.tsx';
import { FormModal } from '../../ui/FormModal.tsx';
import type { UrlFilters } from '../../ui/url-filters.ts';
import { localTitle } from '../agreements/options.ts';
import { ActivityForm } from './ActivityForm.tsx';
import { ActivityStatusBadge } from './badges.tsx';
import { EvidenceSection } from './EvidenceSection.tsx';
import { ImportActivitiesDialog } from './ImportActivitiesDialog.tsx';
import { activityKindOptions, activityStatusOptions, activityTitle } from './options.ts';
import { type CommitmentProgress, commitmentRef, targetRef, useCommitmentDirection } from './ProgressPanel.tsx';
import { type Activity, activitiesKey, type AgreementProgress, useActivityList, useReloadActivities, useUpdateActivity } from './queries.ts';

// The activities of an agreement: filters (status, kind, area, year, search) in the URL, "load more", the records
// behind one figure (`target` or `commitment` in the URL, from the progress panel), recording and editing for who may
// (`permissions` of the list and of each activity), "mark done" and "cancel" as quick actions.

export const ACTIVITY_FILTERS = ['status', 'kind', 'areaKey', 'year', 'q', 'target', 'commitment'] as const;
type FilterKey = (typeof ACTIVITY_FILTERS)[number];

/** The figure whose records the URL asks for (`target` or `commitment`), as the progress panel shows it. */
function figureOf(progress: AgreementProgress, values: Partial<Record<FilterKey, string | null>>, directionOf: (c: CommitmentProgress) => string) {
  const target: TargetProgress | undefined = values.target ? progress.targets.find((x) => targetRef(x) === values.target) : undefined;
  if (target) return { param: 'target' as const, filter: { target: values.target! }, name: target.metricName, ...target };
  const commitment = values.commitment ? progress.commitments.find((x) => commitmentRef(x) === values.commitment) : undefined;
  if (commitment) return { param: 'commitment' as const, filter: { commitment: values.commitment! }, name: directionOf(commitment), ...commitment };
  return undefined;
}

const yearsOf = (agreement: Agreement) => {
  const from = Number(agreement.content.startDate.slice(0, 4));
  const now = new Date().getFullYear();
  const to = Math.max(from, Math.min(agreement.content.endDate ? Number(agreement.content.endDate.slice(0, 4)) : now + 1, now + 1));
  return Array.from({ length: to - from + 1 }, (_, i) => String(to - i));
};

export function ActivitiesPanel({
  agreement,
  progress,
  urlFilters,
}: {
  agreement: Agreement;
  progress: AgreementProgress;
  urlFilters: UrlFilters<FilterKey | 'tab'>;
}) {
  const { t } = useTranslation();
  const { values, setFilter } = urlFilters;
  const [recording, recordModal] = useDisclosure(false);
  const [importing, importModal] = useDisclosure(false);
  const [editing, setEditing] = useState<Activity | null>(null);
  const filters = { status: values.status, kind: values.kind, areaKey: values.areaKey, year: values.year, q: values.q };
  const list = useActivityList(agreement.id, filters);
  const directionOf = useCommitmentDirection();
  const figure = figureOf(progress, values, directionOf);
  // The records a target or commitment counts, listed by the server (its area, kinds or organiser, period, done).
  const behind = useActivityList(agreement.id, figure?.filter ?? {}, figure !== undefined);
  const { record, recordAreas } = list.permissions;
  const filtered = [filters.status, filters.kind, filters.areaKey, filters.year, filters.q].some(Boolean);

  const areaOptions = agreement.content.areas.map((area) => ({ value: area.key, label: localTitle(area) }));
  const filterBar = (
    <FilterBar filters={urlFilters}>
      <FilterSearch name="q" label={t('activities.list.search')} placeholder={t('activities.list.searchPlaceholder')} />
      <FilterSelect name="status" label={t('fields.status')} data={activityStatusOptions(t)} />
      <FilterSelect name="kind" label={t('fields.kind')} data={activityKindOptions(t)} searchable />
      <FilterSelect name="areaKey" label={t('fields.areaKey')} data={areaOptions} />
      <FilterSelect name="year" label={t('fields.year')} data={yearsOf(agreement)} />
    </FilterBar>
  );

  const recordButton = record && (
    <Button leftSection={<IconPlus size={16} />} onClick={recordModal.open}>
      {t('activities.list.record')}
    </Button>
  );

  const empty = filtered ? (
    <EmptyHint title={t('activities.list.noMatchTitle')} description={t('activities.list.noMatchHint')} />
  ) : (
    <EmptyHint
      title={t('activities.list.emptyTitle')}
      description={record ? t('activities.list.emptyHintRecorder') : t('activities.list.emptyHint')}
      action={recordButton}
    />
  );

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed">
          {list.query.isSuccess ? t('activities.list.total', { n: formatNumber(list.total) }) : ''}
        </Text>
        <Group gap="sm">
          {record && (
            <Button variant="default" onClick={importModal.open}>
              {t('activities.list.import')}
            </Button>
          )}
          {recordButton}
        </Group>
      </Group>
      {figure ? (
        <>
          <Alert color="indigo" variant="light" title={t('activities.list.behindTitle', { metric: figure.name })}>
            <Stack gap={6}>
              <Text size="sm">
                {t('activities.list.behindHint', {
                  n: formatNumber(behind.total),
                  area: figure.areaTitle,
                  start: formatDate(figure.periodStart),
                  end: formatDate(figure.periodEnd),
                })}
              </Text>
              <Anchor component="button" type="button" size="sm" ta="left" onClick={() => setFilter(figure.param, null)}>
                {t('activities.list.showAll')}
              </Anchor>
            </Stack>
          </Alert>
          <ActivityTable
            {...behind.table}
            empty={<EmptyHint title={t('activities.list.noMatchTitle')} description={t('activities.progress.noRecords')} />}
            onEdit={setEditing}
          />
        </>
      ) : (
        <ActivityTable {...list.table} filters={filterBar} empty={empty} onEdit={setEditing} />
      )}
      <FormModal opened={recording} onClose={recordModal.close} title={t('activities.form.createTitle')}>
        <ActivityForm agreement={agreement} recordAreas={recordAreas} onDone={recordModal.close} />
      </FormModal>
      <FormModal opened={editing !== null} onClose={() => setEditing(null)} title={t('activities.form.editTitle')}>
        {editing && <ActivityForm agreement={agreement} recordAreas={recordAreas} activity={editing} onDone={() => setEditing(null)} />}
      </FormModal>
      <ImportActivitiesDialog agreementId={agreement.id} opened={importing} onClose={importModal.close} />
    </Stack>
  );
}

function ActivityTable({
  onEdit,
  ...props
}: {
  rows: Activity[];
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  empty: React.ReactNode;
  filters?: React.ReactNode;
  hasMore?: boolean;
  loadingMore?: boolean;
  onLoadMore?: () => void;
  onEdit: (activity: Activity) => void;
}) {
  const { t } = useTranslation();
  return (
    <DataTable<Activity>
      label={t('activities.list.title')}
      {...props}
      rowKey={(activity) => activity.id}
      minWidth={820}
      columns={[
        {
          key: 'title',
          header: t('activities.list.columns.title'),
          render: (activity) => (
            <Stack gap={2}>
              <Text fw={500} size="sm">
                {activityTitle(activity)}
              </Text>
              <Text size="xs" c="dimmed">
                {[activity.areaTitle, activity.online ? t('activities.list.online') : null, activity.place || null].filter(Boolean).join(' · ')}
              </Text>
            </Stack>
          ),
        },
        { key: 'dates', header: t('activities.list.columns.dates'), render: (activity) => <Dates activity={activity} /> },
        { key: 'kind', header: t('fields.kind'), render: (activity) => t(`activities.kinds.${activity.kind}`) },
        {
          key: 'organisers',
          header: t('fields.organiserIds'),
          render: (activity) => (
            <Group gap={4}>
              {activity.organisers.map((o) => (
                <Tooltip key={o.institutionId} label={o.name}>
                  <Badge variant="outline" color="gray" miw="max-content">
                    {o.code}
                  </Badge>
                </Tooltip>
              ))}
            </Group>
          ),
        },
        { key: 'people', header: t('activities.list.columns.people'), render: (activity) => formatNumber(activity.peopleCount) },
        { key: 'status', header: t('fields.status'), render: (activity) => <ActivityStatusBadge status={activity.status} /> },
        {
          key: 'actions',
          header: t('common.actions'),
          render: (activity) => (activity.permissions.edit ? <ActivityActions activity={activity} onEdit={() => onEdit(activity)} /> : null),
        },
      ]}
      renderDetails={(activity) => <ActivityDetails activity={activity} />}
    />
  );
}

function Dates({ activity }: { activity: Activity }) {
  return (
    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
      {activity.endDate && activity.endDate !== activity.startDate
        ? `${formatDate(activity.startDate)} – ${formatDate(activity.endDate)}`
        : formatDate(activity.startDate)}
    </Text>
  );
}

/** Edit, and for a planned activity "mark done" and "cancel", each with the version it was read at. */
function ActivityActions({ activity, onEdit }: { activity: Activity; onEdit: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateActivity();
  const reload = useReloadActivities();
  const setStatus = (status: 'done' | 'cancelled') =>
    update.mutate(
      { id: activity.id, body: { status, version: activity.version } },
      {
        onSuccess: () => notifySuccess(status === 'done' ? t('activities.list.markedDone') : t('activities.list.markedCancelled')),
        onError: (error) => {
          notifyError(error);
          if (error instanceof ApiError && error.code === 'version_conflict') reload();
        },
      },
    );
  return (
    <Group gap={4} wrap="nowrap">
      <Tooltip label={t('common.edit')}>
        <ActionIcon variant="subtle" aria-label={t('common.edit')} onClick={onEdit}>
          <IconPencil size={16} />
        </ActionIcon>
      </Tooltip>
      {activity.status === 'planned' && (
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon variant="subtle" aria-label={t('activities.list.moreActions')} loading={update.isPending}>
              <IconDots size={16} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item leftSection={<IconCheck size={14} />} onClick={() => setStatus('done')}>
              {t('activities.list.markDone')}
            </Menu.Item>
            <Menu.Item leftSection={<IconX size={14} />} color="red" onClick={() => setStatus('cancelled')}>
              {t('activities.list.cancelActivity')}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      )}
    </Group>
  );
}

function ActivityDetails({ activity }: { activity: Activity }) {
  const { t } = useTranslation();
  const description = activityTitle({ titleVi: activity.descriptionVi, titleEn: activity.descriptionEn });
  return (
    <DetailList
      items={[
        { label: t('activities.list.otherTitle'), value: activityTitle({ titleVi: activity.titleEn, titleEn: activity.titleVi }) },
        { label: t('activities.list.description'), value: description },
        { label: t('fields.outcomes'), value: activity.outcomes },
        {
          label: t('fields.participants'),
          value:
            activity.participants.length > 0
              ? activity.participants.map((p) => `${p.name} (${p.institutionCode}, ${t(`activities.roles.${p.role}`)})`).join('; ')
              : '',
        },
        {
          label: t('fields.counts'),
          value:
            activity.counts.length > 0
              ? activity.counts.map((c) => `${c.institutionCode} · ${t(`activities.roles.${c.role}`)}: ${formatNumber(c.count)}`).join('; ')
              : '',
        },
        { label: t('activities.list.recordedBy'), value: activity.createdBy },
        { label: t('activities.evidence.title'), value: <EvidenceSection activity={activity} /> },
      ]}
    />
  );
}

/** Who may see activities: the agreement's parties (the API answers 404 to others). */
export const mayShowActivities = (agreement: Agreement) => agreement.view === 'full';
