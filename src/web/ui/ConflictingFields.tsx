import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { changedKeys } from '../lib/diff.ts';
import { ValueText } from './ValueText.tsx';

/** A record's fields that someone else changed meanwhile: their value next to the user's. */
export function ConflictingFields({
  base,
  mine,
  current,
  fields,
}: {
  base: Record<string, unknown>;
  mine: Record<string, unknown>;
  current: Record<string, unknown>;
  fields: string[];
}) {
  const { t } = useTranslation();
  const theirChanges = changedKeys(pick(base, fields), pick(current, fields));
  if (theirChanges.length === 0) return null;
  return (
    <Table withTableBorder mt="sm" fz="sm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('conflict.field')}</Table.Th>
          <Table.Th>{t('conflict.theirs')}</Table.Th>
          <Table.Th>{t('conflict.mine')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {theirChanges.map((field) => (
          <Table.Tr key={field}>
            <Table.Td>{t(`fields.${field}`)}</Table.Td>
            <Table.Td>
              <ValueText value={current[field]} />
            </Table.Td>
            <Table.Td>
              <ValueText value={mine[field]} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function pick(record: Record<string, unknown>, fields: string[]) {
  return Object.fromEntries(fields.map((field) => [field, record[field] === '' ? null : (record[field] ?? null)]));
}
