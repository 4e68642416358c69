import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatNumber, localText } from '../../lib/format.ts';
import { notifySuccess } from '../../lib/form-errors.ts';
import { type Season, useDeleteSeason } from './queries.ts';

/**
 * Deletes the season after a confirmation naming it, then shows the list of seasons. The server refuses (409, its
 * message shown in the dialog) while a run is in progress and once the season is published.
 */
export function DeleteSeasonButton({ season }: { season: Season }) {
  const { t } = useTranslation();
  const [opened, dialog] = useDisclosure(false);
  const remove = useDeleteSeason(season.id);
  const navigate = useNavigate();
  const title = localText(season.titleVi, season.titleEn);
  const close = () => {
    dialog.close();
    remove.reset();
  };
  const confirm = () =>
    remove.mutate(undefined, {
      onSuccess: () => {
        notifySuccess(t('admissions.season.deleted', { season: title }));
        void navigate('/admissions');
      },
    });
  return (
    <>
      <Button variant="default" color="red" leftSection={<IconTrash size={16} />} onClick={dialog.open}>
        {t('admissions.season.delete')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('admissions.season.deleteTitle')}>
        <Stack>
          <Text size="sm">
            {t('admissions.season.deleteText', {
              season: title,
              programs: formatNumber(season.programCount),
              preferences: formatNumber(season.preferenceCount),
            })}
          </Text>
          {remove.error && (
            <Alert color="red" variant="light" role="alert">
              {remove.error.message}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={remove.isPending} onClick={confirm}>
              {t('admissions.season.deleteConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
