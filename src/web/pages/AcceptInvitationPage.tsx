import { Alert, Anchor, Badge, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { z } from 'zod';
import { AcceptInvitation, type InvitationPreview, type Me } from '../../contracts/accounts.ts';
import { api } from '../lib/api.ts';
import { localName } from '../lib/format.ts';
import { useRecordForm } from '../lib/use-record-form.ts';
import { NewPasswordInput } from '../modules/session/NewPasswordInput.tsx';
import { useSetSession } from '../modules/session/session.ts';
import { QueryError } from '../ui/QueryError.tsx';
import { RecordForm } from '../ui/RecordForm.tsx';

export function AcceptInvitationPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const preview = useQuery({
    queryKey: ['invitation-preview', token],
    queryFn: ({ signal }) =>
      api.get<z.infer<typeof InvitationPreview>>(`/auth/invitations/${encodeURIComponent(token)}`, undefined, signal),
    enabled: Boolean(token),
    retry: false,
  });
  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        {t('auth.invitation.title')}
      </Title>
      {!token ? (
        <Alert color="red" role="alert">
          {t('errors.token_invalid')}
        </Alert>
      ) : preview.isPending ? (
        <Center>
          <Loader aria-label={t('common.loading')} />
        </Center>
      ) : preview.error ? (
        <QueryError error={preview.error} />
      ) : (
        <AcceptInvitationForm token={token} preview={preview.data} />
      )}
      <Anchor component={Link} to="/login" size="sm" ta="center">
        {t('auth.backToLogin')}
      </Anchor>
    </Stack>
  );
}

function AcceptInvitationForm({ token, preview }: { token: string; preview: z.infer<typeof InvitationPreview> }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const setSession = useSetSession();
  const state = useRecordForm({
    schema: AcceptInvitation,
    toPayload: (values: { password: string }) => ({ token, password: values.password }),
    save: (body) => api.post<Me>('/auth/invitations/accept', body),
    onSaved: (me) => {
      if (me) setSession(me);
      navigate('/me', { replace: true });
    },
    initialValues: { password: '' },
  });
  return (
    <RecordForm state={state} submitLabel={t('auth.invitation.submit')} submitFullWidth>
      <Text>
        {t('auth.invitation.welcome', {
          name: preview.displayName,
          institution: localName({ nameVi: preview.institutionNameVi, nameEn: preview.institutionNameEn }),
        })}
      </Text>
      <Text size="sm" c="dimmed">
        {preview.email}
      </Text>
      <Group gap={4}>
        {preview.roles.map((role) => (
          <Badge key={role} variant="light">
            {t(`roles.${role}`)}
          </Badge>
        ))}
      </Group>
      <NewPasswordInput label={t('fields.password')} {...state.form.getInputProps('password')} />
    </RecordForm>
  );
}
