import { Alert, Anchor, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RequestPasswordReset } from '../../contracts/accounts.ts';
import { api } from '../lib/api.ts';
import { useRecordForm } from '../lib/use-record-form.ts';
import { RecordForm } from '../ui/RecordForm.tsx';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const state = useRecordForm({
    schema: RequestPasswordReset,
    toPayload: (values: { email: string }) => values,
    save: (body) => api.post<unknown>('/auth/password-reset/request', body),
    onSaved: () => setSentTo(state.form.getValues().email),
    initialValues: { email: '' },
  });
  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        {t('auth.forgot.title')}
      </Title>
      {sentTo ? (
        <Alert color="teal" role="status">
          {t('auth.forgot.sent', { email: sentTo })}
        </Alert>
      ) : (
        <RecordForm state={state} submitLabel={t('auth.forgot.submit')} submitFullWidth>
          <Text size="sm" c="dimmed">
            {t('auth.forgot.description')}
          </Text>
          <TextInput label={t('fields.email')} type="email" autoComplete="email" withAsterisk {...state.form.getInputProps('email')} />
        </RecordForm>
      )}
      <Anchor component={Link} to="/login" size="sm" ta="center">
        {t('auth.backToLogin')}
      </Anchor>
    </Stack>
  );
}
