import { Alert, Anchor, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ResetPassword } from '../../contracts/accounts.ts';
import { api } from '../lib/api.ts';
import { useRecordForm } from '../lib/use-record-form.ts';
import { NewPasswordInput } from '../modules/session/NewPasswordInput.tsx';
import { RecordForm } from '../ui/RecordForm.tsx';

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [done, setDone] = useState(false);
  const state = useRecordForm({
    schema: ResetPassword,
    toPayload: (values: { newPassword: string }) => ({ token, newPassword: values.newPassword }),
    save: (body) => api.post<unknown>('/auth/password-reset', body),
    onSaved: () => setDone(true),
    initialValues: { newPassword: '' },
  });
  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        {t('auth.reset.title')}
      </Title>
      {!token && (
        <Alert color="red" role="alert">
          {t('errors.token_invalid')}
        </Alert>
      )}
      {done ? (
        <Alert color="teal" role="status">
          {t('auth.reset.done')}{' '}
          <Anchor component={Link} to="/login">
            {t('auth.login.submit')}
          </Anchor>
        </Alert>
      ) : (
        token && (
          <RecordForm state={state} submitLabel={t('auth.reset.submit')} submitFullWidth>
            <NewPasswordInput label={t('fields.newPassword')} {...state.form.getInputProps('newPassword')} />
          </RecordForm>
        )
      )}
      <Anchor component={Link} to="/login" size="sm" ta="center">
        {t('auth.backToLogin')}
      </Anchor>
    </Stack>
  );
}
