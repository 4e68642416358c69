import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Me } from '../../../contracts/accounts.ts';
import type {
  CreateEquivalenceTable,
  EquivalenceTableList,
  EquivalenceTableRecord,
  UpdateEquivalenceTable,
  CreateProgram,
  CreateSeason,
  PreferenceImportResult as PreferenceImportResultSchema,
  Program,
  ProgramList,
  Run,
  RunKind,
  RunCandidate as RunCandidateSchema,
  RunComparison as RunComparisonSchema,
  RunList,
  RunSummary as RunSummarySchema,
  Season,
  SeasonList,
  SetSeasonMembers,
  UpdateProgram,
  UpdateSeason,
} from '../../../contracts/admissions.ts';
import { api, apiPath } from '../../lib/api.ts';
import { uploadImportFile } from '../activities/import-queries.ts';
import { meQueryKey } from '../session/session.ts';

// Admissions data (modules/admissions on the server): seasons, their programs, the preference import (through
// XMLHttpRequest for its upload progress), runs — polled while one is queued or running — and a run's results.
export const admissionsKey = ['admissions'] as const;

export type { Program, Run, Season };
export type RunSummary = z.infer<typeof RunSummarySchema>;
export type ProgramSummary = RunSummary['programs'][number];
export type RunCandidate = z.infer<typeof RunCandidateSchema>;
export type RunComparison = z.infer<typeof RunComparisonSchema>;
export type CandidateMove = RunComparison['moves']['items'][number];
export type PreferenceImportResult = z.infer<typeof PreferenceImportResultSchema>;
export type ProgramInput = z.input<typeof CreateProgram>;
export type EquivalenceTable = EquivalenceTableRecord;

/** The largest preference file the server takes (it answers 413 above). */
export const MAX_PREFERENCE_IMPORT_BYTES = 20 * 1024 * 1024;
/** How often a queued or running run is asked for its progress. */
export const RUN_POLL_MS = 1000;

export const isActive = (run: Pick<Run, 'status'>) => run.status === 'queued' || run.status === 'running';

export function useSeasons() {
  return useQuery({
    queryKey: [...admissionsKey, 'seasons'],
    queryFn: ({ signal }) => api.get<z.infer<typeof SeasonList>>('/admission-seasons', undefined, signal),
  });
}

export function useSeason(id: string) {
  return useQuery({
    queryKey: [...admissionsKey, 'season', id],
    queryFn: ({ signal }) => api.get<Season>(`/admission-seasons/${id}`, undefined, signal),
  });
}

export function usePrograms(seasonId: string) {
  return useQuery({
    queryKey: [...admissionsKey, 'programs', seasonId],
    queryFn: ({ signal }) => api.get<z.infer<typeof ProgramList>>(`/admission-seasons/${seasonId}/programs`, undefined, signal),
  });
}

/** The season's runs, asked again every second while one of them is queued or running. */
export function useRuns(seasonId: string) {
  const client = useQueryClient();
  return useQuery({
    queryKey: [...admissionsKey, 'runs', seasonId],
    queryFn: async ({ signal }) => {
      const list = await api.get<z.infer<typeof RunList>>(`/admission-seasons/${seasonId}/runs`, undefined, signal);
      const before = client.getQueryData<z.infer<typeof RunList>>([...admissionsKey, 'runs', seasonId]);
      // A run that ended since the last answer changes the season (its status, what may be edited).
      if (before?.items.some((r) => isActive(r) && list.items.some((x) => x.id === r.id && !isActive(x)))) {
        void client.invalidateQueries({ queryKey: [...admissionsKey, 'season', seasonId] });
      }
      return list;
    },
    refetchInterval: (query) => (query.state.data?.items.some(isActive) ? RUN_POLL_MS : false),
  });
}

export function useRun(id: string) {
  return useQuery({
    queryKey: [...admissionsKey, 'run', id],
    queryFn: ({ signal }) => api.get<Run>(`/admission-runs/${id}`, undefined, signal),
    refetchInterval: (query) => (query.state.data && isActive(query.state.data) ? RUN_POLL_MS : false),
  });
}

/** Per program: quota, admitted, cutoff and the score histograms (409 until the run is done). */
export function useRunSummary(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...admissionsKey, 'summary', id],
    queryFn: ({ signal }) => api.get<RunSummary>(`/admission-runs/${id}/summary`, undefined, signal),
    enabled,
  });
}

/** Run A against run B: per program figures and their change, and the candidates who moved, page by page. */
export function useRunComparison(a: string, b: string | null, program: string | null) {
  return useInfiniteQuery({
    queryKey: [...admissionsKey, 'compare', a, b, program],
    queryFn: ({ pageParam, signal }) =>
      api.get<RunComparison>(`/admission-runs/${a}/compare`, { with: b, program, limit: 50, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.moves.nextCursor ?? undefined,
    enabled: b !== null,
  });
}

/** A run's result files in the CLI's formats (docs/admission.md §2), downloaded from plain links. */
export const RUN_FILES = ['results.xlsx', 'assignments.csv', 'cutoffs.csv', 'programs.csv', 'applications.csv'] as const;
export const runFileUrl = (runId: string, file: (typeof RUN_FILES)[number]) => apiPath(`/admission-runs/${runId}/${file}`);

function useRefresh() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: admissionsKey });
}

export function useCreateSeason() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: z.input<typeof CreateSeason>) => api.post<Season>('/admission-seasons', body),
    onSuccess: refresh,
  });
}

export function useUpdateSeason(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: z.input<typeof UpdateSeason>) => api.patch<Season>(`/admission-seasons/${id}`, body),
    onSuccess: refresh,
  });
}

/** Sets a consortium season's members besides the coordinator, with the season's version (409 when stale or after its first run). */
export function useSetSeasonMembers(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: z.input<typeof SetSeasonMembers>) => api.put<Season>(`/admission-seasons/${id}/members`, body),
    onSuccess: refresh,
  });
}

/**
 * Deletes a season. It leaves the cached list at once; the queries are only marked stale: asked again now, the page
 * still showing the season would get 404s before the caller leaves it for the list (which then asks again).
 */
export function useDeleteSeason(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete(`/admission-seasons/${id}`),
    onSuccess: () => {
      client.setQueryData<z.infer<typeof SeasonList>>([...admissionsKey, 'seasons'], (list) => list && { items: list.items.filter((s) => s.id !== id) });
      return client.invalidateQueries({ queryKey: admissionsKey, refetchType: 'none' });
    },
  });
}

export function useCreateProgram(seasonId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: ProgramInput) => api.post<Program>(`/admission-seasons/${seasonId}/programs`, body),
    onSuccess: refresh,
  });
}

export function useUpdateProgram() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: z.input<typeof UpdateProgram> }) =>
      api.patch<Program>(`/admission-programs/${id}`, body),
    onSuccess: refresh,
  });
}

export function useDeleteProgram() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (id: string) => api.delete(`/admission-programs/${id}`), onSuccess: refresh });
}

/** Uploads the preferences file: `preview` checks every row and saves nothing; `all` replaces the season's preferences. */
export function usePreferenceImport(seasonId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { file: File; mode: 'preview' | 'all'; onProgress: (share: number) => void }) =>
      uploadImportFile<PreferenceImportResult>(
        `/admission-seasons/${seasonId}/preferences/import`,
        input.file,
        input.mode,
        client.getQueryData<Me | null>(meQueryKey)?.csrfToken ?? null,
        input.onProgress,
      ),
    onSuccess: (_, input) => {
      if (input.mode === 'all') void client.invalidateQueries({ queryKey: [...admissionsKey, 'season', seasonId] });
    },
  });
}

export function useStartRun(seasonId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (kind: z.infer<typeof RunKind>) => api.post<Run>(`/admission-seasons/${seasonId}/runs`, { kind }),
    onSuccess: refresh,
  });
}

/** Publishes a done final run with the season's version (409 when stale); candidates then see their outcome. */
export function usePublishRun(runId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (version: number) => api.post<Season>(`/admission-runs/${runId}/publish`, { version }),
    onSuccess: refresh,
  });
}

export function useCancelRun() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (id: string) => api.post<Run>(`/admission-runs/${id}/cancel`), onSuccess: refresh });
}

/** The season's equivalence tables (programs' methods name them). */
export function useEquivalenceTables(seasonId: string) {
  return useQuery({
    queryKey: [...admissionsKey, 'equivalence', seasonId],
    queryFn: ({ signal }) => api.get<z.infer<typeof EquivalenceTableList>>(`/admission-seasons/${seasonId}/equivalence-tables`, undefined, signal),
  });
}

export function useCreateEquivalenceTable(seasonId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: z.input<typeof CreateEquivalenceTable>) => api.post<EquivalenceTable>(`/admission-seasons/${seasonId}/equivalence-tables`, body),
    onSuccess: refresh,
  });
}

export function useUpdateEquivalenceTable() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: z.input<typeof UpdateEquivalenceTable> }) =>
      api.patch<EquivalenceTable>(`/admission-equivalence-tables/${id}`, body),
    onSuccess: refresh,
  });
}

export function useDeleteEquivalenceTable() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (id: string) => api.delete(`/admission-equivalence-tables/${id}`), onSuccess: refresh });
}
