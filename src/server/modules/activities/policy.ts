import { can } from '../../platform/capabilities.ts';
import type { Actor } from '../../platform/context.ts';
import { agreementReading, canRead } from '../agreements/policy.ts';

// Activities belong to the agreement they are under (docs/agreement-visibility.md, "Activities"):
//  - every party reads them — each user of a party who reads the agreement whole (policy.ts agreementReading
//    `full`), and platform admins; nobody else, whatever the agreement's visibility (public activities are for
//    the public portal, later);
//  - a party's officers, admins and coordinators record and edit them (`activities.record`; API tokens with
//    agreements:write), and so does a point of contact for the areas they are the contact of, whatever their role;
//  - once the agreement left the draft: working sessions of the negotiation (HNUE–HMU, 13 January 2026) are
//    activities too, read then by the parties' negotiators only (a party's members read it whole once signed).

type Status = Parameters<typeof agreementReading>[1]['status'];
interface AgreementFacts {
  partyIds: readonly string[];
  status: Status;
  involved: boolean;
}

const isOperator = (actor: Actor) => actor.roles.includes('platform_admin');
const ownRoles = (actor: Actor): Actor => ({ ...actor, roles: actor.roles.filter((r) => r !== 'platform_admin') });

export function mayReadActivities(actor: Actor, agreement: AgreementFacts): boolean {
  if (!canRead(actor)) return false;
  if (isOperator(actor)) return true;
  return agreement.partyIds.includes(actor.institutionId) && agreementReading(actor, agreement).view === 'full';
}

/** Record activities under this agreement: in any area (`contactOfArea` false) or in the area one is the contact of. */
export function mayRecordActivities(actor: Actor, agreement: AgreementFacts, contactOfArea = false): boolean {
  if (!canRead(actor) || agreement.status === 'draft' || !agreement.partyIds.includes(actor.institutionId)) return false;
  return can(ownRoles(actor), 'activities.record') || (contactOfArea && actor.kind === 'user');
}

/** An institution's dashboard: its own users who read agreements, and platform admins. */
export const mayReadDashboard = (actor: Actor, institutionId: string) => canRead(actor) && (isOperator(actor) || actor.institutionId === institutionId);
