import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { changedKeys } from '../../lib/diff.ts';
import { ValueText } from '../../ui/ValueText.tsx';

const IGNORED = new Set(['updatedAt', 'updated_at', 'version']);

/** An audit entry's before/after as the keys that changed, old value next to new. */
export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const { t, i18n } = useTranslation();
  const keys = changedKeys(before, after).filter((key) => !IGNORED.has(key));
  if (keys.length === 0) return <Text c="dimmed">{t('admin.audit.noChanges')}</Text>;
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  return (
    <Table withTableBorder fz="sm" aria-label={t('admin.audit.changes')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('admin.audit.field')}</Table.Th>
          <Table.Th>{t('admin.audit.before')}</Table.Th>
          <Table.Th>{t('admin.audit.after')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {keys.map((key) => (
          <Table.Tr key={key}>
            <Table.Td>{i18n.exists(`fields.${key}`) ? t(`fields.${key}`) : key}</Table.Td>
            <Table.Td c="red.8">
              <ValueText value={b[key]} />
            </Table.Td>
            <Table.Td c="teal.8">
              <ValueText value={a[key]} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
