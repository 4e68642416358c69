import { Alert, Button, Group, Table, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { changedKeys } from '../lib/diff.ts';
import { ValueText } from './ValueText.tsx';

// Someone saved the record after this form was opened (409 version_conflict). Shows what they changed
// (their value next to the user's), and lets the user either re-apply their own changes on top of the
// fresh version or take the fresh values.
export function VersionConflictAlert({
  base,
  mine,
  current,
  fields,
  onKeepMine,
  onTakeCurrent,
}: {
  base: Record<string, unknown>;
  mine: Record<string, unknown>;
  current: Record<string, unknown>;
  fields: string[];
  onKeepMine: () => void;
  onTakeCurrent: () => void;
}) {
  const { t } = useTranslation();
  const theirChanges = changedKeys(pick(base, fields), pick(current, fields));
  return (
    <Alert color="orange" icon={<IconAlertTriangle />} title={t('conflict.title')} role="alert">
      <Text size="sm" mb="sm">
        {t('conflict.description')}
      </Text>
      {theirChanges.length > 0 && (
        <Table withTableBorder mb="sm" fz="sm">
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
      )}
      <Group gap="sm">
        <Button size="xs" onClick={onKeepMine}>
          {t('conflict.keepMine')}
        </Button>
        <Button size="xs" variant="default" onClick={onTakeCurrent}>
          {t('conflict.takeCurrent')}
        </Button>
      </Group>
    </Alert>
  );
}

function pick(record: Record<string, unknown>, fields: string[]) {
  return Object.fromEntries(fields.map((field) => [field, record[field] === '' ? null : (record[field] ?? null)]));
}
