// The agreement lifecycle as an explicit state machine.
//   draft → negotiation → awaiting_approval → active → expiring → expired | terminated | renewed
// Manual transitions are the ones a party's officer may ask for; the automatic ones happen by date
// or when approvals complete (see `dueStatus`).
export type Status =
  | 'draft'
  | 'negotiation'
  | 'awaiting_approval'
  | 'active'
  | 'expiring'
  | 'expired'
  | 'terminated'
  | 'renewed';

export const EXPIRING_DAYS = 90;

const MANUAL: Record<Status, Status[]> = {
  draft: ['negotiation', 'awaiting_approval'],
  negotiation: ['draft', 'awaiting_approval'],
  awaiting_approval: ['negotiation'],
  active: ['terminated'],
  expiring: ['terminated'],
  expired: [],
  terminated: [],
  renewed: [],
};

export function canTransition(from: Status, to: Status): boolean {
  return MANUAL[from].includes(to);
}

export function allowedTransitions(from: Status): Status[] {
  return [...MANUAL[from]];
}

/** States in which the content may still change (an edit voids approvals). */
export const EDITABLE: ReadonlySet<Status> = new Set(['draft', 'negotiation', 'awaiting_approval']);

export interface LifecycleFacts {
  status: Status;
  startDate: string; // YYYY-MM-DD
  endDate: string | null;
  fullyApproved: boolean;
  signedDocument: boolean;
  /** The content's signing date: an agreement is not in force without one. */
  signingDate: string | null;
}

const DAY = 86_400_000;
const dayNumber = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY);

/**
 * The status the agreement should have on `today` (YYYY-MM-DD, the platform's calendar day) without
 * anyone acting: an agreement every party approved, with its signed copy attached and its signing date
 * recorded, becomes active on its start date, expiring within 90 days of its end, expired after it.
 * Terminated and renewed agreements stay as they are.
 */
export function dueStatus(f: LifecycleFacts, today: string): Status {
  if (f.status === 'terminated' || f.status === 'renewed' || f.status === 'expired') return f.status;
  const t = dayNumber(today);
  const inForce = f.status === 'active' || f.status === 'expiring' || missingForForce(f, null).length === 0;
  if (!inForce) return f.status;
  if (t < dayNumber(f.startDate)) return f.status === 'awaiting_approval' ? 'awaiting_approval' : f.status;
  if (f.endDate === null) return 'active';
  const end = dayNumber(f.endDate);
  if (t > end) return 'expired';
  if (end - t <= EXPIRING_DAYS) return 'expiring';
  return 'active';
}

/** What an agreement needs to come into force (besides its start date). */
export type ForceCondition = 'approvals' | 'signed_copy' | 'signing_date' | 'start_date';

/**
 * What the agreement still lacks to come into force, in the order the parties usually get there: every
 * party's approval of the current version, the signed copy, the signing date in the content and, given
 * `today`, the start date reached (null: the date is not asked about).
 */
export function missingForForce(f: Pick<LifecycleFacts, 'fullyApproved' | 'signedDocument' | 'signingDate' | 'startDate'>, today: string | null): ForceCondition[] {
  const missing: ForceCondition[] = [];
  if (!f.fullyApproved) missing.push('approvals');
  if (!f.signedDocument) missing.push('signed_copy');
  if (!f.signingDate) missing.push('signing_date');
  if (today !== null && dayNumber(today) < dayNumber(f.startDate)) missing.push('start_date');
  return missing;
}

/** Whole days from `today` to the end date (negative once past). */
export function daysUntil(endDate: string, today: string): number {
  return dayNumber(endDate) - dayNumber(today);
}
