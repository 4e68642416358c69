import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ActivityCreated,
  ActivityList as ActivityListSchema,
  ActivityView,
  AgreementProgress,
  CreateActivity,
  Dashboard,
  ExchangeBalance as ExchangeBalanceSchema,
  UpdateActivity,
} from '../../../contracts/activities.ts';
import { api, type QueryValue } from '../../lib/api.ts';

// Activities and progress data: an agreement's activities (filtered, "load more"), one activity, its progress
// against the targets, an institution's dashboard and the exchange balance with a partner. Every write refreshes
// everything cached under `activities` (lists, progress and dashboards follow from the records) and the
// agreement's timeline and the notification bell.
export const activitiesKey = ['activities'] as const;

export type Activity = ActivityView;
export type ActivityList = z.infer<typeof ActivityListSchema>;
export type ExchangeBalance = z.infer<typeof ExchangeBalanceSchema>;
export type { AgreementProgress, Dashboard };
export type CreateActivityBody = z.input<typeof CreateActivity>;
export type UpdateActivityBody = z.input<typeof UpdateActivity>;

export interface ActivityFilters {
  status?: string;
  kind?: string;
  areaKey?: string;
  year?: string;
  q?: string;
  /** `<area key>.<target key>`: the records a target counts. */
  target?: string;
  /** `<area key>.<commitment key>`: the records a quantified commitment counts. */
  commitment?: string;
}

/**
 * An agreement's activities with the filters, 25 at a time ("load more"), with the total and what the caller
 * may record (`permissions`) from the first page. 404 for who is not a party: `enabled` false avoids asking.
 */
export function useActivityList(agreementId: string, filters: ActivityFilters, enabled = true) {
  const server = filters;
  const query = useInfiniteQuery({
    queryKey: [...activitiesKey, 'list', agreementId, server],
    queryFn: ({ pageParam, signal }) =>
      api.get<ActivityList>(
        `/agreements/${agreementId}/activities`,
        { ...(server as Record<string, QueryValue>), limit: 25, cursor: pageParam },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
  });
  const first = query.data?.pages[0];
  return {
    query,
    total: first?.total ?? 0,
    permissions: first?.permissions ?? { record: false, recordAreas: [] },
    table: {
      rows: query.data?.pages.flatMap((page) => page.items) ?? [],
      loading: query.isPending,
      error: query.error,
      onRetry: () => void query.refetch(),
      hasMore: query.hasNextPage,
      loadingMore: query.isFetchingNextPage,
      onLoadMore: () => void query.fetchNextPage(),
    },
  };
}

export function useActivity(id: string | null) {
  return useQuery({
    queryKey: [...activitiesKey, 'one', id],
    queryFn: ({ signal }) => api.get<Activity>(`/activities/${id}`, undefined, signal),
    enabled: id !== null,
  });
}

/** Fetches one activity now (after a version conflict: the record as it is on the server). */
export function fetchActivity(id: string) {
  return api.get<Activity>(`/activities/${id}`);
}

export function useAgreementProgress(agreementId: string, enabled = true) {
  return useQuery({
    queryKey: [...activitiesKey, 'progress', agreementId],
    queryFn: ({ signal }) => api.get<AgreementProgress>(`/agreements/${agreementId}/progress`, undefined, signal),
    enabled,
  });
}

export interface DashboardFilters {
  year?: string;
  partnerId?: string;
  areaKind?: string;
}

export function useDashboard(institutionId: string, filters: DashboardFilters) {
  return useQuery({
    queryKey: [...activitiesKey, 'dashboard', institutionId, filters],
    queryFn: ({ signal }) => api.get<Dashboard>(`/institutions/${institutionId}/dashboard`, filters as Record<string, QueryValue>, signal),
    placeholderData: keepPreviousData,
    enabled: institutionId !== '',
  });
}

export function useExchangeBalance(institutionId: string, partnerId: string | null, year: string | undefined) {
  return useQuery({
    queryKey: [...activitiesKey, 'exchange-balance', institutionId, partnerId, year],
    queryFn: ({ signal }) =>
      api.get<ExchangeBalance>(`/institutions/${institutionId}/exchange-balance`, { partnerId, year }, signal),
    enabled: institutionId !== '' && partnerId !== null,
  });
}

function useActivityWrite<Input, Output>(write: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: (saved) => {
      if (saved && typeof saved === 'object' && 'id' in saved && 'version' in saved) {
        queryClient.setQueryData([...activitiesKey, 'one', (saved as unknown as Activity).id], saved);
      }
      void queryClient.invalidateQueries({ queryKey: activitiesKey });
      void queryClient.invalidateQueries({ queryKey: ['agreements', 'timeline'] });
      void queryClient.invalidateQueries({ queryKey: ['notifications'] });
    },
  });
}

/** Records an activity; with a recurrence, every occurrence of the planned series comes back. */
export const useCreateActivity = (agreementId: string) =>
  useActivityWrite((body: CreateActivityBody) => api.post<z.infer<typeof ActivityCreated>>(`/agreements/${agreementId}/activities`, body));

/** Changes the fields sent, with the version they were based on (409 version_conflict when stale). */
export const useUpdateActivity = () =>
  useActivityWrite(({ id, body }: { id: string; body: UpdateActivityBody }) => api.patch<Activity>(`/activities/${id}`, body));

/** After a failed write: everything about activities is fetched again (a 409 means someone else changed it). */
export function useReloadActivities() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: activitiesKey });
}
