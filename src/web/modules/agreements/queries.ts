import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  Agreement,
  AgreementContent,
  AgreementStatus,
  AgreementSummary as AgreementSummarySchema,
  AgreementVisibility,
  Comment as CommentSchema,
  DiffEntry as DiffEntrySchema,
  MetricInfo as MetricInfoSchema,
  PrivateNote as PrivateNoteSchema,
  TimelineEntry as TimelineEntrySchema,
  VersionDetail as VersionDetailSchema,
  VersionDiff as VersionDiffSchema,
  VersionInfo as VersionInfoSchema,
} from '../../../contracts/agreements.ts';
import { DocumentKind as DocumentKindSchema, type DocumentKind } from '../../../contracts/agreements.ts';
import { api, apiPath, type QueryValue } from '../../lib/api.ts';
import { useKeysetList } from '../../ui/keyset.ts';

// Agreements data: the list, one agreement and everything beside its content (approvals, documents,
// versions, comments, private note, timeline). Every write refreshes what is cached about agreements
// and the notification bell (a write may notify the other parties and change the status).
export const agreementsKey = ['agreements'] as const;

export type AgreementSummary = z.infer<typeof AgreementSummarySchema>;
export type AgreementVisibilityValue = z.infer<typeof AgreementVisibility>;
export type VersionInfo = z.infer<typeof VersionInfoSchema>;
export type VersionDetail = z.infer<typeof VersionDetailSchema>;
export type VersionDiff = z.infer<typeof VersionDiffSchema>;
export type DiffEntry = z.infer<typeof DiffEntrySchema>;
export type AgreementComment = z.infer<typeof CommentSchema>;
export type PrivateNote = z.infer<typeof PrivateNoteSchema>;
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;
export type MetricInfo = z.infer<typeof MetricInfoSchema>;

export interface AgreementDocument {
  id: string;
  documentKey: string;
  revision: number;
  kind: DocumentKind;
  title: string;
  fileId: string;
  sha256: string;
  sizeBytes: number;
  mimeType: string;
  fileName: string;
  uploadedBy: string;
  createdAt: string;
}
/** Declared once, in the contract. */
export const DOCUMENT_KINDS = DocumentKindSchema.options;

export function useAgreementList(filters: Record<string, QueryValue>) {
  return useKeysetList<AgreementSummary>([...agreementsKey, 'list'], '/agreements', filters);
}

/** Where the XLSX export of the list with these filters downloads from. */
export function agreementsExportUrl(filters: Record<string, QueryValue>): string {
  return apiPath('/agreements/export.xlsx', filters);
}

const SUMMARY_LIMIT = 200;

/**
 * How many agreements of each status match the filters (status itself aside). The API has no count, so
 * this reads the first 200 and says "more" beyond.
 */
export function useStatusCounts(filters: Record<string, QueryValue>) {
  return useQuery({
    queryKey: [...agreementsKey, 'status-counts', filters],
    queryFn: async ({ signal }) => {
      const summary = await api.get<{ total: number; byStatus: Partial<Record<AgreementStatus, number>> }>('/agreements/summary', filters, signal);
      return { counts: summary.byStatus, total: summary.total };
    },
  });
}

/** Framework agreements (MoU, cooperation, strategic) a specific agreement or annex can sit under. */
export function useFrameworkOptions(enabled: boolean) {
  return useQuery({
    queryKey: [...agreementsKey, 'frameworks'],
    queryFn: ({ signal }) =>
      api
        .get<{ items: AgreementSummary[] }>('/agreements', { limit: SUMMARY_LIMIT, sort: 'title' }, signal)
        .then((page) => page.items.filter((a) => a.kind === 'mou' || a.kind === 'cooperation' || a.kind === 'strategic')),
    enabled,
    staleTime: 60_000,
  });
}

export function useAgreement(id: string) {
  return useQuery({
    queryKey: [...agreementsKey, 'one', id],
    queryFn: ({ signal }) => api.get<Agreement>(`/agreements/${id}`, undefined, signal),
  });
}

export function useMetrics() {
  return useQuery({
    queryKey: ['metrics'],
    queryFn: ({ signal }) => api.get<{ items: MetricInfo[] }>('/metrics', undefined, signal).then((r) => r.items),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useVersions(id: string) {
  return useQuery({
    queryKey: [...agreementsKey, 'versions', id],
    queryFn: ({ signal }) => api.get<{ items: VersionInfo[] }>(`/agreements/${id}/versions`, undefined, signal).then((r) => r.items),
  });
}

export function useVersionDetail(id: string, versionNo: number | null) {
  return useQuery({
    queryKey: [...agreementsKey, 'version', id, versionNo],
    queryFn: ({ signal }) => api.get<VersionDetail>(`/agreements/${id}/versions/${versionNo}`, undefined, signal),
    enabled: versionNo !== null,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useDiff(id: string, from: number | null, to: number | null) {
  return useQuery({
    queryKey: [...agreementsKey, 'diff', id, from, to],
    queryFn: ({ signal }) => api.get<VersionDiff>(`/agreements/${id}/diff`, { from, to }, signal),
    enabled: from !== null && to !== null && from !== to,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useComments(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...agreementsKey, 'comments', id],
    queryFn: ({ signal }) => api.get<{ items: AgreementComment[] }>(`/agreements/${id}/comments`, undefined, signal).then((r) => r.items),
    enabled,
  });
}

export function usePrivateNote(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...agreementsKey, 'note', id],
    queryFn: ({ signal }) => api.get<PrivateNote>(`/agreements/${id}/note`, undefined, signal),
    enabled,
  });
}

export function useTimeline(id: string) {
  return useQuery({
    queryKey: [...agreementsKey, 'timeline', id],
    queryFn: ({ signal }) => api.get<{ items: TimelineEntry[] }>(`/agreements/${id}/timeline`, undefined, signal).then((r) => r.items),
  });
}

export function useDocuments(id: string) {
  return useQuery({
    queryKey: [...agreementsKey, 'documents', id],
    queryFn: ({ signal }) => api.get<{ items: AgreementDocument[] }>(`/agreements/${id}/documents`, undefined, signal).then((r) => r.items),
  });
}

export const fileUrl = (fileId: string) => apiPath(`/files/${fileId}/content`);

function useAgreementWrite<Input, Output>(write: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: (saved) => {
      if (saved && typeof saved === 'object' && 'contentHash' in saved && 'id' in saved) {
        queryClient.setQueryData([...agreementsKey, 'one', (saved as unknown as Agreement).id], saved);
      }
      void queryClient.invalidateQueries({ queryKey: agreementsKey });
      void queryClient.invalidateQueries({ queryKey: ['notifications'] });
    },
  });
}

export const useCreateAgreement = () =>
  useAgreementWrite((body: { content: AgreementContent; visibility: AgreementVisibilityValue }) => api.post<Agreement>('/agreements', body));

export const useUpdateAgreement = (id: string) =>
  useAgreementWrite(
    (body: { baseVersion: number; content?: AgreementContent; visibility?: AgreementVisibilityValue; changeNote?: string }) =>
      api.patch<Agreement>(`/agreements/${id}`, body),
  );

export const useApprove = (id: string) =>
  useAgreementWrite((contentHash: string) => api.post<Agreement>(`/agreements/${id}/approvals`, { contentHash }));

export const useTransition = (id: string) =>
  useAgreementWrite((body: { to: AgreementStatus; reason?: string; noticeDate?: string }) =>
    api.post<Agreement>(`/agreements/${id}/transitions`, body),
  );

export const useRenew = (id: string) =>
  useAgreementWrite((body: { startDate: string; endDate: string | null }) => api.post<Agreement>(`/agreements/${id}/renewal`, body));

export const useAddComment = (id: string) =>
  useAgreementWrite((body: { kind: 'comment' | 'proposal'; areaKey: string | null; clause: string | null; body: string }) =>
    api.post<AgreementComment>(`/agreements/${id}/comments`, body),
  );

export const useSaveNote = (id: string) =>
  useAgreementWrite((body: { body: string; version: number }) => api.put<PrivateNote>(`/agreements/${id}/note`, body));

export const useUploadDocument = (id: string) =>
  useAgreementWrite((input: { kind: string; title: string; documentKey: string | null; file: File }) => {
    // The server reads the text fields before the file: they go first.
    const form = new FormData();
    form.append('kind', input.kind);
    form.append('title', input.title);
    if (input.documentKey) form.append('documentKey', input.documentKey);
    form.append('file', input.file, input.file.name);
    return api.upload<AgreementDocument>(`/agreements/${id}/documents`, form);
  });
