import { Anchor, Button, FileButton, Group, Stack, Text } from '@mantine/core';
import { IconPaperclip, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api.ts';
import { notifyError, notifySuccess } from '../../lib/form-errors.ts';
import { formatNumber } from '../../lib/format.ts';
import { fileUrl } from '../agreements/queries.ts';
import { type Activity, useReloadActivities } from './queries.ts';

// The evidence of an activity (photos, minutes, attendance lists): documents of its agreement of kind `evidence`,
// uploaded here with the activity's id by whoever may edit it; every reader of the activity opens them.

const MAX_BYTES = 20 * 1024 * 1024;

export function EvidenceSection({ activity }: { activity: Activity }) {
  const { t } = useTranslation();
  const reload = useReloadActivities();
  const [busy, setBusy] = useState(false);
  const upload = async (file: File | null) => {
    if (!file) return;
    if (file.size > MAX_BYTES) {
      notifyError(t('activities.evidence.tooLarge', { limit: '20 MB' }));
      return;
    }
    setBusy(true);
    try {
      const form = new FormData();
      form.append('kind', 'evidence');
      form.append('activityId', activity.id);
      form.append('title', file.name);
      form.append('file', file, file.name);
      await api.upload(`/agreements/${activity.agreementId}/documents`, form);
      notifySuccess(t('activities.evidence.uploaded'));
      reload();
    } catch (err) {
      notifyError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap={4}>
      <Group justify="space-between" gap="xs">
        <Text size="sm" fw={600}>
          {t('activities.evidence.title')}
        </Text>
        {activity.permissions.edit && (
          <FileButton onChange={upload} accept="application/pdf,image/png,image/jpeg,.docx,.xlsx">
            {(props) => (
              <Button {...props} size="xs" variant="light" leftSection={<IconUpload size={14} />} loading={busy}>
                {t('activities.evidence.add')}
              </Button>
            )}
          </FileButton>
        )}
      </Group>
      {activity.evidence.length === 0 ? (
        <Text size="sm" c="dimmed">
          {activity.permissions.edit ? t('activities.evidence.emptyEditor') : t('activities.evidence.empty')}
        </Text>
      ) : (
        activity.evidence.map((e) => (
          <Group key={e.documentId} gap={6} wrap="nowrap">
            <IconPaperclip size={14} />
            <Anchor href={fileUrl(e.fileId)} target="_blank" rel="noopener" size="sm">
              {e.title}
            </Anchor>
            <Text size="xs" c="dimmed">
              {t('activities.evidence.size', { kb: formatNumber(Math.max(1, Math.round(e.size / 1024))) })}
            </Text>
          </Group>
        ))
      )}
    </Stack>
  );
}
