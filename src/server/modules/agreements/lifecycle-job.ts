import { daysUntil } from '../../../engines/agreements/lifecycle.ts';
import { systemContext } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { dispatchMail } from '../notifications/service.ts';
import { todayIn } from './dates.ts';
import { notifyParticipants } from './notifications.ts';
import * as repo from './repository.ts';
import { applyDueStatus } from './service.ts';

// The daily pass over agreements: statuses that follow from dates (activation on the start date,
// expiring, expired) and expiry reminders 180, 90 and 30 days before the end. Each reminder is
// recorded in agreement_reminders first, so it is sent once even when several processes run the job
// or the job runs twice in a day. `now` is a parameter so tests can drive the calendar.
export const REMINDER_DAYS = [180, 90, 30] as const;

export async function runAgreementLifecycle(deps: AppDeps, now: Date) {
  const ctx = systemContext();
  const today = todayIn(now);
  const summary = { statusChanges: 0, reminders: 0 };
  const candidates = await repo.agreementsWithDatedStatus(deps.db);
  for (const a of candidates) {
    const mails = await inTransaction(deps.db, async (tx) => {
      const out = await applyDueStatus(tx, deps, ctx, a.id, now);
      const current = await repo.statusAndEnd(tx, a.id);
      if (current.status !== a.status) summary.statusChanges++;
      if ((current.status === 'active' || current.status === 'expiring') && current.end_date) {
        const days = daysUntil(current.end_date, today);
        // Only the tightest threshold reached is sent; the wider ones are marked as passed with it.
        const due = REMINDER_DAYS.filter((d) => days >= 0 && days <= d);
        if (due.length > 0) {
          const tightest = Math.min(...due);
          const fresh = await repo.recordReminders(tx, a.id, due.map((d) => `expiry_${d}`));
          if (fresh.includes(`expiry_${tightest}`)) {
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
