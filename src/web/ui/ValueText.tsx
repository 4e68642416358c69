import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Any stored value shown as plain text: lists joined, booleans as yes/no, empty as a dash. */
export function ValueText({ value }: { value: unknown }) {
  const { t } = useTranslation();
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
    return (
      <Text span c="dimmed" fz="inherit">
        —
      </Text>
    );
  }
  if (typeof value === 'boolean') return <>{value ? t('common.yes') : t('common.no')}</>;
  if (Array.isArray(value)) return <>{value.map(String).join(', ')}</>;
  if (typeof value === 'object') return <>{JSON.stringify(value)}</>;
  return <>{String(value)}</>;
}
