import { AppShell, Burger, Center, Group, Loader, NavLink, ScrollArea, Text, Title, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { localName } from '../lib/format.ts';
import { useMe } from '../modules/session/session.ts';
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx';
import { NotificationBell } from '../modules/notifications/NotificationBell.tsx';
import { QueryError } from '../ui/QueryError.tsx';
import { navigationFor } from './navigation.ts';
import { UserMenu } from './UserMenu.tsx';

/** The signed-in frame: header with language switch and user menu, navigation by role, the page. */
export function Shell() {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const [navOpened, nav] = useDisclosure(false);

  if (me.isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (me.error) {
    return (
      <Center h="100vh" p="md">
        <QueryError error={me.error} onRetry={() => void me.refetch()} />
      </Center>
    );
  }
  if (!me.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }

  // The entry whose address is the longest start of the current one: the dashboard, not the institutions under it.
  const sections = navigationFor(me.data);
  const activeEntry = sections
    .flatMap((section) => section.entries.map((entry) => entry.to))
    .filter((to) => location.pathname === to || location.pathname.startsWith(`${to}/`))
    .sort((a, b) => b.length - a.length)[0];

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding={{ base: 'sm', sm: 'lg' }}
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={navOpened} onClick={nav.toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggle')} />
            <UnstyledButton component={Link} to="/" aria-label={t('app.home')}>
              <Group gap={8} wrap="nowrap">
                <Title order={2} size="h3" c="indigo">
                  hoptac
                </Title>
                <Text size="sm" c="dimmed" visibleFrom="md">
                  {localName(me.data.institution)}
                </Text>
              </Group>
            </UnstyledButton>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LanguageSwitch />
            <NotificationBell />
            <UserMenu me={me.data} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={t('nav.label')}>
        <ScrollArea>
          {sections.map((section) => (
            <nav key={section.label} aria-label={t(section.label)}>
              <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt="md" pb={4}>
                {t(section.label)}
              </Text>
              {section.entries.map((entry) => (
                <NavLink
                  key={entry.to}
                  component={Link}
                  to={entry.to}
                  label={t(entry.label)}
                  leftSection={<entry.icon size={18} />}
                  active={entry.to === activeEntry}
                  onClick={nav.close}
                />
              ))}
            </nav>
          ))}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
