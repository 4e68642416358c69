import { Button, Group, Select, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agreement } from '../../../../contracts/agreements.ts';
import { areaKindOptions } from '../options.ts';
import { AreaCard } from './AreaCard.tsx';
import { EditorSection } from './EditorSection.tsx';
import { type EditorForm, kindTitles } from './editor-form.ts';
import { newArea } from './editor-model.ts';
import type { PartyInfoOf } from './party-info.ts';

/** The areas of cooperation, one card each, and a new area of a chosen kind. */
export function AreasSection({
  form,
  partyInfo,
  knownPeople,
}: {
  form: EditorForm;
  partyInfo: PartyInfoOf;
  knownPeople: Agreement['people'];
}) {
  const { t } = useTranslation();
  const areas = form.getValues().areas;
  const [kind, setKind] = useState<string | null>('training');
  return (
    <EditorSection title={t('fields.areas')} description={t('agreements.editor.areasHint')}>
      <Stack gap="md">
        {areas.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('agreements.editor.noAreas')}
          </Text>
        )}
        {areas.map((area, index) => (
          <AreaCard
            key={area.key}
            form={form}
            index={index}
            area={area}
            count={areas.length}
            partyInfo={partyInfo}
            knownPeople={knownPeople}
          />
        ))}
        <Group align="flex-end" gap="sm">
          <Select
            label={t('agreements.editor.newAreaKind')}
            data={areaKindOptions(t)}
            value={kind}
            onChange={setKind}
            allowDeselect={false}
            style={{ flex: '1 1 220px' }}
          />
          <Button
            variant="light"
            leftSection={<IconPlus size={16} />}
            onClick={() => form.insertListItem('areas', newArea(kind ?? 'custom', form.getValues().areas, kindTitles))}
          >
            {t('agreements.editor.addArea')}
          </Button>
        </Group>
      </Stack>
    </EditorSection>
  );
}
