import { MultiSelect, Select, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { UpdateUser, type User } from '../../../contracts/accounts.ts';
import { useRecordForm } from '../../lib/use-record-form.ts';
import { RecordForm } from '../../ui/RecordForm.tsx';
import { useSignedInMe } from '../session/session.ts';
import { useUpdateUser } from './queries.ts';
import { grantableRoleOptions } from './roles.ts';

type UserValues = { displayName: string; roles: string[]; status: string };

export function UserForm({ user, onDone }: { user: User; onDone: () => void }) {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const update = useUpdateUser(user.id);
  const state = useRecordForm({
    schema: UpdateUser,
    toPayload: (values: UserValues) => values,
    save: update.mutateAsync,
    onSaved: onDone,
    record: user,
    fromRecord: (record: User): UserValues => ({ displayName: record.displayName, roles: record.roles, status: record.status }),
  });
  const roleOptions = grantableRoleOptions(me, t);
  const extraRoles = state.form.values.roles.filter((role) => !roleOptions.some((option) => option.value === role));
  return (
    <RecordForm state={state} onCancel={onDone}>
      <TextInput label={t('fields.email')} value={user.email} readOnly variant="filled" />
      <TextInput label={t('fields.displayName')} withAsterisk {...state.form.getInputProps('displayName')} />
      <MultiSelect
        label={t('fields.roles')}
        withAsterisk
        data={[...roleOptions, ...extraRoles.map((role) => ({ value: role, label: t(`roles.${role}`), disabled: true }))]}
        {...state.form.getInputProps('roles')}
      />
      <Select
        label={t('fields.status')}
        data={['active', 'disabled'].map((status) => ({ value: status, label: t(`admin.users.status.${status}`) }))}
        allowDeselect={false}
        disabled={user.id === me.user.id}
        {...state.form.getInputProps('status')}
      />
    </RecordForm>
  );
}
