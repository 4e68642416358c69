import { ActionIcon, Divider, Group, Paper, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Agreement } from '../../../../contracts/agreements.ts';
import { areaKindOptions } from '../options.ts';
import { AreaCommitments } from './AreaCommitments.tsx';
import { AreaContacts } from './AreaContacts.tsx';
import { AreaTargets } from './AreaTargets.tsx';
import { type EditorForm, kindTitles } from './editor-form.ts';
import { type AreaValues, proposedTitles } from './editor-model.ts';
import type { PartyInfoOf } from './party-info.ts';
import { RemoveButton } from './RemoveButton.tsx';

/** One area of cooperation: moved, removed, named and described; its contacts, commitments and targets. */
export function AreaCard({
  form,
  index,
  area,
  count,
  partyInfo,
  knownPeople,
}: {
  form: EditorForm;
  index: number;
  area: AreaValues;
  count: number;
  partyInfo: PartyInfoOf;
  knownPeople: Agreement['people'];
}) {
  const { t } = useTranslation();
  const path = `areas.${index}`;
  const name = area.titleVi || area.titleEn || t(`areaKinds.${area.kind}`);
  return (
    <Paper withBorder p="md" radius="md" component="fieldset" aria-label={t('agreements.editor.areaNamed', { name })} style={{ margin: 0 }}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          {/* The area's key (`training`) is internal: the card is known by its number and its titles. */}
          <Text fw={600}>{t('agreements.editor.areaNumber', { n: index + 1 })}</Text>
          <Group gap={4} wrap="nowrap">
            <ActionIcon
              variant="subtle"
              disabled={index === 0}
              aria-label={t('agreements.editor.moveUp', { name })}
              onClick={() => form.reorderListItem('areas', { from: index, to: index - 1 })}
            >
              <IconArrowUp size={16} />
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              disabled={index === count - 1}
              aria-label={t('agreements.editor.moveDown', { name })}
              onClick={() => form.reorderListItem('areas', { from: index, to: index + 1 })}
            >
              <IconArrowDown size={16} />
            </ActionIcon>
            <RemoveButton label={t('agreements.editor.removeArea', { name })} onClick={() => form.removeListItem('areas', index)} />
          </Group>
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label={t('agreements.editor.areaKind')}
            data={areaKindOptions(t)}
            allowDeselect={false}
            {...form.getInputProps(`${path}.kind`)}
            onChange={(kind) => {
              if (!kind) return;
              // The kind's name in both languages becomes the titles, unless the user wrote their own.
              const titles = proposedTitles(form.getValues().areas[index], kind, kindTitles);
              form.setFieldValue(`${path}.kind`, kind);
              form.setFieldValue(`${path}.titleVi`, titles.titleVi);
              form.setFieldValue(`${path}.titleEn`, titles.titleEn);
            }}
          />
          <TextInput label={t('agreements.editor.areaTitleVi')} withAsterisk {...form.getInputProps(`${path}.titleVi`)} />
          <TextInput label={t('agreements.editor.areaTitleEn')} withAsterisk {...form.getInputProps(`${path}.titleEn`)} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Textarea label={t('fields.descriptionVi')} autosize minRows={2} {...form.getInputProps(`${path}.descriptionVi`)} />
          <Textarea label={t('fields.descriptionEn')} autosize minRows={2} {...form.getInputProps(`${path}.descriptionEn`)} />
        </SimpleGrid>

        <Divider label={t('fields.contacts')} labelPosition="left" />
        <AreaContacts form={form} index={index} area={area} partyInfo={partyInfo} knownPeople={knownPeople} />

        <Divider label={t('fields.commitments')} labelPosition="left" />
        <AreaCommitments form={form} index={index} area={area} partyInfo={partyInfo} />

        <Divider label={t('fields.targets')} labelPosition="left" />
        <AreaTargets form={form} index={index} area={area} />
      </Stack>
    </Paper>
  );
}
