import { Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AgreementStatus } from '../../../contracts/agreements.ts';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format.ts';
import { STATUS_COLORS } from '../agreements/options.ts';
import type { HomeItem, HomeSection } from './queries.ts';

/** A label's colour: an agreement's status in its colour, anything else neutral. */
function badgeColor(key: string): string {
  const status = /^statuses\.(\w+)$/.exec(key)?.[1] as AgreementStatus | undefined;
  return (status && STATUS_COLORS[status]) || 'gray';
}

function ItemRow({ item }: { item: HomeItem }) {
  const { t } = useTranslation();
  const when = item.time ? formatDateTime(item.time) : item.date ? formatDate(item.date) : null;
  return (
    <Stack gap={2} component="li" style={{ listStyle: 'none' }}>
      <Group gap="xs" wrap="nowrap" align="flex-start" justify="space-between">
        <Anchor component={Link} to={item.path} fw={500} lineClamp={2}>
          {item.title}
        </Anchor>
        {item.badgeKey && (
          <Badge size="sm" variant="light" tt="none" color={badgeColor(item.badgeKey)} miw="max-content">
            {t(item.badgeKey)}
          </Badge>
        )}
      </Group>
      {item.detail && (
        <Text size="sm" c="dimmed" lineClamp={2}>
          {item.detail}
        </Text>
      )}
      {when && (
        <Text size="xs" c="dimmed">
          {when}
        </Text>
      )}
    </Stack>
  );
}

/** One section of the home page: its count, its first items linking to their records, or what to do next. */
export function HomeSectionCard({ section }: { section: HomeSection }) {
  const { t } = useTranslation();
  const titleId = useId();
  const rest = section.count - section.items.length;
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby={titleId}>
      <Group justify="space-between" wrap="nowrap" mb="sm" align="flex-start">
        <Title order={2} size="h4" id={titleId}>
          {t(section.titleKey)}
        </Title>
        <Badge
          size="lg"
          circle={section.count < 100}
          variant={section.count > 0 ? 'filled' : 'light'}
          color={section.count > 0 ? 'indigo' : 'gray'}
          aria-label={t('home.itemCount', { n: formatNumber(section.count) })}
        >
          {formatNumber(section.count)}
        </Badge>
      </Group>
      {section.count === 0 ? (
        <Stack gap="sm" align="flex-start">
          <Text size="sm" c="dimmed">
            {t(section.emptyKey)}
          </Text>
          {section.action && (
            <Button component={Link} to={section.action.path} variant="light" size="xs">
              {t(section.action.labelKey)}
            </Button>
          )}
        </Stack>
      ) : (
        <Stack gap="md" component="ul" p={0} m={0}>
          {section.items.map((item) => (
            <ItemRow key={item.id} item={item} />
          ))}
          {rest > 0 && (
            <li style={{ listStyle: 'none' }}>
              {section.morePath ? (
                <Anchor component={Link} to={section.morePath} size="sm">
                  {t('home.seeAll', { n: formatNumber(section.count) })}
                </Anchor>
              ) : (
                <Text size="sm" c="dimmed">
                  {t('home.more', { n: formatNumber(rest) })}
                </Text>
              )}
            </li>
          )}
        </Stack>
      )}
    </Card>
  );
}
