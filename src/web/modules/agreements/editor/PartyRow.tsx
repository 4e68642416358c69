import { ActionIcon, Badge, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { EditorForm } from './editor-form.ts';
import type { PartyInfo } from './party-info.ts';
import { PartyUnitSelect } from './PartyUnitSelect.tsx';

/** One party: its code and name, the unit that signs for it, and a way to remove it (not my own). */
export function PartyRow({
  form,
  index,
  institutionId,
  info,
  mine,
}: {
  form: EditorForm;
  index: number;
  institutionId: string;
  info: PartyInfo;
  mine: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" radius="md">
      <Group align="flex-end" gap="sm" wrap="wrap">
        <Stack gap={2} style={{ flex: '1 1 220px', minWidth: 0 }}>
          <Group gap={6}>
            <Badge variant="outline" miw="max-content">
              {info.code}
            </Badge>
            {mine && (
              <Badge size="xs" variant="light">
                {t('agreements.myInstitution')}
              </Badge>
            )}
          </Group>
          <Text size="sm" fw={500}>
            {info.name}
          </Text>
        </Stack>
        <PartyUnitSelect form={form} index={index} institutionId={institutionId} code={info.code} />
        {!mine && (
          <Tooltip label={t('agreements.editor.removeParty', { code: info.code })}>
            <ActionIcon
              variant="subtle"
              color="red"
              size="lg"
              aria-label={t('agreements.editor.removeParty', { code: info.code })}
              onClick={() => form.removeListItem('parties', index)}
            >
              <IconTrash size={18} />
            </ActionIcon>
          </Tooltip>
        )}
      </Group>
    </Paper>
  );
}
