import { Badge, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ActivityStatus, TargetStatus } from '../../../contracts/activities.ts';
import { ACTIVITY_STATUS_COLORS, TARGET_STATUS_COLORS } from './options.ts';

/** An activity's status in its colour: planned, done, cancelled. */
export function ActivityStatusBadge({ status, ...props }: { status: ActivityStatus } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge color={ACTIVITY_STATUS_COLORS[status]} variant="light" tt="none" miw="max-content" {...props}>
      {t(`activities.statuses.${status}`)}
    </Badge>
  );
}

/** How a target stands, in its colour (green on track or achieved, yellow behind, orange at risk, red missed). */
export function TargetStatusBadge({ status, ...props }: { status: TargetStatus } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge color={TARGET_STATUS_COLORS[status]} variant="light" tt="none" miw="max-content" {...props}>
      {t(`activities.targetStatuses.${status}`)}
    </Badge>
  );
}
