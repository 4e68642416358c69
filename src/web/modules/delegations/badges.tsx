import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const COLOR: Record<string, string> = {
  draft: 'gray',
  submitted: 'yellow',
  approved: 'teal',
  rejected: 'red',
  done: 'blue',
  cancelled: 'dark',
};

export function DelegationStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLOR[status] ?? 'gray'} variant="light">
      {t(`delegations.status.${status}`)}
    </Badge>
  );
}

export function DirectionBadge({ direction }: { direction: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={direction === 'incoming' ? 'indigo' : 'grape'} variant="outline">
      {t(`delegations.direction.${direction}`)}
    </Badge>
  );
}
