import { recordAudit } from '../../platform/audit.ts';
import { systemContext } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { todayIn } from '../agreements/service.ts';
import * as repo from './repository.ts';

// The daily erasure of guests' personal data (pg-boss schedule `delegations-daily`, and once at start): a
// delegation whose last day is GUEST_DATA_RETENTION_DAYS or more before today (Vietnam) has every guest's personal
// columns set to NULL — the delegation and the number of its guests stay — and the erasure is an audit entry
// `erase_guests` owned by the handling institution (the number of guests, never their data). Each delegation in its
// own transaction under its row lock, so two runs erase and log once. `now` is a parameter so tests drive the clock.

function minusDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

export async function runGuestDataErasure(deps: AppDeps, now: Date) {
  const retention = deps.config.GUEST_DATA_RETENTION_DAYS;
  const lastDay = minusDays(todayIn(now), retention);
  const summary = { delegations: 0, guests: 0 };
  for (const d of await repo.dueForErasure(deps.db, lastDay)) {
    await inTransaction(deps.db, async (tx) => {
      const erased = await repo.eraseGuests(tx, d.id, now);
      if (erased === null || erased === 0) return; // erased by another run, or there was nothing personal to erase
      summary.delegations++;
      summary.guests += erased;
      await recordAudit(tx, systemContext(), {
        entity: 'delegation',
        entityId: d.id,
        action: 'erase_guests',
        owners: [d.institution_id],
        after: { guests: erased, endDate: d.end_date, retentionDays: retention },
      });
    });
  }
  return summary;
}
