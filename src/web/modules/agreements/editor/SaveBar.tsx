import { Button, Group, Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The bar that stays at the bottom of the screen: what saving does, cancel and save. */
export function SaveBar({ editing, saving, onCancel }: { editing: boolean; saving: boolean; onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" radius="md" pos="sticky" bottom={0} style={{ zIndex: 5 }}>
      <Group justify="space-between" gap="sm">
        <Text size="sm" c="dimmed" style={{ flex: '1 1 240px' }}>
          {editing ? t('agreements.editor.editVoidsApprovals') : t('agreements.editor.createHint')}
        </Text>
        <Group gap="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={saving}>
            {editing ? t('agreements.editor.saveVersion') : t('agreements.editor.createDraft')}
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}
