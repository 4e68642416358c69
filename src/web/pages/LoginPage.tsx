import { Alert, Anchor, Button, Divider, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { Login } from '../../contracts/accounts.ts';
import { api, apiPath } from '../lib/api.ts';
import { useRecordForm } from '../lib/use-record-form.ts';
import { useLogin, useMe } from '../modules/session/session.ts';
import { RecordForm } from '../ui/RecordForm.tsx';

/** Only same-site paths are followed after sign-in; without one, the home page (what needs me). */
export function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/** Single sign-on: configured by the server (OIDC_*); the button is a plain link, the IdP needs a full page. */
function useSso() {
  return useQuery({ queryKey: ['sso'], queryFn: () => api.get<{ enabled: boolean; name: string | null }>('/auth/oidc'), staleTime: Infinity });
}

export function LoginPage() {
  const { t, i18n } = useTranslation();
  const sso = useSso();
  const me = useMe();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const login = useLogin();
  const next = safeNext(params.get('next'));
  const ssoError = params.get('sso_error');
  const ssoName = sso.data?.name ?? 'SSO';
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
      {ssoError && (
        <Alert color="red" role="alert" title={t('auth.sso.errorTitle', { name: ssoName })}>
          {i18n.exists(`auth.sso.errors.${ssoError}`) ? t(`auth.sso.errors.${ssoError}`) : t('auth.sso.errors.unknown')}
        </Alert>
      )}
      {sso.data?.enabled && (
        <>
          <Button component="a" href={apiPath('/auth/oidc/start', { returnTo: next })} leftSection={<IconKey size={18} />} variant="default" fullWidth>
            {t('auth.sso.button', { name: ssoName })}
          </Button>
          <Divider label={t('auth.sso.or')} labelPosition="center" />
        </>
      )}
      <RecordForm state={state} submitLabel={t('auth.login.submit')} submitFullWidth>
        <TextInput label={t('fields.email')} type="email" autoComplete="username" withAsterisk {...form.getInputProps('email')} />
        <PasswordInput label={t('fields.password')} autoComplete="current-password" withAsterisk {...form.getInputProps('password')} />
      </RecordForm>
      <Anchor component={Link} to="/forgot-password" size="sm" ta="center">
        {t('auth.login.forgot')}
      </Anchor>
      <Anchor component={Link} to="/results" size="sm" ta="center">
        {t('auth.login.examResults')}
      </Anchor>
    </Stack>
  );
}
