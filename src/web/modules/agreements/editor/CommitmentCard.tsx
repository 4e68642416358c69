import { Badge, Checkbox, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { commitmentRecipient } from '../area-display.ts';
import type { EditorForm } from './editor-form.ts';
import { RemoveButton } from './RemoveButton.tsx';

/** One commitment: from which party to which (or to all others), its text, and how many (per year). */
export function CommitmentCard({
  form,
  path,
  number,
  partyOptions,
  partyIds,
  onRemove,
}: {
  form: EditorForm;
  /** The commitment's form path, `areas.0.commitments.1`. */
  path: string;
  /** Its place in the area's list, from 1 (its key, `c1`, is internal and not shown). */
  number: number;
  partyOptions: { value: string; label: string }[];
  /** The agreement's parties, in order. */
  partyIds: string[];
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  // Between two parties, "all other parties" is the other one: it is named, and not offered twice.
  const from = form.getInputProps(`${path}.fromInstitutionId`).value as string | null;
  const chosen = form.getInputProps(`${path}.toInstitutionId`).value as string;
  const other = commitmentRecipient({ fromInstitutionId: from ?? '', toInstitutionId: null }, partyIds);
  const toOptions = [
    { value: '', label: other ? (partyOptions.find((o) => o.value === other)?.label ?? '') : t('agreements.allOtherParties') },
    ...partyOptions.filter((o) => o.value !== other || o.value === chosen),
  ];
  return (
    <Paper withBorder p="sm" radius="sm" bg="var(--mantine-color-gray-0)">
      <Stack gap="xs">
        <Group justify="space-between">
          <Badge variant="light" color="gray" tt="none">
            {number}
          </Badge>
          <RemoveButton label={t('agreements.editor.removeCommitment', { key: number })} onClick={onRemove} />
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('fields.fromInstitutionId')}
            withAsterisk
            data={partyOptions}
            allowDeselect={false}
            {...form.getInputProps(`${path}.fromInstitutionId`)}
          />
          <Select
            label={t('fields.toInstitutionId')}
            data={toOptions}
            allowDeselect={false}
            {...form.getInputProps(`${path}.toInstitutionId`)}
          />
          <Textarea label={t('fields.textVi')} withAsterisk autosize minRows={1} {...form.getInputProps(`${path}.textVi`)} />
          <Textarea label={t('fields.textEn')} withAsterisk autosize minRows={1} {...form.getInputProps(`${path}.textEn`)} />
        </SimpleGrid>
        <Group align="flex-end" gap="md">
          {/* clampBehavior none: a number out of bounds stays as typed and the form's check says why. */}
          <NumberInput label={t('fields.quantity')} min={0} clampBehavior="none" w={160} {...form.getInputProps(`${path}.quantity`)} />
          <Checkbox label={t('fields.perYear')} mb={8} {...form.getInputProps(`${path}.perYear`, { type: 'checkbox' })} />
        </Group>
      </Stack>
    </Paper>
  );
}
