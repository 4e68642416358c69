import { Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, localText } from '../../lib/format.ts';
import { DelegationStatusBadge, DirectionBadge } from './badges.tsx';
import { useAgreementDelegations } from './queries.ts';

/**
 * The delegations section of an agreement's page: its delegations the caller reads, each linking to its page, and
 * the request button for who may request. Shown only to the parties (others get 404 and see nothing).
 */
export function AgreementDelegations({ agreementId }: { agreementId: string }) {
  const { t } = useTranslation();
  const query = useAgreementDelegations(agreementId);
  if (!query.data) return null;
  const { items, permissions } = query.data;
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3}>{t('delegations.section.title')}</Title>
          {permissions.request && (
            <Button component={Link} to={`/delegations/new?agreement=${agreementId}`} size="xs" variant="light">
              {t('delegations.actions.request')}
            </Button>
          )}
        </Group>
        {items.length === 0 && <Text c="dimmed">{t('delegations.section.empty')}</Text>}
        {items.map((d) => (
          <Group key={d.id} gap="xs" wrap="nowrap">
            <DirectionBadge direction={d.direction} />
            <Anchor component={Link} to={`/delegations/${d.id}`}>
              {localText(d.titleVi, d.titleEn)}
            </Anchor>
            <Text size="sm" c="dimmed">
              {formatDate(d.startDate)} – {formatDate(d.endDate)}
            </Text>
            <DelegationStatusBadge status={d.status} />
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
