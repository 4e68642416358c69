import { type Expression, type SqlBool, sql } from 'kysely';
import { agreementVisibleTo, type TenantScope } from '../../../platform/access.ts';
import type { Tx } from '../../../platform/db.ts';
import { NEGOTIATING_ROLES, READING_ROLES } from '../policy.ts';
import { signedOrAnnounced } from './visible-agreements.ts';

// Notifications about agreements (agreements/notifications.ts): who takes part, and which users may read the
// agreement now — the rule of `agreementReadable`, for a recipient instead of the caller.

/** The parties' cooperation officers and admins, and the accounts of the points of contact. */
export async function participantUserIds(tx: Tx, agreementId: string): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    SELECT u.id FROM users u
    WHERE u.status = 'active' AND (
      (u.institution_id IN (SELECT institution_id FROM agreement_parties WHERE agreement_id = ${agreementId}::uuid)
        AND u.roles && ARRAY['cooperation_officer', 'institution_admin']::text[])
      OR u.person_id IN (SELECT person_id FROM agreement_contacts WHERE agreement_id = ${agreementId}::uuid))`.execute(tx);
  return rows.rows.map((r) => r.id);
}

/**
 * SQL condition over an `agreements` row aliased `alias` and a `users` row aliased `user`: that user may see the
 * agreement now — `agreementReadable` for the user's own roles and person (docs/agreement-visibility.md), which
 * notifications apply to each recipient when sent and again when listed. Platform admins see everything.
 */
export function agreementReadableByUser(alias: string, user: string): Expression<SqlBool> {
  const a = sql.table(alias);
  const u = sql.table(user);
  return sql<SqlBool>`('platform_admin' = ANY(${u}.roles) OR (${u}.roles && ${rolesArray(READING_ROLES)} AND (
    (${signedOrAnnounced(alias)} AND ${agreementVisibleTo(alias, sql`${u}.institution_id`)})
    OR (${userNegotiatesFor(alias, user)})
    OR EXISTS (SELECT 1 FROM agreement_contacts uc WHERE uc.agreement_id = ${a}.id AND uc.person_id = ${u}.person_id))))`;
}

const rolesArray = (roles: readonly string[]) => sql`ARRAY[${sql.join(roles.map((r) => sql.lit(r)))}]::text[]`;

/** SQL condition: the user aliased `user` reads the negotiation of the agreement aliased `alias` (a negotiator of a party; platform admins). */
function userNegotiatesFor(alias: string, user: string): Expression<SqlBool> {
  const u = sql.table(user);
  return sql<SqlBool>`('platform_admin' = ANY(${u}.roles) OR (${u}.roles && ${rolesArray(NEGOTIATING_ROLES)}
    AND EXISTS (SELECT 1 FROM agreement_parties un WHERE un.agreement_id = ${sql.table(alias)}.id AND un.institution_id = ${u}.institution_id)))`;
}

/** Of these users, those who may see the agreement now (`agreementReadableByUser`; `negotiation`: and read its negotiation). */
export async function readersOfAgreement(tx: Tx, agreementId: string, userIds: string[], options: { negotiation?: boolean } = {}): Promise<string[]> {
  if (userIds.length === 0) return [];
  let q = tx
    .selectFrom('users as u')
    .innerJoin('agreements as a', (join) => join.on('a.id', '=', agreementId))
    .select('u.id')
    .where('u.id', 'in', userIds)
    .where(agreementReadableByUser('a', 'u'));
  if (options.negotiation) q = q.where(userNegotiatesFor('a', 'u'));
  const rows = await q.execute();
  return rows.map((r) => r.id);
}

/**
 * SQL condition: the agreement whose id is in `idColumn` may be seen by the user whose id is in `userColumn` (the
 * notification's recipient: their roles, their person as a point of contact; `agreementReadableByUser`).
 */
export function agreementReadableIn(_scope: TenantScope, idColumn: string, userColumn: string) {
  return sql<SqlBool>`EXISTS (SELECT 1 FROM agreements na JOIN users nu ON nu.id = ${sql.ref(userColumn)}
    WHERE na.id = ${sql.ref(idColumn)} AND ${agreementReadableByUser('na', 'nu')})`;
}

export async function agreementTitles(tx: Tx, agreementId: string) {
  const row = await tx.selectFrom('agreements').select(['title_vi', 'title_en']).where('id', '=', agreementId).executeTakeFirstOrThrow();
  return { titleVi: row.title_vi, titleEn: row.title_en };
}
