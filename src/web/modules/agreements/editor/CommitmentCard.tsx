import { Badge, Checkbox, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { EditorForm } from './editor-form.ts';
import { RemoveButton } from './RemoveButton.tsx';

/** One commitment: from which party to which (or to all others), its text, and how many (per year). */
export function CommitmentCard({
  form,
  path,
  commitmentKey,
  partyOptions,
  onRemove,
}: {
  form: EditorForm;
  /** The commitment's form path, `areas.0.commitments.1`. */
  path: string;
  commitmentKey: string;
  partyOptions: { value: string; label: string }[];
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" radius="sm" bg="var(--mantine-color-gray-0)">
      <Stack gap="xs">
        <Group justify="space-between">
          <Badge variant="light" color="gray" tt="none">
            {commitmentKey}
          </Badge>
          <RemoveButton label={t('agreements.editor.removeCommitment', { key: commitmentKey })} onClick={onRemove} />
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
            data={[{ value: '', label: t('agreements.allOtherParties') }, ...partyOptions]}
            allowDeselect={false}
            {...form.getInputProps(`${path}.toInstitutionId`)}
          />
          <Textarea label={t('fields.textVi')} withAsterisk autosize minRows={1} {...form.getInputProps(`${path}.textVi`)} />
          <Textarea label={t('fields.textEn')} withAsterisk autosize minRows={1} {...form.getInputProps(`${path}.textEn`)} />
        </SimpleGrid>
        <Group align="flex-end" gap="md">
          <NumberInput label={t('fields.quantity')} min={0} w={160} {...form.getInputProps(`${path}.quantity`)} />
          <Checkbox label={t('fields.perYear')} mb={8} {...form.getInputProps(`${path}.perYear`, { type: 'checkbox' })} />
        </Group>
      </Stack>
    </Paper>
  );
}
