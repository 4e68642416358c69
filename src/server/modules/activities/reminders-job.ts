import { addDays, daysBetween } from '../../../engines/progress/target-status.ts';
import { systemContext } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { todayIn } from '../agreements/service.ts';
import { dispatchMail, notify } from '../notifications/service.ts';
import { ACTIVITY_NOTIFICATIONS } from './notifications.ts';
import { agreementTargetsProgress } from './progress.ts';
import * as repo from './repository.ts';

// The daily pass of the activities module (pg-boss schedule `activities-daily`, and once at start):
//  - an agreement in force with no done activity for a party's `dormant_after_months` (and in force at least that
//    long) is dormant for that party: its points of contact of that party are told once per quiet spell (the key
//    names the last done activity, so a new activity followed by another quiet year tells them again);
//  - a target measured from records that is behind or at risk 90 and 30 days before its period closes: the area's
//    points of contact and the parties' officers are told, once per threshold (only the tightest reached is sent).
// Reminders are recorded in activity_reminders first, so several processes or a second run send nothing twice.
// `now` is a parameter so tests drive the calendar.
export const TARGET_REMINDER_DAYS = [90, 30] as const;

export async function runActivityReminders(deps: AppDeps, now: Date) {
  const today = todayIn(now);
  const summary = { dormant: 0, targets: 0 };
  const agreements = await repo.agreementsInForce(deps.db);
  const settings = await repo.dormancySettings(deps.db, [...new Set(agreements.flatMap((a) => a.party_ids))]);
  const progress = await agreementTargetsProgress(deps.db, systemContext(), agreements.map((a) => a.id), today);
  for (const a of agreements) {
    const mails = await inTransaction(deps.db, async (tx) => {
      const out: string[] = [];
      for (const institutionId of a.party_ids) {
        const since = addDays(today, -Math.round((settings.get(institutionId) ?? 12) * 30.44));
        const dormant = a.start_date <= since && (a.last_done === null || a.last_done < since);
        if (!dormant) continue;
        const [fresh] = await repo.recordActivityReminders(tx, a.id, [`dormant/${institutionId}/${a.last_done ?? 'never'}`]);
        if (!fresh) continue;
        summary.dormant++;
        const recipients = await repo.reminderRecipients(tx, a.id, { institutionId, officers: false });
        out.push(...(await notify(tx, deps, ACTIVITY_NOTIFICATIONS.dormant, { subjectId: a.id, recipients, params: { lastDone: a.last_done ?? '', months: settings.get(institutionId) ?? 12 } })));
      }
      for (const t of progress.filter((p) => p.agreementId === a.id && p.measured && (p.status === 'behind' || p.status === 'at_risk'))) {
        const days = daysBetween(today, t.periodEnd);
        const due = TARGET_REMINDER_DAYS.filter((d) => days >= 0 && days <= d);
        if (due.length === 0) continue;
        const tightest = Math.min(...due);
        const keyOf = (d: number) => `target/${t.areaKey}/${t.targetKey}/${t.periodEnd}/${d}`;
        const fresh = await repo.recordActivityReminders(tx, a.id, due.map(keyOf));
        if (!fresh.includes(keyOf(tightest))) continue;
        summary.targets++;
        const recipients = await repo.reminderRecipients(tx, a.id, { areaKey: t.areaKey, officers: true });
        out.push(
          ...(await notify(tx, deps, ACTIVITY_NOTIFICATIONS.target_behind, {
            subjectId: a.id,
            recipients,
            params: { days, endDate: t.periodEnd, metric: t.metric, actual: t.actual, target: t.target },
          })),
        );
      }
      return out;
    });
    await dispatchMail(deps, mails);
  }
  return summary;
}
