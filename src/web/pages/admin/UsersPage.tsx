import { ActionIcon, Badge, Stack, Text, Tooltip } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Role, type User } from '../../../contracts/accounts.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useUserList } from '../../modules/admin/queries.ts';
import { RoleBadges } from '../../modules/admin/RoleBadges.tsx';
import { UserForm } from '../../modules/admin/UserForm.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { EmptyHint } from '../../ui/EmptyHint.tsx';
import { FilterBar, FilterSearch, FilterSelect } from '../../ui/FilterBar.tsx';
import { FormModal } from '../../ui/FormModal.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useUrlFilters } from '../../ui/url-filters.ts';

export function UsersPage() {
  const { t } = useTranslation();
  const filters = useUrlFilters(['q', 'role', 'status'] as const);
  const list = useUserList(filters.values);
  const [editing, setEditing] = useState<User | null>(null);
  return (
    <>
      <PageHeader title={t('admin.users.title')} description={t('admin.users.description')} />
      <DataTable<User>
        label={t('admin.users.title')}
        filters={
          <FilterBar filters={filters}>
            <FilterSearch name="q" label={t('admin.users.search')} />
            <FilterSelect
              name="role"
              label={t('fields.roles')}
              data={Role.options.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
            />
            <FilterSelect
              name="status"
              label={t('fields.status')}
              data={['active', 'disabled'].map((status) => ({ value: status, label: t(`admin.users.status.${status}`) }))}
            />
          </FilterBar>
        }
        {...list}
        rowKey={(user) => user.id}
        columns={[
          {
            key: 'user',
            header: t('admin.users.columns.user'),
            render: (user) => (
              <Stack gap={0}>
                <Text fw={500}>{user.displayName}</Text>
                <Text size="xs" c="dimmed">
                  {user.email}
                </Text>
              </Stack>
            ),
          },
          { key: 'roles', header: t('fields.roles'), render: (user) => <RoleBadges roles={user.roles} /> },
          {
            key: 'status',
            header: t('fields.status'),
            render: (user) => (
              <Badge color={user.status === 'active' ? 'teal' : 'gray'} variant="light">
                {t(`admin.users.status.${user.status}`)}
              </Badge>
            ),
          },
          {
            key: 'lastLogin',
            header: t('admin.users.columns.lastLogin'),
            render: (user) => formatDateTime(user.lastLoginAt) || t('admin.users.never'),
          },
          {
            key: 'actions',
            header: t('common.actions'),
            render: (user) => (
              <Tooltip label={t('common.edit')}>
                <ActionIcon
                  variant="subtle"
                  aria-label={t('admin.users.editNamed', { name: user.displayName })}
                  onClick={() => setEditing(user)}
                >
                  <IconPencil size={16} />
                </ActionIcon>
              </Tooltip>
            ),
          },
        ]}
        empty={<EmptyHint title={t('admin.users.emptyTitle')} description={t('admin.users.emptyHint')} />}
      />
      <FormModal opened={editing !== null} onClose={() => setEditing(null)} title={t('admin.users.edit')}>
        {editing && <UserForm user={editing} onDone={() => setEditing(null)} />}
      </FormModal>
    </>
  );
}
