import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ApiToken, AuditEntry, CreatedApiToken, Invitation, OutboxMail, User } from '../../../contracts/accounts.ts';
import { api, type QueryValue } from '../../lib/api.ts';
import { useKeysetList } from '../../ui/keyset.ts';

// The admin section's data: users and roles, invitations, API tokens, audit log and mail outbox.
const adminKey = ['admin'] as const;

export type InvitationRow = z.infer<typeof Invitation>;
export type ApiTokenRow = z.infer<typeof ApiToken>;
export type CreatedToken = z.infer<typeof CreatedApiToken>;
export type AuditRow = z.infer<typeof AuditEntry>;
export type OutboxRow = z.infer<typeof OutboxMail>;

export const useUserList = (filters: Record<string, QueryValue>) => useKeysetList<User>([...adminKey, 'users'], '/admin/users', filters);
export const useAuditList = (filters: Record<string, QueryValue>) =>
  useKeysetList<AuditRow>([...adminKey, 'audit'], '/admin/audit', filters);
export const useOutboxList = (filters: Record<string, QueryValue>) =>
  useKeysetList<OutboxRow>([...adminKey, 'outbox'], '/admin/outbox', filters);

export function useInvitations() {
  return useQuery({
    queryKey: [...adminKey, 'invitations'],
    queryFn: ({ signal }) => api.get<{ items: InvitationRow[] }>('/admin/invitations', undefined, signal).then((list) => list.items),
  });
}

export function useApiTokens() {
  return useQuery({
    queryKey: [...adminKey, 'api-tokens'],
    queryFn: ({ signal }) => api.get<{ items: ApiTokenRow[] }>('/admin/api-tokens', undefined, signal).then((list) => list.items),
  });
}

function useAdminWrite<Input, Output>(write: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: write, onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKey }) });
}

export const useUpdateUser = (id: string) => useAdminWrite((body: object) => api.patch<User>(`/admin/users/${id}`, body));
export const useCreateInvitation = () => useAdminWrite((body: object) => api.post<InvitationRow>('/admin/invitations', body));
export const useRevokeInvitation = () => useAdminWrite((id: string) => api.delete<unknown>(`/admin/invitations/${id}`));
export const useCreateApiToken = () => useAdminWrite((body: object) => api.post<CreatedToken>('/admin/api-tokens', body));
export const useRevokeApiToken = () => useAdminWrite((id: string) => api.delete<unknown>(`/admin/api-tokens/${id}`));
