import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Consortium, Institution, Person, Unit } from '../../../contracts/directory.ts';
import { api, type QueryValue } from '../../lib/api.ts';
import { useKeysetList } from '../../ui/keyset.ts';

// Directory data: institutions, their units and people. Writes refresh every directory list.
export const directoryKey = ['directory'] as const;

export function useInstitutionList(filters: Record<string, QueryValue>) {
  return useKeysetList<Institution>([...directoryKey, 'institutions'], '/institutions', filters);
}

/** Institutions for pickers (filters, selects): the first 200 by name. */
export function useInstitutionOptions() {
  return useQuery({
    queryKey: [...directoryKey, 'institution-options'],
    queryFn: ({ signal }) =>
      api.get<{ items: Institution[] }>('/institutions', { limit: 200, sort: 'name' }, signal).then((page) => page.items),
    staleTime: 60_000,
  });
}

export function useInstitution(id: string) {
  return useQuery({
    queryKey: [...directoryKey, 'institution', id],
    queryFn: ({ signal }) => api.get<Institution>(`/institutions/${id}`, undefined, signal),
  });
}

/** All units of an institution, archived ones included (flagged), so they can be shown and restored. */
export function useUnits(institutionId: string | null | undefined) {
  return useQuery({
    queryKey: [...directoryKey, 'units', institutionId],
    queryFn: ({ signal }) =>
      api.get<{ items: Unit[] }>(`/institutions/${institutionId}/units`, { archived: 'include' }, signal).then((list) => list.items),
    enabled: Boolean(institutionId),
  });
}

export function usePeopleList(filters: Record<string, QueryValue>, enabled = true) {
  return useKeysetList<Person>([...directoryKey, 'people'], '/people', filters, { enabled });
}

export function usePerson(id: string | null | undefined) {
  return useQuery({
    queryKey: [...directoryKey, 'person', id],
    queryFn: ({ signal }) => api.get<Person>(`/people/${id}`, undefined, signal),
    enabled: Boolean(id),
  });
}

function useDirectoryWrite<Input, Output>(write: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: directoryKey }),
  });
}

export const useCreateInstitution = () => useDirectoryWrite((body: object) => api.post<Institution>('/institutions', body));
export const useUpdateInstitution = (id: string) =>
  useDirectoryWrite((body: object) => api.patch<Institution>(`/institutions/${id}`, body));
export const useCreateUnit = (institutionId: string) =>
  useDirectoryWrite((body: object) => api.post<Unit>(`/institutions/${institutionId}/units`, body));
export const useUpdateUnit = () => useDirectoryWrite(({ id, body }: { id: string; body: object }) => api.patch<Unit>(`/units/${id}`, body));
export const useCreatePerson = (institutionId: string) =>
  useDirectoryWrite((body: object) => api.post<Person>(`/institutions/${institutionId}/people`, body));
export const useUpdatePerson = (id: string) => useDirectoryWrite((body: object) => api.patch<Person>(`/people/${id}`, body));

export type ConsortiumRow = z.infer<typeof Consortium>;

export function useConsortia() {
  return useQuery({
    queryKey: [...directoryKey, 'consortia'],
    queryFn: ({ signal }) => api.get<{ items: ConsortiumRow[] }>('/consortia', undefined, signal).then((list) => list.items),
    staleTime: 60_000,
  });
}
