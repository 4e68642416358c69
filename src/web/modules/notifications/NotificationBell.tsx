import { ActionIcon, Button, Center, Group, Indicator, Loader, Popover, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBell } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { QueryError } from '../../ui/QueryError.tsx';
import { type NotificationItem, useMarkAllRead, useMarkRead, useNotifications } from './queries.ts';

/** The bell in the header: unread count, the latest messages linking to their record, "mark all read". */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [opened, popover] = useDisclosure(false);
  const notifications = useNotifications();
  const markRead = useMarkRead();
  const markAllRead = useMarkAllRead();
  const unread = notifications.data?.unread ?? 0;

  const open = (item: NotificationItem) => {
    if (!item.read) markRead.mutate(item.id);
    popover.close();
    navigate(item.path);
  };

  return (
    <Popover opened={opened} onChange={popover.toggle} position="bottom-end" width={360} shadow="md" withinPortal trapFocus>
      <Popover.Target>
        <Indicator label={formatNumber(unread)} size={18} disabled={unread === 0} offset={4} color="red" maxValue={99}>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            onClick={popover.toggle}
            aria-label={unread > 0 ? t('notificationsUi.openUnread', { count: unread }) : t('notificationsUi.open')}
            aria-expanded={opened}
          >
            <IconBell size={22} />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p={0} maw="calc(100vw - 16px)">
        <Group justify="space-between" px="sm" py="xs" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
          <Text fw={600} size="sm">
            {t('notificationsUi.title')}
          </Text>
          <Button size="compact-xs" variant="subtle" disabled={unread === 0} loading={markAllRead.isPending} onClick={() => markAllRead.mutate()}>
            {t('notificationsUi.markAllRead')}
          </Button>
        </Group>
        {notifications.isPending && (
          <Center py="md">
            <Loader size="sm" aria-label={t('common.loading')} />
          </Center>
        )}
        {notifications.error && (
          <Stack p="sm">
            <QueryError error={notifications.error} onRetry={() => void notifications.refetch()} />
          </Stack>
        )}
        {notifications.data?.items.length === 0 && (
          <Text size="sm" c="dimmed" p="md" ta="center">
            {t('notificationsUi.empty')}
          </Text>
        )}
        {notifications.data && notifications.data.items.length > 0 && (
          <ScrollArea.Autosize mah={420}>
            <Stack gap={0} aria-label={t('notificationsUi.title')}>
              {notifications.data.items.map((item) => (
                <UnstyledButton
                  key={item.id}
                  onClick={() => open(item)}
                  px="sm"
                  py="xs"
                  style={{
                    borderBottom: '1px solid var(--mantine-color-default-border)',
                    background: item.read ? undefined : 'var(--mantine-color-indigo-light)',
                  }}
                >
                  <Text size="sm" fw={item.read ? 400 : 600}>
                    {item.message}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(item.createdAt)}
                    {!item.read && ` · ${t('notificationsUi.unread')}`}
                  </Text>
                </UnstyledButton>
              ))}
            </Stack>
          </ScrollArea.Autosize>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}
