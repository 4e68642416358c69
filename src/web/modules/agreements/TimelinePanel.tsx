import { Text, Timeline } from '@mantine/core';
import {
  IconCircleCheck,
  IconFilePlus,
  IconMessage,
  IconPaperclip,
  IconPencil,
  IconRefresh,
  IconStatusChange,
  IconBulb,
} from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { hasKey } from '../../../locales/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { currentLanguage } from '../../lib/i18n.ts';
import { QueryFallback } from '../../ui/QueryFallback.tsx';
import { ActorName } from './ActorName.tsx';
import { shortHash } from './options.ts';
import { type TimelineEntry, useTimeline } from './queries.ts';

const ICONS = {
  create: IconFilePlus,
  update: IconPencil,
  approve: IconCircleCheck,
  status: IconStatusChange,
  attach: IconPaperclip,
  comment: IconMessage,
  propose: IconBulb,
  renew: IconRefresh,
} as const;

/** What the entry's detail says, in a few words. */
function detailText(t: TFunction, entry: TimelineEntry): string {
  const d = (entry.detail ?? {}) as Record<string, unknown>;
  switch (entry.action) {
    case 'create':
    case 'approve':
      return d.versionNo ? t('agreements.timeline.version', { n: d.versionNo, hash: shortHash(String(d.contentHash ?? '')) }) : '';
    case 'update': {
      const content = d.content as { toVersion?: number; changes?: number; voidedApprovals?: number } | undefined;
      const parts: string[] = [];
      if (content?.toVersion) parts.push(t('agreements.timeline.newVersion', { n: content.toVersion, changes: content.changes ?? 0 }));
      if (content?.voidedApprovals) parts.push(t('agreements.timeline.voided', { count: content.voidedApprovals }));
      const visibility = d.visibility as { after?: string } | undefined;
      if (visibility?.after) parts.push(t('agreements.timeline.visibility', { value: t(`agreements.visibility.${visibility.after}`) }));
      return parts.join(' · ');
    }
    case 'status': {
      const status = String(d.status ?? '');
      const label = hasKey(currentLanguage(), `statuses.${status}`) ? t(`statuses.${status}`) : status;
      return d.reason ? `${label} — ${String(d.reason)}` : label;
    }
    case 'attach':
      return [d.kind ? t(`agreements.documents.kinds.${String(d.kind)}`) : '', d.title ? `“${String(d.title)}”` : '', d.revision ? t('agreements.documents.revision', { n: d.revision }) : '']
        .filter(Boolean)
        .join(' ');
    default:
      return '';
  }
}

/** What happened to the agreement that the reader may see (the server leaves out the rest), oldest first. */
export function TimelinePanel({ agreementId }: { agreementId: string }) {
  const { t } = useTranslation();
  const timeline = useTimeline(agreementId);
  if (!timeline.isSuccess) return <QueryFallback query={timeline} py="md" size="sm" />;
  return (
    <Timeline active={timeline.data.length - 1} bulletSize={26} lineWidth={2} aria-label={t('agreements.tabs.timeline')}>
      {timeline.data.map((entry, index) => {
        const Icon = ICONS[entry.action as keyof typeof ICONS] ?? IconStatusChange;
        const action = hasKey(currentLanguage(), `agreements.timeline.actions.${entry.action}`) ? t(`agreements.timeline.actions.${entry.action}`) : entry.action;
        const detail = detailText(t, entry);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: timeline entries have no id and never reorder
          <Timeline.Item key={index} bullet={<Icon size={14} />} title={action}>
            {detail && <Text size="sm">{detail}</Text>}
            <Text size="xs" c="dimmed">
              <ActorName name={entry.actorName} email={entry.actorEmail} /> · {formatDateTime(entry.at)}
            </Text>
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
