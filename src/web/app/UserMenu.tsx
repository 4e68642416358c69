import { Avatar, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconLogout, IconUser } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Me } from '../../contracts/accounts.ts';
import { localName } from '../lib/format.ts';
import { useLogout } from '../modules/session/session.ts';

function initials(name: string): string {
  const words = name.match(/\p{L}+/gu) ?? [];
  return ((words[0]?.[0] ?? '') + (words.length > 1 ? words[words.length - 1][0] : '')).toUpperCase();
}

export function UserMenu({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const logout = useLogout();
  return (
    <Menu position="bottom-end" width={260}>
      <Menu.Target>
        <UnstyledButton aria-label={t('userMenu.open', { name: me.user.displayName })}>
          <Avatar color="indigo" radius="xl">
            {initials(me.user.displayName)}
          </Avatar>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={600} c="var(--mantine-color-text)">
            {me.user.displayName}
          </Text>
          <Text size="xs">{me.user.email}</Text>
          <Text size="xs">{localName(me.institution)}</Text>
        </Menu.Label>
        <Menu.Divider />
        <Menu.Item component={Link} to="/me" leftSection={<IconUser size={16} />}>
          {t('nav.myProfile')}
        </Menu.Item>
        <Menu.Item
          leftSection={<IconLogout size={16} />}
          onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) })}
        >
          {t('userMenu.logout')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
