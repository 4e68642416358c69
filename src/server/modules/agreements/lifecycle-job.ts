import { daysUntil } from '../../../engines/agreements/lifecycle.ts';
import { systemContext } from '../../platform/context.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { dispatchMail } from '../notifications/service.ts';
import { notifyParticipants } from './notifications.ts';
import { applyDueStatus, todayIn } from './service.ts';

// The daily pass over agreements: statuses that follow from dates (activation on the start date,
// expiring, expired) and expiry reminders 180, 90 and 30 days before the end. Each reminder is
// recorded in agreement_reminders first, so it is sent once even when several processes run the job
// or the job runs twice in a day. `now` is a parameter so tests can drive the calendar.
export const REMINDER_DAYS = [180, 90, 30] as const;

export async function runAgreementLifecycle(deps: AppDeps, now: Date) {
  const ctx = systemContext();
  const today = todayIn(now);
  const summary = { statusChanges: 0, reminders: 0 };
  const candidates = await deps.db
    .selectFrom('agreements')
    .select(['id', 'status', 'end_date'])
    .where('status', 'in', ['awaiting_approval', 'active', 'expiring'])
    .execute();
  for (const a of candidates) {
    const mails = await deps.db.transaction().execute(async (tx) => {
      const out = await applyDueStatus(tx, deps, ctx, a.id, now);
      const current = await tx.selectFrom('agreements').select(['status', 'end_date']).where('id', '=', a.id).executeTakeFirstOrThrow();
      if (current.status !== a.status) summary.statusChanges++;
      if ((current.status === 'active' || current.status === 'expiring') && current.end_date) {
        const days = daysUntil(current.end_date, today);
        // Only the tightest threshold reached is sent; the wider ones are marked as passed with it.
        const due = REMINDER_DAYS.filter((d) => days >= 0 && days <= d);
        if (due.length > 0) {
          const tightest = Math.min(...due);
          const fresh = await tx
            .insertInto('agreement_reminders')
            .values(due.map((d) => ({ agreement_id: a.id, kind: `expiry_${d}` })))
            .onConflict((oc) => oc.columns(['agreement_id', 'kind']).doNothing())
            .returning('kind')
            .execute();
          if (fresh.some((f) => f.kind === `expiry_${tightest}`)) {
            summary.reminders++;
            out.push(...(await notifyParticipants(tx, deps, 'expiry', a.id, { days, endDate: current.end_date })));
          }
        }
      }
      return out;
    });
    await dispatchMail(deps, mails);
  }
  return summary;
}
