import type { NotificationKind } from '../../../contracts/notifications.ts';
import { agreementSubject } from '../agreements/notifications.ts';
import type { NotificationKindDefinition } from '../notifications/registry.ts';

// The activities module's notifications are about an agreement (the agreements module's subject: who may read
// it, its titles, its page): it went dormant, or one of its targets is behind as its period closes.
const kind = (k: NotificationKind, mailTemplate: string): NotificationKindDefinition => ({
  kind: k,
  subject: agreementSubject,
  mailTemplate,
  defaults: { email: true, inApp: true },
});

export const ACTIVITY_NOTIFICATIONS = {
  dormant: kind('dormant', 'agreement_dormant'),
  target_behind: kind('target_behind', 'target_behind'),
} as const satisfies Record<string, NotificationKindDefinition>;
