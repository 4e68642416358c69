import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { NotificationItem, NotificationPreference } from '../../../contracts/notifications.ts';
import { api } from '../../lib/api.ts';

// My notifications (messages arrive already in my language) and which ones I receive, by channel.
export const notificationsKey = ['notifications'] as const;

export { NOTIFICATION_KINDS, type NotificationItem, type NotificationKind, type NotificationPreference } from '../../../contracts/notifications.ts';

/**
 * Polled once a minute while the app is open, so the bell's count stays current; in the language on screen
 * (asked for explicitly: a switch is saved on the account only a moment later).
 */
export function useNotifications() {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  return useQuery({
    queryKey: [...notificationsKey, 'list', lang],
    queryFn: ({ signal }) => api.get<{ unread: number; items: NotificationItem[] }>('/notifications', { lang }, signal),
    refetchInterval: 60_000,
  });
}

function useNotificationWrite<Input>(write: (input: Input) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: write, onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationsKey }) });
}

export const useMarkRead = () => useNotificationWrite((id: string) => api.post<unknown>(`/notifications/${id}/read`));
export const useMarkAllRead = () => useNotificationWrite(() => api.post<unknown>('/notifications/read-all'));

export function usePreferences() {
  return useQuery({
    queryKey: [...notificationsKey, 'preferences'],
    queryFn: ({ signal }) => api.get<{ items: NotificationPreference[] }>('/me/notification-preferences', undefined, signal).then((r) => r.items),
  });
}

export function useSavePreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (items: NotificationPreference[]) =>
      api.put<{ items: NotificationPreference[] }>('/me/notification-preferences', { items }).then((r) => r.items),
    onSuccess: (items) => queryClient.setQueryData([...notificationsKey, 'preferences'], items),
  });
}
