import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { api, type QueryValue } from '../lib/api.ts';

// A keyset-paginated list (`?limit=&cursor=` → `{ items, nextCursor }`) as rows plus "load more",
// ready to spread into <DataTable>.
export interface KeysetPage<T> {
  items: T[];
  nextCursor: string | null;
}

export function useKeysetList<T>(
  queryKey: readonly unknown[],
  path: string,
  filters: Record<string, QueryValue>,
  options: { limit?: number; enabled?: boolean } = {},
) {
  const query = useInfiniteQuery({
    queryKey: [...queryKey, filters],
    queryFn: ({ pageParam, signal }) => api.get<KeysetPage<T>>(path, { ...filters, limit: options.limit ?? 25, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
  return {
    rows: query.data?.pages.flatMap((page) => page.items) ?? [],
    loading: query.isPending,
    error: query.error,
    onRetry: () => void query.refetch(),
    hasMore: query.hasNextPage,
    loadingMore: query.isFetchingNextPage,
    onLoadMore: () => void query.fetchNextPage(),
  };
}

/** A list loaded whole (no pages), likewise ready to spread into <DataTable>. */
export function wholeList<T>(query: { data: T[] | undefined; isPending: boolean; error: unknown; refetch: () => unknown }) {
  return { rows: query.data ?? [], loading: query.isPending, error: query.error, onRetry: () => void query.refetch() };
}
