import { Badge, Code, Select, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format.ts';
import { AuditDiff } from '../../modules/admin/AuditDiff.tsx';
import { type AuditRow, useAuditList } from '../../modules/admin/queries.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { DateFilter } from '../../ui/DateFilter.tsx';
import { EmptyHint } from '../../ui/EmptyHint.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { SearchInput } from '../../ui/SearchInput.tsx';
import { useUrlFilters } from '../../ui/url-filters.ts';

const ENTITIES = ['institution', 'unit', 'person', 'user', 'invitation', 'api_token', 'consortium'];

function entityLabel(t: (key: string) => string, exists: (key: string) => boolean, entity: string) {
  return exists(`entities.${entity}`) ? t(`entities.${entity}`) : entity;
}

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const { values, setFilter } = useUrlFilters(['entity', 'action', 'actor', 'from', 'to'] as const);
  const list = useAuditList(values);
  const filtered = Object.values(values).some(Boolean);
  return (
    <>
      <PageHeader title={t('admin.audit.title')} description={t('admin.audit.description')} />
      <DataTable<AuditRow>
        label={t('admin.audit.title')}
        filters={
          <>
            <Select
              label={t('admin.audit.entity')}
              placeholder={t('common.all')}
              data={ENTITIES.map((entity) => ({ value: entity, label: entityLabel(t, (key) => i18n.exists(key), entity) }))}
              value={values.entity || null}
              onChange={(value) => setFilter('entity', value)}
              clearable
              w={170}
            />
            <TextInput
              label={t('admin.audit.action')}
              placeholder="update"
              defaultValue={values.action}
              onBlur={(event) => setFilter('action', event.currentTarget.value.trim())}
              onKeyDown={(event) => event.key === 'Enter' && setFilter('action', event.currentTarget.value.trim())}
              w={140}
            />
            <SearchInput label={t('admin.audit.actor')} value={values.actor} onSearch={(actor) => setFilter('actor', actor)} />
            <DateFilter label={t('fields.from')} value={values.from} onChange={(value) => setFilter('from', value)} />
            <DateFilter label={t('fields.to')} value={values.to} onChange={(value) => setFilter('to', value)} />
          </>
        }
        {...list}
        rowKey={(entry) => entry.id}
        renderDetails={(entry) => (
          <Stack gap="xs">
            <AuditDiff before={entry.before} after={entry.after} />
            {entry.requestId && (
              <Text size="xs" c="dimmed">
                {t('admin.audit.requestId')}: <Code>{entry.requestId}</Code>
              </Text>
            )}
          </Stack>
        )}
        columns={[
          { key: 'when', header: t('admin.audit.when'), render: (entry) => formatDateTime(entry.createdAt) },
          { key: 'actor', header: t('admin.audit.actor'), render: (entry) => entry.actorLabel },
          {
            key: 'entity',
            header: t('admin.audit.entity'),
            render: (entry) => (
              <Stack gap={0}>
                <Text size="sm">{entityLabel(t, (key) => i18n.exists(key), entry.entity)}</Text>
                <Text size="xs" c="dimmed" ff="monospace">
                  {entry.entityId}
                </Text>
              </Stack>
            ),
          },
          { key: 'action', header: t('admin.audit.action'), render: (entry) => <Badge variant="light">{entry.action}</Badge> },
        ]}
        empty={<EmptyHint title={filtered ? t('admin.audit.noMatchTitle') : t('admin.audit.emptyTitle')} description={t('admin.audit.emptyHint')} />}
      />
    </>
  );
}
