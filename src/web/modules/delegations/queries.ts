import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CreateDelegation,
  Delegation as DelegationSchema,
  DelegationList as DelegationListSchema,
  DelegationSummary as DelegationSummarySchema,
  GuestList as GuestListSchema,
  ProgrammeItem,
} from '../../../contracts/delegations.ts';
import { api } from '../../lib/api.ts';

// Delegations data: the list (filters in the URL), one delegation, its guests (the handling office only: every read
// is audited on the server, so it is asked for on demand, never cached), and the writes, each refreshing every
// cached delegation and the agreement's activities (a report becomes one).
export const delegationsKey = ['delegations'] as const;

export type Delegation = z.infer<typeof DelegationSchema>;
export type DelegationSummary = z.infer<typeof DelegationSummarySchema>;
export type DelegationList = z.infer<typeof DelegationListSchema>;
export type GuestList = z.infer<typeof GuestListSchema>;
export type CreateDelegationBody = z.input<typeof CreateDelegation>;
export type Programme = z.input<typeof ProgrammeItem>[];

export function useDelegation(id: string) {
  return useQuery({
    queryKey: [...delegationsKey, 'one', id],
    queryFn: ({ signal }) => api.get<Delegation>(`/delegations/${id}`, undefined, signal),
  });
}

export function useAgreementDelegations(agreementId: string) {
  return useQuery({
    queryKey: [...delegationsKey, 'agreement', agreementId],
    queryFn: ({ signal }) => api.get<DelegationList>('/delegations', { agreementId, limit: 50 }, signal),
  });
}

/** The guests' personal data: asked for when the office opens it, not kept (each read is a logged view). */
export function useGuests(id: string, open: boolean) {
  return useQuery({
    queryKey: [...delegationsKey, 'guests', id],
    queryFn: ({ signal }) => api.get<GuestList>(`/delegations/${id}/guests`, undefined, signal),
    enabled: open,
    gcTime: 0,
    staleTime: 0,
  });
}

function useRefresh() {
  const client = useQueryClient();
  return () => Promise.all([client.invalidateQueries({ queryKey: delegationsKey }), client.invalidateQueries({ queryKey: ['activities'] })]);
}

export function useCreateDelegation(agreementId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: CreateDelegationBody) => api.post<Delegation>(`/agreements/${agreementId}/delegations`, body),
    onSuccess: refresh,
  });
}

/** One action on a delegation (`submit`, `decision`, `cancel`, `report`, or the programme). */
export function useDelegationAction(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ action, body }: { action: 'submit' | 'decision' | 'cancel' | 'report' | 'programme'; body: Record<string, unknown> }) =>
      action === 'programme' ? api.put<Delegation>(`/delegations/${id}/programme`, body) : api.post<Delegation>(`/delegations/${id}/${action}`, body),
    onSuccess: refresh,
  });
}

/** The URL of a generated document (downloaded by the browser with the session cookie). */
export const documentUrl = (id: string, document: 'invitation-letter' | 'residence-notice') => `/api/v1/delegations/${id}/${document}.pdf`;
