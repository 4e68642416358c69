import { Anchor, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { Login } from '../../contracts/accounts.ts';
import { useRecordForm } from '../lib/use-record-form.ts';
import { useLogin, useMe } from '../modules/session/session.ts';
import { RecordForm } from '../ui/RecordForm.tsx';

/** Only same-site paths are followed after sign-in. */
export function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/institutions';
}

export function LoginPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const login = useLogin();
  const next = safeNext(params.get('next'));
  const state = useRecordForm({
    schema: Login,
    toPayload: (values: { email: string; password: string }) => values,
    save: login.mutateAsync,
    onSaved: () => navigate(next, { replace: true }),
    initialValues: { email: '', password: '' },
  });
  const { form } = state;
  if (me.data) return <Navigate to={next} replace />;
  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        {t('auth.login.title')}
      </Title>
      <RecordForm state={state} submitLabel={t('auth.login.submit')} submitFullWidth>
        <TextInput label={t('fields.email')} type="email" autoComplete="username" withAsterisk {...form.getInputProps('email')} />
        <PasswordInput label={t('fields.password')} autoComplete="current-password" withAsterisk {...form.getInputProps('password')} />
      </RecordForm>
      <Anchor component={Link} to="/forgot-password" size="sm" ta="center">
        {t('auth.login.forgot')}
      </Anchor>
    </Stack>
  );
}
