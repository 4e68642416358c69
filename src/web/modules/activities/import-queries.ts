import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Me } from '../../../contracts/accounts.ts';
import type { ActivityImportMode, ActivityImportResult } from '../../../contracts/activities.ts';
import { ApiError, apiPath } from '../../lib/api.ts';
import { i18n } from '../../lib/i18n.ts';
import { meQueryKey } from '../session/session.ts';

// The bulk import of activities (POST /agreements/{id}/activities/import): through XMLHttpRequest rather than
// fetch, for its upload progress. The template downloads from a plain link.

export type { ActivityImportMode, ActivityImportResult };

/** The template to fill in, in the UI's language. */
export const activityImportTemplateUrl = (agreementId: string, format: 'xlsx' | 'csv') =>
  apiPath(`/agreements/${agreementId}/activities/import-template`, { format, lang: i18n.language });

/** The largest file the server takes (it answers 413 above). */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/**
 * Uploads an import file (`mode`, then `file`) to an import route of the API (e.g. `/agreements/{id}/activities/import`,
 * `/exams/{id}/import`); `onProgress` hears the share uploaded (0…1).
 */
export function uploadImportFile<T>(path: string, file: File, mode: string, csrfToken: string | null, onProgress: (share: number) => void) {
  return new Promise<T>((resolve, reject) => {
    const form = new FormData();
    // The server reads the mode before the file.
    form.append('mode', mode);
    form.append('file', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', apiPath(path, { lang: i18n.language }));
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', i18n.language);
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.withCredentials = true;
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.upload.onload = () => onProgress(1);
    xhr.onerror = () => reject(new ApiError(0, 'network', i18n.t('common.networkError'), undefined, undefined));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as T);
      const error = (body as { error?: { code?: string; message?: string; details?: Record<string, unknown> }; requestId?: string } | undefined)?.error;
      reject(
        error?.code
          ? new ApiError(xhr.status, error.code, error.message ?? error.code, error.details, (body as { requestId?: string }).requestId)
          : new ApiError(xhr.status, 'http_error', i18n.t('common.httpError', { status: xhr.status }), undefined, undefined),
      );
    };
    xhr.send(form);
  });
}

/** Uploads the file in a mode; `onProgress` hears the share uploaded (0…1). Saved activities refresh the agreement's lists. */
export function useActivityImport(agreementId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { file: File; mode: ActivityImportMode; onProgress: (share: number) => void }) =>
      uploadImportFile<ActivityImportResult>(
        `/agreements/${agreementId}/activities/import`,
        input.file,
        input.mode,
        queryClient.getQueryData<Me | null>(meQueryKey)?.csrfToken ?? null,
        input.onProgress,
      ),
    onSuccess: (result) => {
      if (result.created === 0) return;
      void queryClient.invalidateQueries({
        predicate: (query) => query.queryKey[0] === 'activities' || JSON.stringify(query.queryKey).includes(agreementId),
      });
    },
  });
}
