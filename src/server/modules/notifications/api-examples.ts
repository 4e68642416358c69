import type { NotificationList, NotificationPreferences, SetNotificationPreferences } from '../../../contracts/notifications.ts';
import { AGREEMENT, AT, type In, NOTIFICATION, type Out } from '../api-examples-common.ts';

export { ok } from '../api-examples-common.ts';

// OpenAPI examples for routes.ts (what they share: modules/api-examples-common.ts). Notifications and their
// preferences.

export const notificationList = {
  unread: 1,
  items: [
    {
      id: NOTIFICATION,
      kind: 'approved',
      subjectType: 'agreement',
      subjectId: AGREEMENT,
      path: `/agreements/${AGREEMENT}`,
      message: 'TS. Hoàng Văn Thịnh (BMH) đã phê duyệt phiên bản 3 của “Biên bản ghi nhớ hợp tác giữa HUST và Bệnh viện Bạch Mai”.',
      read: false,
      createdAt: AT,
    },
  ],
} satisfies Out<typeof NotificationList>;
export const notificationPreferences = {
  items: [
    { kind: 'approved', email: true, inApp: true },
    { kind: 'commented', email: false, inApp: true },
  ],
} satisfies Out<typeof NotificationPreferences>;
export const setNotificationPreferences = notificationPreferences satisfies In<typeof SetNotificationPreferences>;
