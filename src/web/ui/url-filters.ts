import { useSearchParams } from 'react-router';

// List filters live in the URL, so a filtered list can be bookmarked, shared and returned to. An empty
// value is no parameter at all. Changing a filter changes the list's query key, so the list starts again
// from its first page (see useKeysetList).
export interface UrlFilters<K extends string = string> {
  keys: readonly K[];
  values: Record<K, string>;
  setFilter: (key: K, value: string | null) => void;
  setFilters: (changes: Partial<Record<K, string | null>>) => void;
}

export function useUrlFilters<K extends string>(keys: readonly K[]): UrlFilters<K> {
  const [params, setParams] = useSearchParams();
  const values = Object.fromEntries(keys.map((key) => [key, params.get(key) ?? ''])) as Record<K, string>;
  const setFilters = (changes: Partial<Record<K, string | null>>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes) as [K, string | null][]) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
  };
  const setFilter = (key: K, value: string | null) => setFilters({ [key]: value } as Partial<Record<K, string | null>>);
  return { keys, values, setFilter, setFilters };
}
