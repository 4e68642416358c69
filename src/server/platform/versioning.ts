import { sql } from 'kysely';
import { AppError } from './errors.ts';

// Optimistic concurrency: every editable record carries `version`. An edit names the version it was
// based on; the service locks the row, compares, and refuses a stale edit with 409 and the current
// record, so the user sees what changed instead of silently overwriting it.
export function assertVersion<T extends { version: number }>(current: T, expected: number, present: (row: T) => unknown) {
  if (current.version !== expected) {
    throw new AppError('version_conflict', {
      params: { current: current.version },
      details: { current: present(current), yourVersion: expected },
    });
  }
}

/** Keys of `patch` whose values differ from `current` (for audit entries and no-op detection). */
export function changedKeys(current: Record<string, unknown>, patch: Record<string, unknown>): string[] {
  return Object.keys(patch).filter((k) => patch[k] !== undefined && JSON.stringify(current[k]) !== JSON.stringify(patch[k]));
}

/** The columns every edit of a versioned record sets: the next version and the time of the change. */
export const nextVersion = () => ({ version: sql<number>`version + 1`, updated_at: sql<Date>`now()` });

/**
 * `archived_at` after an edit that may archive or restore: unchanged when the edit says nothing,
 * kept when archiving what is already archived (the first date stays), cleared when restoring.
 */
export function archivedAtAfter(archived: boolean | undefined, current: Date | null): Date | null | undefined {
  if (archived === undefined) return undefined;
  return archived ? (current ?? new Date()) : null;
}
