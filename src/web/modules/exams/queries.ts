import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Me } from '../../../contracts/accounts.ts';
import type {
  AccessLogEntry as AccessLogEntrySchema,
  Candidate as CandidateSchema,
  ConsentChange,
  CreateExam,
  Exam as ExamSchema,
  ExamImportMode,
  ExamImportResult,
  ExamList as ExamListSchema,
  ExamStatistics as ExamStatisticsSchema,
  LookupAnswer,
  PublicExamList,
  ResultLookup,
  SharedResult as SharedResultSchema,
} from '../../../contracts/exams.ts';
import { api, apiPath } from '../../lib/api.ts';
import { i18n } from '../../lib/i18n.ts';
import { uploadImportFile } from '../activities/import-queries.ts';
import { meQueryKey } from '../session/session.ts';

// Exams data: the list, one exam, its statistics, the writes (define, publish, import through XMLHttpRequest for its
// upload progress), and the public lookup with consents (no session).
export const examsKey = ['exams'] as const;

export type Exam = z.infer<typeof ExamSchema>;
export type ExamSummary = z.infer<typeof ExamListSchema>['items'][number];
export type Candidate = z.infer<typeof CandidateSchema>;
export type SharedResult = z.infer<typeof SharedResultSchema>;
export type AccessLogEntry = z.infer<typeof AccessLogEntrySchema>;
export type ExamStatistics = z.infer<typeof ExamStatisticsSchema>;
export type ExamDefinition = z.input<typeof CreateExam>;
export type { ExamImportResult, LookupAnswer };

/** The largest file the server takes (it answers 413 above). */
export const MAX_EXAM_IMPORT_BYTES = 20 * 1024 * 1024;

export function useExams() {
  return useQuery({ queryKey: [...examsKey, 'list'], queryFn: ({ signal }) => api.get<z.infer<typeof ExamListSchema>>('/exams', undefined, signal) });
}

export function useExam(id: string) {
  return useQuery({ queryKey: [...examsKey, 'one', id], queryFn: ({ signal }) => api.get<Exam>(`/exams/${id}`, undefined, signal) });
}

export function useExamStatistics(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...examsKey, 'statistics', id],
    queryFn: ({ signal }) => api.get<ExamStatistics>(`/exams/${id}/statistics`, undefined, signal),
    enabled,
  });
}

function useRefresh() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: examsKey });
}

export function useCreateExam() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: ExamDefinition) => api.post<Exam>('/exams', body), onSuccess: refresh });
}

export function useUpdateExam(id: string) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: ExamDefinition & { version: number }) => api.put<Exam>(`/exams/${id}`, body), onSuccess: refresh });
}

export function usePublishExam(id: string) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (version: number) => api.post<Exam>(`/exams/${id}/publish`, { version }), onSuccess: refresh });
}

/** The template to fill in, in the UI's language. */
export const examImportTemplateUrl = (examId: string, format: 'xlsx' | 'csv') => apiPath(`/exams/${examId}/import-template`, { format, lang: i18n.language });

export function useExamImport(examId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { file: File; mode: ExamImportMode; onProgress: (share: number) => void }) =>
      uploadImportFile<ExamImportResult>(`/exams/${examId}/import`, input.file, input.mode, queryClient.getQueryData<Me | null>(meQueryKey)?.csrfToken ?? null, input.onProgress),
    onSuccess: (result) => {
      if (result.created > 0) void queryClient.invalidateQueries({ queryKey: examsKey });
    },
  });
}

// ---- public (no session)

export function usePublishedExams() {
  return useQuery({ queryKey: [...examsKey, 'public'], queryFn: ({ signal }) => api.get<z.infer<typeof PublicExamList>>('/public/exams', undefined, signal) });
}

export function useLookup() {
  return useMutation({ mutationFn: (body: z.input<typeof ResultLookup>) => api.post<LookupAnswer>('/public/exam-results', body) });
}

export function useConsent() {
  return useMutation({ mutationFn: (body: z.input<typeof ConsentChange>) => api.put<LookupAnswer>('/public/exam-consents', body) });
}
