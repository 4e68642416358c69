import { sql } from 'kysely';
import type { Db, Tx } from '../../../platform/db.ts';

// Reminders (reminders-job.ts): agreements in force, dormancy settings, recipients, what was sent.

/** Agreements in force, with their start and the last done activity's start. */
export async function agreementsInForce(db: Db | Tx) {
  const rows = await sql<{ id: string; start_date: string; last_done: string | null; party_ids: string[] }>`
    SELECT a.id, a.start_date::text AS start_date,
      (SELECT max(x.start_date)::text FROM activities x WHERE x.agreement_id = a.id AND x.status = 'done') AS last_done,
      ARRAY(SELECT p.institution_id::text FROM agreement_parties p WHERE p.agreement_id = a.id ORDER BY p.position) AS party_ids
    FROM agreements a WHERE a.status IN ('active', 'expiring') ORDER BY a.id`.execute(db);
  return rows.rows;
}

/** The institutions' dormancy settings. */
export async function dormancySettings(db: Db | Tx, institutionIds: string[]) {
  if (institutionIds.length === 0) return new Map<string, number>();
  const rows = await db.selectFrom('institutions').select(['id', 'dormant_after_months']).where('id', 'in', institutionIds).execute();
  return new Map(rows.map((r) => [r.id, r.dormant_after_months]));
}

/**
 * Active users to tell about an agreement: the points of contact of `institutionId` (or of every party), of the
 * area `areaKey` when given, and with `officers`, the parties' cooperation officers and admins.
 */
export async function reminderRecipients(tx: Tx, agreementId: string, options: { institutionId?: string; areaKey?: string; officers: boolean }) {
  const byInstitution = options.institutionId ? sql`AND c.institution_id = ${options.institutionId}::uuid` : sql``;
  const byArea = options.areaKey ? sql`AND c.area_key = ${options.areaKey}` : sql``;
  const officers = options.officers
    ? sql`OR (u.institution_id IN (SELECT institution_id FROM agreement_parties WHERE agreement_id = ${agreementId}::uuid)
        AND u.roles && ARRAY['cooperation_officer', 'institution_admin']::text[])`
    : sql``;
  const rows = await sql<{ id: string }>`SELECT u.id FROM users u WHERE u.status = 'active' AND (
      u.person_id IN (SELECT c.person_id FROM agreement_contacts c WHERE c.agreement_id = ${agreementId}::uuid ${byInstitution} ${byArea})
      ${officers})`.execute(tx);
  return rows.rows.map((r) => r.id);
}

/** Records the reminders; returns those not recorded before (the ones to send). */
export async function recordActivityReminders(tx: Tx, agreementId: string, keys: string[]): Promise<string[]> {
  if (keys.length === 0) return [];
  const rows = await tx
    .insertInto('activity_reminders')
    .values(keys.map((reminder_key) => ({ agreement_id: agreementId, reminder_key })))
    .onConflict((oc) => oc.doNothing())
    .returning('reminder_key')
    .execute();
  return rows.map((r) => r.reminder_key);
}
