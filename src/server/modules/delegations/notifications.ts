import type { NotificationKind } from '../../../contracts/notifications.ts';
import { agreementSubject } from '../agreements/notifications.ts';
import type { NotificationKindDefinition } from '../notifications/registry.ts';

// The delegations module's notifications are about the agreement the delegation is under (the agreements module's
// subject: who may read it, its titles, its page, where the delegation is listed): a request waits for its approvers,
// and who requested it hears the decision.
const kind = (k: NotificationKind): NotificationKindDefinition => ({
  kind: k,
  subject: agreementSubject,
  mailTemplate: k,
  defaults: { email: true, inApp: true },
});

export const DELEGATION_NOTIFICATIONS = {
  delegation_submitted: kind('delegation_submitted'),
  delegation_decided: kind('delegation_decided'),
} as const satisfies Record<string, NotificationKindDefinition>;
