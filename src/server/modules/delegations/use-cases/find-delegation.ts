import { tenantScope } from '../../../platform/access.ts';
import { requireCapability } from '../../../platform/capabilities.ts';
import { type RequestContext, requireActor } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import { assertVersion } from '../../../platform/versioning.ts';
import { requireVisibleAgreement, visibleAgreementFacts } from '../../agreements/service.ts';
import { mayPrepare, mayReadDelegations, mayReadGuests } from '../policy.ts';
import * as repo from '../repository.ts';

// Finding a delegation for the caller, the checks every use case starts with: 404 for what the caller does not
// read (a foreign delegation does not exist), 403 for what it reads but may not do, 409 stale or in the wrong state.

export type Agreement = Awaited<ReturnType<typeof requireVisibleAgreement>>;
export const facts = (a: { party_ids: string[]; status: Agreement['status']; reader_involved: boolean }) => ({
  partyIds: a.party_ids,
  status: a.status,
  involved: a.reader_involved,
});

/** The agreement, when the actor reads its delegations; 404 otherwise. */
export async function agreementForDelegations(db: AppDeps['db'] | Tx, ctx: RequestContext, agreementId: string, lock = false) {
  const agreement = await requireVisibleAgreement(db, ctx, agreementId, { lock });
  if (!mayReadDelegations(requireActor(ctx), facts(agreement))) throw notFound('agreement');
  return agreement;
}

/** The delegation and its agreement when the actor reads it; 404 otherwise (a foreign delegation does not exist). */
export async function delegationForActor(db: AppDeps['db'] | Tx, ctx: RequestContext, id: string, lock = false) {
  requireCapability(ctx, 'agreements.read');
  const row = await repo.findDelegation(db, id, { lock });
  if (!row) throw notFound('delegation');
  try {
    return { row, agreement: await agreementForDelegations(db, ctx, row.agreement_id) };
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') throw notFound('delegation');
    throw err;
  }
}

/** The delegation locked for a change by its handling office: 404 unseen, 403 for others, 409 stale or in the wrong state. */
export async function lockForChange(tx: Tx, ctx: RequestContext, id: string, version: number, states: readonly string[]) {
  const actor = requireActor(ctx);
  const { row, agreement } = await delegationForActor(tx, ctx, id, true);
  if (!mayPrepare(actor, row)) throw new AppError('forbidden', { messageKey: 'errors.not_delegation_requester' });
  assertVersion(row, version, (r) => ({ id: r.id, version: r.version, status: r.status }));
  if (!states.includes(row.status)) throw new AppError('conflict', { messageKey: 'errors.delegation_wrong_status', params: { status: row.status } });
  return { actor, row, agreement };
}

/** The delegation, for its handling office only (404 unseen, 403 for other readers); the view is audited by the caller. */
export async function forHandlingOffice(db: AppDeps['db'] | Tx, ctx: RequestContext, id: string) {
  const { row, agreement } = await delegationForActor(db, ctx, id);
  if (!mayReadGuests(requireActor(ctx), row)) throw new AppError('forbidden', { messageKey: 'errors.not_handling_office' });
  return { row, agreement };
}

/** The agreements whose delegations the caller reads (parties reading the agreement whole; platform admins all). */
export async function readableAgreementIds(deps: AppDeps, ctx: RequestContext, agreementId?: string): Promise<string[]> {
  const actor = requireActor(ctx);
  const candidates = await repo.candidateAgreementIds(deps.db, tenantScope(ctx), agreementId);
  const seen = await visibleAgreementFacts(deps.db, ctx, candidates);
  return seen.filter((a) => mayReadDelegations(actor, facts(a))).map((a) => a.id);
}
