import { Badge, Code, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { OutboxMail } from '../../../contracts/accounts.ts';
import { formatDateTime } from '../../lib/format.ts';
import { type OutboxRow, useOutboxList } from '../../modules/admin/queries.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { EmptyHint } from '../../ui/EmptyHint.tsx';
import { FilterBar, FilterSelect } from '../../ui/FilterBar.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useUrlFilters } from '../../ui/url-filters.ts';

const STATUS_COLORS = { queued: 'blue', sent: 'teal', failed: 'red', outbox_only: 'yellow' } as const;

/** The recipient by name, the address beneath (the address alone when the server knows no name). */
function Recipient({ mail }: { mail: OutboxRow }) {
  if (!mail.recipientName) return <Text size="sm">{mail.toAddress}</Text>;
  return (
    <Stack gap={0}>
      <Text size="sm" fw={500}>
        {mail.recipientName}
      </Text>
      <Text size="xs" c="dimmed">
        {mail.toAddress}
      </Text>
    </Stack>
  );
}

export function OutboxPage() {
  const { t } = useTranslation();
  const filters = useUrlFilters(['status'] as const);
  const list = useOutboxList(filters.values);
  return (
    <>
      <PageHeader title={t('admin.outbox.title')} description={t('admin.outbox.description')} />
      <DataTable<OutboxRow>
        label={t('admin.outbox.title')}
        filters={
          <FilterBar filters={filters}>
            <FilterSelect
              name="status"
              label={t('fields.status')}
              data={OutboxMail.shape.status.options.map((status) => ({ value: status, label: t(`admin.outbox.status.${status}`) }))}
            />
          </FilterBar>
        }
        {...list}
        rowKey={(mail) => mail.id}
        renderDetails={(mail) => (
          <Stack gap="xs">
            <Text fw={600}>{mail.subject}</Text>
            <Code block style={{ whiteSpace: 'pre-wrap' }}>
              {mail.textBody}
            </Code>
            {mail.error && (
              <Text size="sm" c="red">
                {mail.error}
              </Text>
            )}
          </Stack>
        )}
        columns={[
          { key: 'created', header: t('admin.outbox.columns.created'), render: (mail) => formatDateTime(mail.createdAt) },
          { key: 'to', header: t('admin.outbox.columns.to'), render: (mail) => <Recipient mail={mail} /> },
          { key: 'subject', header: t('admin.outbox.columns.subject'), render: (mail) => mail.subject },
          {
            key: 'status',
            header: t('fields.status'),
            render: (mail) => (
              <Badge variant="light" tt="none" color={STATUS_COLORS[mail.status]}>
                {t(`admin.outbox.status.${mail.status}`)}
              </Badge>
            ),
          },
        ]}
        empty={<EmptyHint title={t('admin.outbox.emptyTitle')} description={t('admin.outbox.emptyHint')} />}
      />
    </>
  );
}
