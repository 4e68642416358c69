import { Checkbox, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '../../lib/form-errors.ts';
import { QueryFallback } from '../../ui/QueryFallback.tsx';
import { NOTIFICATION_KINDS, type NotificationPreference, usePreferences, useSavePreferences } from './queries.ts';

/** Which agreement notifications I receive, by e-mail and in the app; each change is saved at once. */
export function NotificationPreferences() {
  const { t } = useTranslation();
  const preferences = usePreferences();
  const save = useSavePreferences();
  if (!preferences.isSuccess) return <QueryFallback query={preferences} py="md" size="sm" />;
  const byKind = new Map(preferences.data.map((p) => [p.kind, p]));
  const rows: NotificationPreference[] = NOTIFICATION_KINDS.map((kind) => byKind.get(kind) ?? { kind, email: true, inApp: true });
  const toggle = (kind: string, channel: 'email' | 'inApp', value: boolean) =>
    save.mutate(
      rows.map((row) => (row.kind === kind ? { ...row, [channel]: value } : row)),
      { onSuccess: () => notifySuccess(t('common.saved')), onError: notifyError },
    );
  return (
    <>
      <Text size="sm" c="dimmed" mb="sm">
        {t('notificationsUi.preferences.description')}
      </Text>
      <Table verticalSpacing="xs" aria-label={t('notificationsUi.preferences.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('notificationsUi.preferences.kind')}</Table.Th>
            <Table.Th ta="center">{t('notificationsUi.preferences.inApp')}</Table.Th>
            <Table.Th ta="center">{t('notificationsUi.preferences.email')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.kind}>
              <Table.Td>{t(`notificationsUi.kinds.${row.kind}`)}</Table.Td>
              <Table.Td>
                <Checkbox
                  mx="auto"
                  w="fit-content"
                  checked={row.inApp}
                  disabled={save.isPending}
                  aria-label={`${t(`notificationsUi.kinds.${row.kind}`)} — ${t('notificationsUi.preferences.inApp')}`}
                  onChange={(event) => toggle(row.kind, 'inApp', event.currentTarget.checked)}
                />
              </Table.Td>
              <Table.Td>
                <Checkbox
                  mx="auto"
                  w="fit-content"
                  checked={row.email}
                  disabled={save.isPending}
                  aria-label={`${t(`notificationsUi.kinds.${row.kind}`)} — ${t('notificationsUi.preferences.email')}`}
                  onChange={(event) => toggle(row.kind, 'email', event.currentTarget.checked)}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}
