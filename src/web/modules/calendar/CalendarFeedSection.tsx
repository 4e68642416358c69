import { Alert, Button, Code, CopyButton, Group, List, Modal, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAlertTriangle, IconCalendarPlus, IconRefresh, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '../../lib/form-errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { QueryFallback } from '../../ui/QueryFallback.tsx';
import { type CalendarFeedCreated, useCalendarFeed, useCreateCalendarFeed, useRevokeCalendarFeed } from './queries.ts';

/**
 * The personal iCalendar feed on My profile: make a secret URL for calendar applications, copy it (shown once),
 * replace it (the old one stops working) or revoke it, with how to subscribe in Google Calendar and Outlook.
 */
export function CalendarFeedSection() {
  const { t } = useTranslation();
  const feed = useCalendarFeed();
  const create = useCreateCalendarFeed();
  const revoke = useRevokeCalendarFeed();
  const [created, setCreated] = useState<CalendarFeedCreated | null>(null);
  const [replacing, replaceModal] = useDisclosure(false);
  const [revoking, revokeModal] = useDisclosure(false);
  if (!feed.isSuccess) return <QueryFallback query={feed} py="md" />;
  const make = () =>
    create.mutate(undefined, {
      onSuccess: (made) => {
        setCreated(made);
        replaceModal.close();
        notifySuccess(t('calendar.feed.createdNotice'));
      },
      onError: notifyError,
    });
  const remove = () =>
    revoke.mutate(undefined, {
      onSuccess: () => {
        setCreated(null);
        revokeModal.close();
        notifySuccess(t('calendar.feed.revokedNotice'));
      },
      onError: notifyError,
    });
  const status = feed.data;
  return (
    <Stack gap="md">
      <Text size="sm">{t('calendar.feed.intro')}</Text>
      {created && <CreatedFeedNotice url={created.url} onDismiss={() => setCreated(null)} />}
      {status.active ? (
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('calendar.feed.activeSince', { date: formatDateTime(status.createdAt) })}
          </Text>
          <Text size="sm" c="dimmed">
            {status.lastUsedAt ? t('calendar.feed.lastUsed', { date: formatDateTime(status.lastUsedAt) }) : t('calendar.feed.neverUsed')}
          </Text>
          {!created && (
            <Text size="sm" c="dimmed">
              {t('calendar.feed.lostUrl')}
            </Text>
          )}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          {t('calendar.feed.none')}
        </Text>
      )}
      <Group gap="sm">
        {status.active ? (
          <>
            <Button variant="default" leftSection={<IconRefresh size={16} />} onClick={replaceModal.open}>
              {t('calendar.feed.replace')}
            </Button>
            <Button color="red" variant="light" leftSection={<IconTrash size={16} />} onClick={revokeModal.open}>
              {t('calendar.feed.revoke')}
            </Button>
          </>
        ) : (
          <Button leftSection={<IconCalendarPlus size={16} />} loading={create.isPending} onClick={make}>
            {t('calendar.feed.create')}
          </Button>
        )}
      </Group>
      <HowToSubscribe />
      <Modal opened={replacing} onClose={replaceModal.close} title={t('calendar.feed.replaceConfirm.title')}>
        <Text size="sm" mb="md">
          {t('calendar.feed.replaceConfirm.body')}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={replaceModal.close}>
            {t('common.cancel')}
          </Button>
          <Button loading={create.isPending} onClick={make}>
            {t('calendar.feed.replaceConfirm.confirm')}
          </Button>
        </Group>
      </Modal>
      <Modal opened={revoking} onClose={revokeModal.close} title={t('calendar.feed.revokeConfirm.title')}>
        <Text size="sm" mb="md">
          {t('calendar.feed.revokeConfirm.body')}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={revokeModal.close}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={revoke.isPending} onClick={remove}>
            {t('calendar.feed.revokeConfirm.confirm')}
          </Button>
        </Group>
      </Modal>
    </Stack>
  );
}

/** The URL is answered once: show it with a copy button and say it will not be shown again. */
function CreatedFeedNotice({ url, onDismiss }: { url: string; onDismiss: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="yellow" icon={<IconAlertTriangle />} title={t('calendar.feed.createdTitle')} role="alert">
      <Text size="sm" mb="sm">
        {t('calendar.feed.createdWarning')}
      </Text>
      <Group gap="sm" wrap="nowrap" align="center">
        <Code block style={{ flex: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap' }} data-testid="calendar-feed-url">
          {url}
        </Code>
        <CopyButton value={url}>
          {({ copied, copy }) => (
            <Button size="xs" color={copied ? 'teal' : 'indigo'} onClick={copy}>
              {copied ? t('common.copied') : t('common.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Button size="xs" variant="subtle" mt="sm" onClick={onDismiss}>
        {t('calendar.feed.storedIt')}
      </Button>
    </Alert>
  );
}

function HowToSubscribe() {
  const { t } = useTranslation();
  return (
    <Stack gap={6}>
      <Title order={3} size="h6">
        {t('calendar.feed.howTo.title')}
      </Title>
      <List size="sm" spacing={4}>
        <List.Item>{t('calendar.feed.howTo.google')}</List.Item>
        <List.Item>{t('calendar.feed.howTo.outlook')}</List.Item>
        <List.Item>{t('calendar.feed.howTo.apple')}</List.Item>
      </List>
      <Text size="xs" c="dimmed">
        {t('calendar.feed.howTo.refresh')}
      </Text>
    </Stack>
  );
}
