import { Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type DiffNames, describeEntry, sentence } from './diff-words.ts';
import type { DiffEntry } from './queries.ts';

const CHANGE_COLORS = { added: 'teal', removed: 'red', changed: 'blue' } as const;

/** Changes between two versions side by side (before | after), each described in words. */
export function DiffTable({ entries, names }: { entries: DiffEntry[]; names: DiffNames }) {
  const { t } = useTranslation();
  if (entries.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('agreements.diff.none')}
      </Text>
    );
  }
  const rows = entries.map((entry) => describeEntry(t, names, entry));
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table withTableBorder verticalSpacing="xs" fz="sm" aria-label={t('agreements.diff.label')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('agreements.diff.where')}</Table.Th>
            <Table.Th>{t('agreements.diff.before')}</Table.Th>
            <Table.Th>{t('agreements.diff.after')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: entries have no id; the list is rendered whole
            <Table.Tr key={index} title={sentence(t, row)}>
              <Table.Td>
                <Badge size="xs" variant="light" color={CHANGE_COLORS[row.change]} mr={6} tt="none">
                  {t(`agreements.diff.changeKinds.${row.change}`)}
                </Badge>
                {row.where}
                {row.field && (
                  <Text span c="dimmed">
                    {' '}
                    — {row.field}
                  </Text>
                )}
              </Table.Td>
              <Table.Td style={{ textDecoration: row.change === 'removed' ? 'line-through' : undefined }}>{row.before}</Table.Td>
              <Table.Td>{row.after}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
