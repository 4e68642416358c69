import { Badge, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AgreementStatus } from '../../../contracts/agreements.ts';
import { STATUS_COLORS } from './options.ts';

/** An agreement's status in its colour (the same colours as the list's summary bar). */
export function StatusBadge({ status, ...props }: { status: AgreementStatus } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" tt="none" miw="max-content" {...props}>
      {t(`statuses.${status}`)}
    </Badge>
  );
}
