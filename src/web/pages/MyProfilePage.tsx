import { Badge, Card, Group, PasswordInput, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ChangePassword, type Me, UpdateMe } from '../../contracts/accounts.ts';
import { LANGUAGES } from '../../locales/index.ts';
import { api } from '../lib/api.ts';
import { notifySuccess } from '../lib/form-errors.ts';
import { localName } from '../lib/format.ts';
import { useRecordForm } from '../lib/use-record-form.ts';
import { PersonForm } from '../modules/directory/PersonForm.tsx';
import { NotificationPreferences } from '../modules/notifications/NotificationPreferences.tsx';
import { CalendarFeedSection } from '../modules/calendar/CalendarFeedSection.tsx';
import { usePerson } from '../modules/directory/queries.ts';
import { NewPasswordInput } from '../modules/session/NewPasswordInput.tsx';
import { useSignedInMe, useUpdateMe } from '../modules/session/session.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { QueryFallback } from '../ui/QueryFallback.tsx';
import { RecordForm } from '../ui/RecordForm.tsx';

export function MyProfilePage() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  return (
    <>
      <PageHeader title={t('profile.title')} description={t('profile.description')} />
      <Stack gap="lg">
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <Section title={t('profile.account')}>
            <AccountForm me={me} />
          </Section>
          <Section title={t('profile.changePassword')}>
            <ChangePasswordForm />
          </Section>
        </SimpleGrid>
        <Section title={t('notificationsUi.preferences.title')}>
          <NotificationPreferences />
        </Section>
        <Section title={t('calendar.feed.title')} id="calendar-feed">
          <CalendarFeedSection />
        </Section>
        <Section title={t('profile.personRecord')}>
          {me.user.personId ? <MyPersonRecord personId={me.user.personId} /> : <Text c="dimmed">{t('profile.noPersonRecord')}</Text>}
        </Section>
      </Stack>
    </>
  );
}

function Section({ title, children, id }: { title: string; children: React.ReactNode; id?: string }) {
  return (
    <Card withBorder padding="lg" id={id}>
      <Title order={2} size="h4" mb="md">
        {title}
      </Title>
      {children}
    </Card>
  );
}

type AccountValues = { displayName: string; language: string };

function AccountForm({ me }: { me: Me }) {
  const { t } = useTranslation();
  const updateMe = useUpdateMe();
  const state = useRecordForm({
    schema: UpdateMe,
    toPayload: (values: AccountValues) => values,
    save: updateMe.mutateAsync,
    onSaved: () => notifySuccess(t('common.saved')),
    record: me.user,
    fromRecord: (user: Me['user']): AccountValues => ({ displayName: user.displayName, language: user.language }),
  });
  return (
    <RecordForm key={me.user.version} state={state}>
      <TextInput label={t('fields.email')} value={me.user.email} readOnly variant="filled" />
      <TextInput label={t('fields.displayName')} withAsterisk {...state.form.getInputProps('displayName')} />
      <Select
        label={t('fields.language')}
        data={LANGUAGES.map((code) => ({ value: code, label: t(`language.name.${code}`) }))}
        allowDeselect={false}
        {...state.form.getInputProps('language')}
      />
      <Group gap={6}>
        <Text size="sm" c="dimmed">
          {localName(me.institution)}
        </Text>
        {me.roles.map((role) => (
          <Badge key={role} variant="light" size="sm">
            {t(`roles.${role}`)}
          </Badge>
        ))}
      </Group>
    </RecordForm>
  );
}

function ChangePasswordForm() {
  const { t } = useTranslation();
  const state = useRecordForm({
    schema: ChangePassword,
    toPayload: (values: { currentPassword: string; newPassword: string }) => values,
    save: (body) => api.post<unknown>('/me/password', body),
    onSaved: () => {
      state.form.reset();
      notifySuccess(t('profile.passwordChanged'));
    },
    initialValues: { currentPassword: '', newPassword: '' },
  });
  return (
    <RecordForm state={state} submitLabel={t('profile.changePassword')}>
      <PasswordInput
        label={t('fields.currentPassword')}
        autoComplete="current-password"
        withAsterisk
        {...state.form.getInputProps('currentPassword')}
      />
      <NewPasswordInput label={t('fields.newPassword')} {...state.form.getInputProps('newPassword')} />
    </RecordForm>
  );
}

function MyPersonRecord({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const person = usePerson(personId);
  if (!person.isSuccess) return <QueryFallback query={person} py="md" />;
  return (
    <PersonForm
      key={person.data.version}
      institutionId={person.data.institutionId}
      person={person.data}
      submitLabel={t('common.save')}
      onSaved={(saved) => saved && notifySuccess(t('common.saved'))}
    />
  );
}
