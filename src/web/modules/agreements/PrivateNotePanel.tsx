import { Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agreement } from '../../../contracts/agreements.ts';
import { currentRecordOf } from '../../lib/api.ts';
import { notifyError, notifySuccess } from '../../lib/form-errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { VersionConflictAlert } from '../../ui/VersionConflictAlert.tsx';
import { type PrivateNote, usePrivateNote, useSaveNote } from './queries.ts';

/**
 * My institution's own note about the agreement: other parties never see it. Saved with the version it
 * was read at; if a colleague saved meanwhile, both texts are shown and the user chooses.
 */
export function PrivateNotePanel({ agreement }: { agreement: Agreement }) {
  const { t } = useTranslation();
  const note = usePrivateNote(agreement.id, agreement.permissions.readNote);
  const save = useSaveNote(agreement.id);
  const [body, setBody] = useState('');
  const [version, setVersion] = useState(0);
  const [conflict, setConflict] = useState<PrivateNote | null>(null);
  const mayWrite = agreement.permissions.note;

  useEffect(() => {
    if (note.data) {
      setBody(note.data.body);
      setVersion(note.data.version);
    }
  }, [note.data]);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    save.mutate(
      { body, version },
      {
        onSuccess: (saved) => {
          setConflict(null);
          setVersion(saved.version);
          notifySuccess(t('common.saved'));
        },
        onError: (error) => {
          const current = currentRecordOf(error) as PrivateNote | undefined;
          if (current) setConflict(current);
          else notifyError(error);
        },
      },
    );
  };

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="note-title">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Group gap={6}>
            <IconLock size={18} aria-hidden />
            <Title order={2} size="h4" id="note-title">
              {t('agreements.note.title')}
            </Title>
          </Group>
          <Text size="xs" c="dimmed">
            {t('agreements.note.privacy')}
          </Text>
          {conflict && (
            <VersionConflictAlert
              description={t('agreements.note.conflict')}
              onKeepMine={() => {
                setVersion(conflict.version);
                setConflict(null);
              }}
              onTakeCurrent={() => {
                setBody(conflict.body);
                setVersion(conflict.version);
                setConflict(null);
              }}
            >
              <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }} bg="var(--mantine-color-body)" p={6}>
                {conflict.body || '—'}
              </Text>
            </VersionConflictAlert>
          )}
          <Textarea
            aria-labelledby="note-title"
            autosize
            minRows={3}
            maxRows={12}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            readOnly={!mayWrite}
            disabled={note.isPending}
            placeholder={t('agreements.note.placeholder')}
          />
          <Group justify="space-between" gap="xs">
            <Text size="xs" c="dimmed">
              {note.data?.updatedAt ? t('agreements.note.updated', { when: formatDateTime(note.data.updatedAt) }) : ''}
            </Text>
            {mayWrite && (
              <Button type="submit" size="xs" loading={save.isPending} disabled={body === (note.data?.body ?? '') && !conflict}>
                {t('common.save')}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
