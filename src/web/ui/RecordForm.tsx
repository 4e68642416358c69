import { Alert, Button, Group, Stack } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordFormState } from '../lib/use-record-form.ts';
import { ConflictingFields } from './ConflictingFields.tsx';
import { VersionConflictAlert } from './VersionConflictAlert.tsx';

/** The frame of every create/edit form: inputs, the version-conflict notice, save and cancel. */
export function RecordForm({
  state,
  children,
  onCancel,
  submitLabel,
  submitFullWidth = false,
}: {
  state: RecordFormState;
  children: ReactNode;
  onCancel?: () => void;
  submitLabel?: string;
  submitFullWidth?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <form onSubmit={state.submit} noValidate>
      <Stack gap="sm">
        {state.error && (
          <Alert color="red" role="alert">
            {state.error}
          </Alert>
        )}
        {state.conflict && (
          <VersionConflictAlert
            icon={<IconAlertTriangle />}
            description={t('conflict.description')}
            onKeepMine={state.conflict.onKeepMine}
            onTakeCurrent={state.conflict.onTakeCurrent}
          >
            <ConflictingFields
              base={state.conflict.base}
              mine={state.conflict.mine}
              current={state.conflict.current}
              fields={state.conflict.fields}
            />
          </VersionConflictAlert>
        )}
        {children}
        <Group justify="flex-end" gap="sm" mt="sm">
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          )}
          <Button type="submit" loading={state.form.submitting} fullWidth={submitFullWidth}>
            {submitLabel ?? t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
