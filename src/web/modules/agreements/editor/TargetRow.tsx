import { Badge, Group, NumberInput, Paper, Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../../ui/DateField.tsx';
import { foldedFilter } from '../options.ts';
import { dateInputProps, type EditorForm } from './editor-form.ts';
import { RemoveButton } from './RemoveButton.tsx';

/** One target on a line: metric, period, value. */
export function TargetRow({
  form,
  path,
  number,
  metricOptions,
  onRemove,
}: {
  form: EditorForm;
  /** The target's form path, `areas.0.targets.1`. */
  path: string;
  /** Its place in the area's list, from 1 (its key, `t1`, is internal and not shown). */
  number: number;
  metricOptions: { value: string; label: string }[];
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" radius="sm" bg="var(--mantine-color-gray-0)">
      <Group align="flex-end" gap="sm" wrap="wrap">
        <Badge variant="light" color="gray" tt="none" mb={8}>
          {number}
        </Badge>
        <Select
          label={t('fields.metric')}
          withAsterisk
          data={metricOptions}
          searchable
          filter={foldedFilter}
          style={{ flex: '2 1 220px' }}
          {...form.getInputProps(`${path}.metric`)}
        />
        <DateField
          label={t('fields.periodStart')}
          withAsterisk
          style={{ flex: '1 1 140px' }}
          {...dateInputProps(form, `${path}.periodStart`)}
        />
        <DateField
          label={t('fields.periodEnd')}
          withAsterisk
          style={{ flex: '1 1 140px' }}
          {...dateInputProps(form, `${path}.periodEnd`)}
        />
        <NumberInput
          label={t('fields.value')}
          withAsterisk
          min={0}
          clampBehavior="none"
          style={{ flex: '1 1 110px' }}
          {...form.getInputProps(`${path}.value`)}
        />
        <RemoveButton label={t('agreements.editor.removeTarget', { key: number })} size="lg" onClick={onRemove} />
      </Group>
    </Paper>
  );
}
