import { Anchor, Badge, Code, Stack, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime, localText } from '../../lib/format.ts';
import { AuditDiff } from '../../modules/admin/AuditDiff.tsx';
import { type AuditRow, useAuditList } from '../../modules/admin/queries.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { EmptyHint } from '../../ui/EmptyHint.tsx';
import { FilterBar, FilterDate, FilterSearch, FilterSelect } from '../../ui/FilterBar.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useUrlFilters } from '../../ui/url-filters.ts';

const ENTITIES = ['institution', 'unit', 'person', 'user', 'invitation', 'api_token', 'consortium', 'agreement', 'agreement_note', 'activity', 'delegation', 'calendar_feed'];
const ACTIONS = [
  'create',
  'update',
  'update_profile',
  'revoke',
  'accept_invitation',
  'change_password',
  'request_password_reset',
  'reset_password',
  'set_members',
  'approve',
  'status',
  'comment',
  'propose',
  'attach',
  'renew',
  'sso_login',
  'create_admin',
  'import',
  'submit',
  'cancel',
  'programme',
  'report',
  'view_guests',
  'erase_guests',
];

/** A label for a stored code, when the locale has one; the code itself otherwise. */
function useCodeLabel() {
  const { t, i18n } = useTranslation();
  return (prefix: string, code: string) => {
    if (!i18n.exists(`${prefix}.${code}`)) return code;
    const label = t(`${prefix}.${code}`);
    return label.charAt(0).toLocaleUpperCase(i18n.language) + label.slice(1);
  };
}

export function AuditPage() {
  const { t } = useTranslation();
  const codeLabel = useCodeLabel();
  const filters = useUrlFilters(['entity', 'action', 'actor', 'from', 'to'] as const);
  const list = useAuditList(filters.values);
  const filtered = Object.values(filters.values).some(Boolean);
  return (
    <>
      <PageHeader title={t('admin.audit.title')} description={t('admin.audit.description')} />
      <DataTable<AuditRow>
        label={t('admin.audit.title')}
        filters={
          <FilterBar filters={filters}>
            <FilterSelect
              name="entity"
              label={t('admin.audit.entity')}
              data={ENTITIES.map((entity) => ({ value: entity, label: codeLabel('entities', entity) }))}
            />
            <FilterSelect
              name="action"
              label={t('admin.audit.action')}
              data={ACTIONS.map((action) => ({ value: action, label: codeLabel('admin.audit.actions', action) }))}
            />
            <FilterSearch name="actor" label={t('admin.audit.actor')} />
            <FilterDate name="from" label={t('fields.from')} />
            <FilterDate name="to" label={t('fields.to')} />
          </FilterBar>
        }
        {...list}
        rowKey={(entry) => entry.id}
        renderDetails={(entry) => (
          <Stack gap="xs">
            <AuditDiff entry={entry} />
            {entry.requestId && (
              <Text size="xs" c="dimmed">
                {t('admin.audit.requestId')}: <Code>{entry.requestId}</Code>
              </Text>
            )}
          </Stack>
        )}
        columns={[
          { key: 'when', header: t('admin.audit.when'), render: (entry) => formatDateTime(entry.createdAt) },
          { key: 'actor', header: t('admin.audit.actor'), render: (entry) => <ActorCell entry={entry} /> },
          {
            key: 'entity',
            header: t('admin.audit.record'),
            render: (entry) => (
              <Stack gap={0}>
                <Text size="xs" c="dimmed">
                  {codeLabel('entities', entry.entity)}
                </Text>
                <RecordLink entry={entry} />
              </Stack>
            ),
          },
          {
            key: 'action',
            header: t('admin.audit.action'),
            render: (entry) => (
              <Badge variant="light" tt="none">
                {codeLabel('admin.audit.actions', entry.action)}
              </Badge>
            ),
          },
        ]}
        empty={
          <EmptyHint
            title={filtered ? t('admin.audit.noMatchTitle') : t('admin.audit.emptyTitle')}
            description={t('admin.audit.emptyHint')}
          />
        }
      />
    </>
  );
}

/** Who acted, by name; the e-mail (or what was recorded) on hover. */
function ActorCell({ entry }: { entry: AuditRow }) {
  const { t } = useTranslation();
  if (entry.actorKind === 'system') return t('actors.system');
  if (entry.actorKind === 'token') return t('actors.token', { name: entry.actorName });
  if (entry.actorName === entry.actorLabel) return entry.actorName;
  return (
    <Tooltip label={entry.actorLabel}>
      <Text span size="sm">
        {entry.actorName}
      </Text>
    </Tooltip>
  );
}

/** The record the entry is about, by its title, linked to its page; or why it cannot be shown. */
function RecordLink({ entry }: { entry: AuditRow }) {
  const { t } = useTranslation();
  if (!entry.record) {
    return (
      <Tooltip label={t('admin.audit.unavailableHint')}>
        <Text size="sm" c="dimmed">
          {t('admin.audit.unavailable')}
        </Text>
      </Tooltip>
    );
  }
  const title = localText(entry.record.titleVi, entry.record.titleEn);
  return entry.record.path ? (
    <Anchor component={Link} to={entry.record.path} size="sm">
      {title}
    </Anchor>
  ) : (
    <Text size="sm">{title}</Text>
  );
}
