import { Alert, Anchor, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RequestPasswordReset } from '../../contracts/accounts.ts';
import { api } from '../lib/api.ts';
import { useRecordForm } from '../lib/use-record-form.ts';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { form, submit } = useRecordForm({
    schema: RequestPasswordReset,
    toPayload: (values: { email: string }) => values,
    save: (body) => api.post<unknown>('/auth/password-reset/request', body),
    onSaved: () => setSentTo(form.getValues().email),
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
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <Text size="sm" c="dimmed">
              {t('auth.forgot.description')}
            </Text>
            <TextInput label={t('fields.email')} type="email" autoComplete="email" withAsterisk {...form.getInputProps('email')} />
            <Button type="submit" loading={form.submitting} fullWidth>
              {t('auth.forgot.submit')}
            </Button>
          </Stack>
        </form>
      )}
      <Anchor component={Link} to="/login" size="sm" ta="center">
        {t('auth.backToLogin')}
      </Anchor>
    </Stack>
  );
}
