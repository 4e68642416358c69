import { can } from '../../platform/capabilities.ts';
import type { Actor } from '../../platform/context.ts';
import { agreementReading, canRead } from '../agreements/policy.ts';

// Who may do what with a delegation (docs/delegations.md):
//  - read it: the users of the agreement's parties who read the agreement whole, and platform admins — the rule of
//    activities (a delegation is a party record of the agreement); everyone else gets 404;
//  - request, edit, submit, cancel, keep the programme and report: the handling institution's officers and admins
//    (`delegations.request`; API tokens with agreements:write). The partner reads, never changes;
//  - approve or reject: the approvers named at submission, or, when none was named, the handling institution's
//    leadership (`delegations.approve`: its institution admins);
//  - the guests' personal data and the documents made from it: the handling office only — the handling
//    institution's officers and admins (`delegations.guests`), no API token, and not platform admins by their
//    platform role (they operate the platform, they do not handle visas).

type Status = Parameters<typeof agreementReading>[1]['status'];
export interface AgreementFacts {
  partyIds: readonly string[];
  status: Status;
  involved: boolean;
}
export interface DelegationFacts {
  institution_id: string;
  status: string;
  end_date: string;
  guests_erased_at: Date | string | null;
}

const isOperator = (actor: Actor) => actor.roles.includes('platform_admin');
/** The actor's own staff roles: a platform admin acts for an institution only through a role of their own. */
const ownRoles = (actor: Actor): Actor => ({ ...actor, roles: actor.roles.filter((r) => r !== 'platform_admin') });
const handles = (actor: Actor, d: { institution_id: string }) => actor.institutionId === d.institution_id;

export function mayReadDelegations(actor: Actor, agreement: AgreementFacts): boolean {
  if (!canRead(actor)) return false;
  if (isOperator(actor)) return true;
  return agreement.partyIds.includes(actor.institutionId) && agreementReading(actor, agreement).view === 'full';
}

/** Request delegations under this agreement for the own institution (a party; not under a draft). */
export function mayRequestDelegations(actor: Actor, agreement: AgreementFacts): boolean {
  return canRead(actor) && agreement.status !== 'draft' && agreement.partyIds.includes(actor.institutionId) && can(ownRoles(actor), 'delegations.request');
}

/** Request delegations at all (the list's button): the capability, for the own institution. */
export const mayRequestAny = (actor: Actor) => canRead(actor) && can(ownRoles(actor), 'delegations.request');

/** Prepare the delegation: the handling institution's officers and admins. */
export const mayPrepare = (actor: Actor, d: { institution_id: string }) => canRead(actor) && handles(actor, d) && can(ownRoles(actor), 'delegations.request');

/** The handling office: guests' personal data and the documents made from it. */
export const mayReadGuests = (actor: Actor, d: { institution_id: string }) => actor.kind === 'user' && handles(actor, d) && can(ownRoles(actor), 'delegations.guests');

/** Decide a submitted delegation: a named approver, or (none named) the handling institution's leadership. */
export function mayDecide(actor: Actor, d: { institution_id: string; status: string }, approverIds: readonly string[]): boolean {
  if (d.status !== 'submitted' || actor.kind !== 'user' || !handles(actor, d)) return false;
  if (approverIds.length > 0) return actor.userId !== null && approverIds.includes(actor.userId);
  return can(ownRoles(actor), 'delegations.approve');
}

export const EDITABLE: readonly string[] = ['draft', 'rejected'];
export const PROGRAMME_EDITABLE: readonly string[] = ['draft', 'rejected', 'submitted', 'approved'];
export const CANCELLABLE: readonly string[] = ['draft', 'submitted', 'approved', 'rejected'];

export function delegationPermissions(actor: Actor, d: DelegationFacts, approverIds: readonly string[], today: string) {
  const prepare = mayPrepare(actor, d);
  return {
    edit: prepare && EDITABLE.includes(d.status),
    submit: prepare && EDITABLE.includes(d.status),
    decide: mayDecide(actor, d, approverIds),
    cancel: prepare && CANCELLABLE.includes(d.status),
    report: prepare && d.status === 'approved' && d.end_date <= today,
    editProgramme: prepare && PROGRAMME_EDITABLE.includes(d.status),
    readGuests: mayReadGuests(actor, d),
  };
}
