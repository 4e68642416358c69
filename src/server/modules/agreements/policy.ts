import type { Agreement, DocumentKind } from '../../../contracts/agreements.ts';
import { EDITABLE, type Status } from '../../../engines/agreements/lifecycle.ts';
import { CAPABILITIES, can, type Capability } from '../../platform/capabilities.ts';
import type { Actor } from '../../platform/context.ts';

// Who may do what with an agreement, built from the one role table (platform/capabilities.ts):
//  - read (agreements.read) what is for them (docs/agreement-visibility.md; agreementReading below): the
//    negotiation (agreements.negotiate.read: drafts, comments, proposals, versions, approvals in progress, the
//    private note, working documents) is for a party's officers, admins and coordinators; a party's members and
//    students read the whole of a signed agreement, and of one not yet signed only where their person is a point
//    of contact; everyone else the visibility reaches (consortium, public) reads the announcement only;
//  - act for a party (agreements.act): cooperation officers and admins of a party — draft, edit the content,
//    approve, change the status, renew, attach the SIGNED copy (which can bring the agreement into force);
//  - take part in a party's negotiation (agreements.discuss): the same and the party's coordinators — comment,
//    propose, keep the private note, attach working documents (annexes, minutes, other).
// API tokens act as a cooperation officer of their institution, within their scopes; every act answers the
// agreement, so acting needs reading too (agreements:read and agreements:write). Platform admins operate the
// platform: they draft for any institutions and see everything, but act for a party only through a staff
// role of their own. Services and the presenter ask only these predicates.

/** The capabilities that need the actor's institution to be one of the parties. */
export type PartyCapability = Extract<Capability, 'agreements.act' | 'agreements.discuss' | 'agreements.negotiate.read'>;

export const canRead = (actor: Actor) => can(actor, 'agreements.read');

/**
 * The roles that read agreements, and those that read a party's negotiation (agreements.read,
 * agreements.negotiate.read), for the SQL that decides for a user other than the actor — a notification's
 * recipient (repository.ts agreementReadableByUser). Platform admins read everything besides.
 */
export const READING_ROLES: readonly string[] = CAPABILITIES['agreements.read'].roles;
export const NEGOTIATING_ROLES: readonly string[] = CAPABILITIES['agreements.negotiate.read'].roles;

const isPlatformAdmin = (actor: Actor) => actor.roles.includes('platform_admin');
/** The actor's own roles, without what operating the platform adds. */
const withoutOperator = (actor: Actor): Actor => ({ ...actor, roles: actor.roles.filter((r) => r !== 'platform_admin') });

/** The actor's institution is a party, and the actor holds `capability` as its staff. */
export function mayForParty(actor: Actor, partyIds: readonly string[], capability: PartyCapability): boolean {
  if (!partyIds.includes(actor.institutionId) || !canRead(actor)) return false;
  return can(withoutOperator(actor), capability);
}

/** Signed: in force or past it (active, expiring, renewed, expired, terminated) — not draft, negotiation or awaiting approval. */
export const isSigned = (status: Status) => !EDITABLE.has(status);

/**
 * The actor reads the negotiation of the agreements of its institution, by role alone (list filters, before any
 * agreement is known): officers, admins, coordinators, API tokens with agreements:read.
 */
export const readsNegotiationByRole = (actor: Actor) => canRead(actor) && can(withoutOperator(actor), 'agreements.negotiate.read');

/**
 * What of an agreement it sees (access.ts found it visible) the actor reads (docs/agreement-visibility.md):
 *  - `view`: `full` — the whole file — for its parties' negotiators, for a party's other users once it is signed
 *    or when their person is one of its points of contact, and for platform admins; `announcement` for everyone
 *    else it reaches — title, parties, kind, dates, status, areas by kind and title, summary (present-agreement.ts);
 *  - `negotiation`: comments and proposals, versions and differences, approvals in progress, the private note;
 *  - `documents`: the files — the negotiators', and a party's other users' once the agreement is signed;
 *  - `approvals`: who approved which version — the same.
 */
export interface AgreementReading {
  view: 'full' | 'announcement';
  negotiation: boolean;
  documents: boolean;
  approvals: boolean;
}

export function agreementReading(actor: Actor, agreement: { partyIds: readonly string[]; status: Status; involved: boolean }): AgreementReading {
  const operator = isPlatformAdmin(actor);
  const party = agreement.partyIds.includes(actor.institutionId);
  const negotiation = operator || mayForParty(actor, agreement.partyIds, 'agreements.negotiate.read');
  const signed = isSigned(agreement.status);
  const full = negotiation || (party && (signed || agreement.involved));
  const signedParty = party && signed;
  return { view: full ? 'full' : 'announcement', negotiation, documents: negotiation || signedParty, approvals: negotiation || signedParty };
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

/** What the actor may do with this agreement and read of it, as the API answers it (the web reads only this). */
export function agreementPermissions(actor: Actor, agreement: { partyIds: readonly string[]; status: Status; involved: boolean }): Agreement['permissions'] {
  const act = canActForParty(actor, agreement.partyIds);
  const discuss = canDiscuss(actor, agreement.partyIds);
  const open = EDITABLE.has(agreement.status);
  const reading = agreementReading(actor, agreement);
  const party = agreement.partyIds.includes(actor.institutionId);
  return {
    edit: act && open,
    approve: act && open,
    transition: act,
    comment: discuss,
    note: discuss,
    attach: canAttach(actor, agreement.partyIds, 'annex'),
    attachSigned: canAttach(actor, agreement.partyIds, 'signed'),
    readDiscussion: reading.negotiation,
    readNote: reading.negotiation && party,
    readVersions: reading.negotiation,
    readDocuments: reading.documents,
    readApprovals: reading.approvals,
  };
}
