import { type Insertable, sql } from 'kysely';
import type { ParticipantRole } from '../../../../contracts/activities.ts';
import type { Tx } from '../../../platform/db.ts';
import type { Database } from '../../../platform/db-schema.ts';

// Writing activities: the row, and its organisers, participants and counts (links).

export async function insertActivity(tx: Tx, values: Insertable<Database['activities']>): Promise<string> {
  const row = await tx.insertInto('activities').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateActivity(tx: Tx, id: string, values: Partial<Insertable<Database['activities']>>) {
  await tx
    .updateTable('activities')
    .set({ ...values, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

export interface ActivityLinks {
  organiserIds: string[];
  participants: { personId: string; institutionId: string; role: ParticipantRole }[];
  counts: { institutionId: string; role: ParticipantRole; count: number }[];
}

/** Replace the activity's organisers, participants and counts (one statement each). */
export async function writeLinks(tx: Tx, activityId: string, links: ActivityLinks) {
  await tx.deleteFrom('activity_organisers').where('activity_id', '=', activityId).execute();
  await tx.deleteFrom('activity_participants').where('activity_id', '=', activityId).execute();
  await tx.deleteFrom('activity_counts').where('activity_id', '=', activityId).execute();
  await insertLinks(tx, [activityId], links);
}

/** The same organisers, participants and counts for each of the activities (an occurrence series). */
export async function insertLinks(tx: Tx, activityIds: string[], links: ActivityLinks) {
  const organisers = activityIds.flatMap((id) => links.organiserIds.map((institution_id) => ({ activity_id: id, institution_id })));
  const participants = activityIds.flatMap((id) =>
    links.participants.map((p) => ({ activity_id: id, person_id: p.personId, institution_id: p.institutionId, role: p.role })),
  );
  const counts = activityIds.flatMap((id) =>
    links.counts.filter((c) => c.count > 0).map((c) => ({ activity_id: id, institution_id: c.institutionId, role: c.role, count: c.count })),
  );
  for (let i = 0; i < organisers.length; i += 5000) await tx.insertInto('activity_organisers').values(organisers.slice(i, i + 5000)).execute();
  for (let i = 0; i < participants.length; i += 5000) await tx.insertInto('activity_participants').values(participants.slice(i, i + 5000)).execute();
  for (let i = 0; i < counts.length; i += 5000) await tx.insertInto('activity_counts').values(counts.slice(i, i + 5000)).execute();
}
