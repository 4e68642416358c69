import { Badge, Button, MultiSelect, Select, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconUserPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { CreateInvitation, InstitutionRole } from '../../../contracts/accounts.ts';
import { LANGUAGES } from '../../../locales/index.ts';
import { notifyError, notifySuccess } from '../../lib/form-errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useRecordForm } from '../../lib/use-record-form.ts';
import { type InvitationRow, useCreateInvitation, useInvitations, useRevokeInvitation } from '../../modules/admin/queries.ts';
import { RoleBadges } from '../../modules/admin/RoleBadges.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { EmptyHint } from '../../ui/EmptyHint.tsx';
import { FormModal } from '../../ui/FormModal.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { RecordForm } from '../../ui/RecordForm.tsx';
import { wholeList } from '../../ui/keyset.ts';

const STATUS_COLORS = { pending: 'blue', accepted: 'teal', expired: 'gray', revoked: 'red' } as const;

export function InvitationsPage() {
  const { t } = useTranslation();
  const invitations = useInvitations();
  const revoke = useRevokeInvitation();
  const [inviting, inviteModal] = useDisclosure(false);
  const inviteButton = (
    <Button leftSection={<IconUserPlus size={16} />} onClick={inviteModal.open}>
      {t('admin.invitations.create')}
    </Button>
  );
  return (
    <>
      <PageHeader title={t('admin.invitations.title')} description={t('admin.invitations.description')} actions={inviteButton} />
      <DataTable<InvitationRow>
        label={t('admin.invitations.title')}
        {...wholeList(invitations)}
        rowKey={(invitation) => invitation.id}
        columns={[
          { key: 'name', header: t('fields.displayName'), render: (invitation) => invitation.displayName },
          { key: 'email', header: t('fields.email'), render: (invitation) => invitation.email },
          { key: 'roles', header: t('fields.roles'), render: (invitation) => <RoleBadges roles={invitation.roles} /> },
          {
            key: 'status',
            header: t('fields.status'),
            render: (invitation) => (
              <Badge variant="light" color={STATUS_COLORS[invitation.status]}>
                {t(`admin.invitations.status.${invitation.status}`)}
              </Badge>
            ),
          },
          { key: 'expires', header: t('admin.invitations.columns.expires'), render: (invitation) => formatDateTime(invitation.expiresAt) },
          {
            key: 'actions',
            header: t('common.actions'),
            render: (invitation) =>
              invitation.status === 'pending' && (
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  aria-label={t('admin.invitations.revokeNamed', { email: invitation.email })}
                  onClick={() =>
                    revoke.mutate(invitation.id, {
                      onError: notifyError,
                      onSuccess: () => notifySuccess(t('admin.invitations.revoked')),
                    })
                  }
                >
                  {t('common.revoke')}
                </Button>
              ),
          },
        ]}
        empty={<EmptyHint title={t('admin.invitations.emptyTitle')} description={t('admin.invitations.emptyHint')} action={inviteButton} />}
      />
      <FormModal opened={inviting} onClose={inviteModal.close} title={t('admin.invitations.create')}>
        <InvitationForm onDone={inviteModal.close} />
      </FormModal>
    </>
  );
}

type InvitationValues = { email: string; displayName: string; roles: string[]; language: string };

function InvitationForm({ onDone }: { onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const create = useCreateInvitation();
  const state = useRecordForm({
    schema: CreateInvitation,
    toPayload: (values: InvitationValues) => values,
    save: create.mutateAsync,
    onSaved: () => {
      notifySuccess(t('admin.invitations.sent'));
      onDone();
    },
    initialValues: { email: '', displayName: '', roles: ['member'], language: i18n.language },
  });
  const { form } = state;
  return (
    <RecordForm state={state} onCancel={onDone} submitLabel={t('admin.invitations.send')}>
      <TextInput label={t('fields.email')} type="email" withAsterisk {...form.getInputProps('email')} />
      <TextInput label={t('fields.displayName')} withAsterisk {...form.getInputProps('displayName')} />
      <MultiSelect
        label={t('fields.roles')}
        withAsterisk
        data={InstitutionRole.options.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
        {...form.getInputProps('roles')}
      />
      <Select
        label={t('admin.invitations.mailLanguage')}
        data={LANGUAGES.map((code) => ({ value: code, label: t(`language.name.${code}`) }))}
        allowDeselect={false}
        {...form.getInputProps('language')}
      />
    </RecordForm>
  );
}
