import type { AgreementStatus } from '../../../contracts/agreements.ts';

// The steps of an agreement's life as the lifecycle panel shows them: draft → negotiation → awaiting approval →
// active → expiring → end. An open-ended agreement (no end date) never expires, so it has no "expiring" step. A
// step before the current one is done only if the agreement went through it (its timeline says so); one it went
// past without (a draft sent straight for approval, an agreement terminated while active) is skipped.

export type StepKey = 'draft' | 'negotiation' | 'awaiting_approval' | 'active' | 'expiring' | 'end';
export type StepState = 'done' | 'skipped' | 'current' | 'upcoming';
export interface LifecycleStep {
  key: StepKey;
  state: StepState;
}

const FINAL: AgreementStatus[] = ['expired', 'terminated', 'renewed'];

/** What the timeline tells about the statuses: `status` entries name the new one; an approval means approval was awaited. */
export interface HistoryEntry {
  action: string;
  detail: unknown;
}

/** The statuses the agreement has been in, by its timeline (a draft first, always). */
export function visitedStatuses(history: readonly HistoryEntry[]): Set<string> {
  const visited = new Set<string>(['draft']);
  for (const entry of history) {
    const status = (entry.detail as { status?: unknown } | null)?.status;
    if (entry.action === 'status' && typeof status === 'string') visited.add(status);
    if (entry.action === 'approve') visited.add('awaiting_approval');
  }
  return visited;
}

/**
 * The steps for an agreement in `status` ending on `endDate` (null: open-ended). `history` is its timeline; without
 * it (not loaded, not readable) every step before the current one counts as done.
 */
export function lifecycleSteps(status: AgreementStatus, endDate: string | null, history?: readonly HistoryEntry[]): LifecycleStep[] {
  const keys: StepKey[] = ['draft', 'negotiation', 'awaiting_approval', 'active', ...(endDate === null && status !== 'expiring' ? [] : ['expiring' as const]), 'end'];
  const current = FINAL.includes(status) ? keys.length - 1 : keys.indexOf(status as StepKey);
  const visited = history ? visitedStatuses(history) : null;
  return keys.map((key, index) => {
    if (index === current) return { key, state: FINAL.includes(status) ? 'done' : 'current' };
    if (index > current) return { key, state: 'upcoming' };
    return { key, state: visited === null || visited.has(key) ? 'done' : 'skipped' };
  });
}
