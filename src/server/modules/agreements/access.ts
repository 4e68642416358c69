import { tenantScope } from '../../platform/access.ts';
import { requireCapability } from '../../platform/capabilities.ts';
import { type Actor, isPlatformAdmin, requireActor, type RequestContext } from '../../platform/context.ts';
import type { Db, Tx } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { agreementReading, mayForParty, type PartyCapability, readsNegotiationByRole } from './policy.ts';
import * as repo from './repository.ts';

// "Linked to an agreement", as one primitive for every module that hangs records off agreements. The answer
// is the same everywhere:
//   403 — the actor may not read agreements at all (an API token without an agreements scope);
//   404 — the agreement is not visible to the actor (repo.agreementReadable: tenancy, and what the actor's
//         roles see of it — docs/agreement-visibility.md), or, for the parties' own records (the negotiation,
//         documents, private notes), the actor's institution is not a party: what the actor may not see does
//         not exist for them;
//   403 — the actor sees the agreement but may not do or read this: not a party, or no such role (policy.ts).

const SHOULD_BE: Record<PartyCapability, string> = {
  'agreements.act': 'errors.not_party_officer',
  'agreements.discuss': 'errors.not_party_participant',
  'agreements.negotiate.read': 'errors.not_party_negotiator',
};

/** The 403 for an actor who sees the agreement but does not act for a party with `capability`. */
export const notAllowedFor = (capability: PartyCapability) => new AppError('forbidden', { messageKey: SHOULD_BE[capability] });

/** What of this agreement (found for the actor: with `reader_involved`) the actor reads (policy.ts). */
export const readingOf = (actor: Actor, row: { party_ids: string[]; status: repo.AgreementRow['status']; reader_involved: boolean }) =>
  agreementReading(actor, { partyIds: row.party_ids, status: row.status, involved: row.reader_involved });

/** The reader of agreements the request's actor is (the tenancy scope and what the actor's roles add). */
export function readerOf(ctx: RequestContext): repo.AgreementReader {
  const actor = requireActor(ctx);
  return { ...tenantScope(ctx), negotiates: readsNegotiationByRole(actor), userId: actor.userId };
}

/**
 * What of an agreement a request reads beside the agreement itself, each only for its parties (platform admins
 * read all but another party's note): `negotiation` — comments and proposals, versions and differences;
 * `note` — the own institution's private note; `documents` — the files (policy.ts agreementReading).
 */
export type AgreementPart = 'negotiation' | 'note' | 'documents';

/**
 * The agreement (row and `party_ids`) if the actor may see it; 404 otherwise. `part`: and the actor reads that
 * part of it — 404 when the actor's institution is no party, 403 when it is but the actor's role does not read
 * it. `lock` (in a transaction): hold its row lock.
 */
export async function requireVisibleAgreement(db: Db | Tx, ctx: RequestContext, id: string, options: { part?: AgreementPart; lock?: boolean } = {}) {
  requireCapability(ctx, 'agreements.read');
  const row = await repo.findAgreement(db, readerOf(ctx), id, { lock: options.lock });
  if (!row) throw notFound('agreement');
  if (options.part) {
    const actor = ctx.actor!;
    const reading = readingOf(actor, row);
    const party = row.party_ids.includes(actor.institutionId);
    if (!party && (options.part === 'note' || !isPlatformAdmin(ctx))) throw notFound('agreement');
    if (!(options.part === 'documents' ? reading.documents : reading.negotiation)) throw notAllowedFor('agreements.negotiate.read');
  }
  return row;
}

/**
 * The agreement if the actor may see it (404 otherwise) and acts for one of its parties with `capability`
 * (403 otherwise). `lock` (in a transaction): hold its row lock, so the parties cannot change meanwhile.
 */
export async function requireAgreementParty(db: Db | Tx, ctx: RequestContext, id: string, options: { capability: PartyCapability; lock?: boolean }) {
  const row = await requireVisibleAgreement(db, ctx, id, { lock: options.lock });
  if (!mayForParty(ctx.actor!, row.party_ids, options.capability)) throw notAllowedFor(options.capability);
  return row;
}

/** Of these agreement ids, those the actor may see (for lists of records linked to agreements). */
export async function visibleAgreementIds(db: Db | Tx, ctx: RequestContext, ids: readonly string[]): Promise<string[]> {
  requireCapability(ctx, 'agreements.read');
  return repo.agreementIdsIn(db, readerOf(ctx), ids);
}

/** Of these agreement ids, those the actor may see and of which its institution is a party (platform admins: all that exist). */
export async function partyAgreementIds(db: Db | Tx, ctx: RequestContext, ids: readonly string[]): Promise<string[]> {
  requireCapability(ctx, 'agreements.read');
  return repo.agreementIdsIn(db, readerOf(ctx), ids, { partiesOnly: true });
}

/** Of these agreement ids, those the actor may see, with status, party ids and `reader_involved` (for modules' own reading rules). */
export async function visibleAgreementFacts(db: Db | Tx, ctx: RequestContext, ids: readonly string[]) {
  requireCapability(ctx, 'agreements.read');
  return repo.agreementsWithParties(db, readerOf(ctx), ids);
}

/** Of these agreement ids, those whose documents the actor reads (policy.ts agreementReading; for files). */
export async function documentAgreementIds(db: Db | Tx, ctx: RequestContext, ids: readonly string[]): Promise<string[]> {
  requireCapability(ctx, 'agreements.read');
  const actor = ctx.actor!;
  const rows = await repo.agreementsWithParties(db, readerOf(ctx), ids);
  return rows.filter((r) => readingOf(actor, r).documents).map((r) => r.id);
}
