import { tenantScope } from '../../platform/access.ts';
import { requireCapability } from '../../platform/capabilities.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Db, Tx } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { mayForParty, type PartyCapability } from './policy.ts';
import * as repo from './repository.ts';

// "Linked to an agreement", as one primitive for every module that hangs records off agreements. The answer
// is the same everywhere:
//   403 — the actor may not read agreements at all (an API token without an agreements scope);
//   404 — the agreement is not visible to the actor (TenantScope.agreementVisible), or, for the parties'
//         own records (comments, private notes), the actor's institution is not a party
//         (TenantScope.agreementParty): what the actor may not see does not exist for them;
//   403 — the actor sees the agreement but may not do this: not a party, or no such role (policy.ts).

const SHOULD_BE: Record<PartyCapability, string> = {
  'agreements.act': 'errors.not_party_officer',
  'agreements.discuss': 'errors.not_party_participant',
};

/** The 403 for an actor who sees the agreement but does not act for a party with `capability`. */
export const notAllowedFor = (capability: PartyCapability) => new AppError('forbidden', { messageKey: SHOULD_BE[capability] });

/**
 * The agreement (row and `party_ids`) if the actor may see it; 404 otherwise. `partiesOnly`: only when the
 * actor's institution is a party (the negotiation). `lock` (in a transaction): hold its row lock.
 */
export async function requireVisibleAgreement(db: Db | Tx, ctx: RequestContext, id: string, options: { partiesOnly?: boolean; lock?: boolean } = {}) {
  requireCapability(ctx, 'agreements.read');
  const row = await repo.findAgreement(db, tenantScope(ctx), id, options);
  if (!row) throw notFound('agreement');
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
  return repo.agreementIdsIn(db, tenantScope(ctx), ids);
}

/** Of these agreement ids, those of which the actor's institution is a party (platform admins: all that exist). */
export async function partyAgreementIds(db: Db | Tx, ctx: RequestContext, ids: readonly string[]): Promise<string[]> {
  requireCapability(ctx, 'agreements.read');
  return repo.agreementIdsIn(db, tenantScope(ctx), ids, { partiesOnly: true });
}
