import type { RequestContext } from '../../../platform/context.ts';
import { inTransaction } from '../../../platform/db.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { AppError } from '../../../platform/errors.ts';
import * as repo from '../repository.ts';
import { auditGuestsView } from './audit-delegation.ts';
import { guestOf, storedGuests } from './delegation-rules.ts';
import { forHandlingOffice } from './find-delegation.ts';
import { programmeOf, today } from './present-delegation.ts';

// Guests' personal data: read only by the handling office, each reading (the list, a generated document) audited.

export async function listGuests(deps: AppDeps, ctx: RequestContext, id: string) {
  return inTransaction(deps.db, async (tx) => {
    const { row } = await forHandlingOffice(tx, ctx, id);
    const rows = await repo.guestsOf(tx, id);
    const items = rows.filter((g) => g.erased_at === null).map((g) => ({ id: g.id, ...guestOf(g) }));
    await auditGuestsView(tx, ctx, row, 'list', items.length);
    return { erased: row.guests_erased_at !== null, erasedAt: row.guests_erased_at ? new Date(row.guests_erased_at).toISOString() : null, items };
  });
}

export type DelegationDocument = 'invitation_letter' | 'residence_notice';

/** What a generated document needs: the delegation and its guests, read by the handling office (audited). */
export async function documentData(deps: AppDeps, ctx: RequestContext, id: string, document: DelegationDocument) {
  return inTransaction(deps.db, async (tx) => {
    const { row } = await forHandlingOffice(tx, ctx, id);
    if (row.direction !== 'incoming') throw new AppError('conflict', { messageKey: 'errors.delegation_not_incoming' });
    if (row.status !== 'approved' && row.status !== 'done') throw new AppError('conflict', { messageKey: 'errors.delegation_not_approved' });
    if (row.guests_erased_at !== null) throw new AppError('conflict', { messageKey: 'errors.guests_erased' });
    const guests = storedGuests(await repo.guestsOf(tx, id));
    const programme = programmeOf(row);
    await auditGuestsView(tx, ctx, row, document, guests.length);
    return { row, guests, programme, today: today(deps) };
  });
}

export type DocumentData = Awaited<ReturnType<typeof documentData>>;
