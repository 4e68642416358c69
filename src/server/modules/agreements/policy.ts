import type { Agreement, DocumentKind } from '../../../contracts/agreements.ts';
import { EDITABLE, type Status } from '../../../engines/agreements/lifecycle.ts';
import { can, type Capability } from '../../platform/capabilities.ts';
import type { Actor } from '../../platform/context.ts';

// Who may do what with an agreement, built from the one role table (platform/capabilities.ts):
//  - read (agreements.read): everyone of an institution that may see it (tenancy decides what is visible);
//  - act for a party (agreements.act): cooperation officers and admins of a party — draft, edit the content,
//    approve, change the status, renew, attach the SIGNED copy (which can bring the agreement into force);
//  - take part in a party's negotiation (agreements.discuss): the same and the party's coordinators — comment,
//    propose, keep the private note, attach working documents (annexes, minutes, other).
// API tokens act as a cooperation officer of their institution, within their scopes; every act answers the
// agreement, so acting needs reading too (agreements:read and agreements:write). Platform admins operate the
// platform: they draft for any institutions and see everything, but act for a party only through a staff
// role of their own. Services and the presenter ask only these predicates.

/** The capabilities that need the actor's institution to be one of the parties. */
export type PartyCapability = Extract<Capability, 'agreements.act' | 'agreements.discuss'>;

export const canRead = (actor: Actor) => can(actor, 'agreements.read');

/** The actor's institution is a party, and the actor holds `capability` as its staff. */
export function mayForParty(actor: Actor, partyIds: readonly string[], capability: PartyCapability): boolean {
  if (!partyIds.includes(actor.institutionId) || !canRead(actor)) return false;
  return can({ ...actor, roles: actor.roles.filter((r) => r !== 'platform_admin') }, capability);
}

/** Start an agreement (for the own institution; platform admins for any). */
export const canDraft = (actor: Actor) => canRead(actor) && can(actor, 'agreements.act');

/** The institution that must be a party of what the actor drafts: their own, none for platform admins. */
export const draftingInstitution = (actor: Actor): string | null => (actor.roles.includes('platform_admin') ? null : actor.institutionId);

/** Edit, approve, change the status, renew. */
export const canActForParty = (actor: Actor, partyIds: readonly string[]) => mayForParty(actor, partyIds, 'agreements.act');

/** Comment, propose, keep the party's private note. */
export const canDiscuss = (actor: Actor, partyIds: readonly string[]) => mayForParty(actor, partyIds, 'agreements.discuss');

/** The signed copy can bring the agreement into force: acting for a party. Working documents: the negotiation. */
export const attachCapability = (kind: DocumentKind): PartyCapability => (kind === 'signed' ? 'agreements.act' : 'agreements.discuss');

export const canAttach = (actor: Actor, partyIds: readonly string[], kind: DocumentKind) => mayForParty(actor, partyIds, attachCapability(kind));

/** What the actor may do with this agreement, as the API answers it (the web reads only this). */
export function agreementPermissions(actor: Actor, agreement: { partyIds: readonly string[]; status: Status }): Agreement['permissions'] {
  const act = canActForParty(actor, agreement.partyIds);
  const discuss = canDiscuss(actor, agreement.partyIds);
  const open = EDITABLE.has(agreement.status);
  return {
    edit: act && open,
    approve: act && open,
    transition: act,
    comment: discuss,
    note: discuss,
    attach: canAttach(actor, agreement.partyIds, 'annex'),
    attachSigned: canAttach(actor, agreement.partyIds, 'signed'),
  };
}
