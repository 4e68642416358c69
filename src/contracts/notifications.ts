import { z } from 'zod';
import { Uuid } from './common.ts';

// Kinds of notification, declared once here, grouped by the module that sends them. Each module defines
// its kinds' defaults and the record they are about in `modules/<module>/notifications.ts`; the texts are
// `notifications.<kind>` (in-app) and `mail.<template>` (e-mail) in the locale files.
export const NOTIFICATION_KINDS_BY_MODULE = {
  agreements: ['approved', 'commented', 'changed', 'activated', 'expiry', 'status'],
  activities: ['dormant', 'target_behind'],
  delegations: ['delegation_submitted', 'delegation_decided'],
} as const;

export const NOTIFICATION_KINDS = Object.values(NOTIFICATION_KINDS_BY_MODULE).flat() as [
  (typeof NOTIFICATION_KINDS_BY_MODULE)[keyof typeof NOTIFICATION_KINDS_BY_MODULE][number],
  ...(typeof NOTIFICATION_KINDS_BY_MODULE)[keyof typeof NOTIFICATION_KINDS_BY_MODULE][number][],
];
export const NotificationKind = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof NotificationKind>;

export const NotificationItem = z.object({
  id: Uuid,
  kind: NotificationKind,
  /** The kind of record the notification is about (`agreement`) and its id. */
  subjectType: z.string(),
  subjectId: Uuid,
  /** Where the record opens in the web app. */
  path: z.string(),
  message: z.string(),
  read: z.boolean(),
  createdAt: z.string(),
});
export type NotificationItem = z.infer<typeof NotificationItem>;

export const NotificationList = z.object({ unread: z.int(), items: z.array(NotificationItem) });
export const NotificationListQuery = z.object({ unread: z.enum(['true', 'false']).default('false') });

export const NotificationPreference = z.object({ kind: NotificationKind, email: z.boolean(), inApp: z.boolean() });
export type NotificationPreference = z.infer<typeof NotificationPreference>;
export const NotificationPreferences = z.object({ items: z.array(NotificationPreference) });
export const SetNotificationPreferences = z.object({ items: z.array(NotificationPreference).max(100) }).strict();
