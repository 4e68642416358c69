import { type Insertable, sql, type Updateable } from 'kysely';
import type { UsersTable } from '../../platform/db-schema.ts';
import type { Db, Tx } from '../../platform/db.ts';
import { nextVersion } from '../../platform/versioning.ts';

export function findUserByEmail(db: Db | Tx, email: string) {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export function findUserById(db: Db | Tx, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findMe(db: Db | Tx, userId: string) {
  return db
    .selectFrom('users as u')
    .innerJoin('institutions as i', 'i.id', 'u.institution_id')
    .selectAll('u')
    .select(['i.code as institution_code', 'i.name_vi as institution_name_vi', 'i.name_en as institution_name_en', 'i.kind as institution_kind'])
    .where('u.id', '=', userId)
    .executeTakeFirst();
}
export type MeRecord = NonNullable<Awaited<ReturnType<typeof findMe>>>;

export async function insertSession(db: Db | Tx, values: { token_hash: string; user_id: string; csrf_token: string; user_agent: string | null; expires_at: Date }) {
  await db.insertInto('sessions').values(values).execute();
}

export async function deleteSession(db: Db, tokenHash: string) {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

export async function findSessionCsrf(db: Db, tokenHash: string) {
  const row = await db.selectFrom('sessions').select('csrf_token').where('token_hash', '=', tokenHash).executeTakeFirst();
  return row?.csrf_token ?? null;
}

/** Locks the account for a change of its own profile. */
export function lockUser(tx: Tx, id: string) {
  return tx.selectFrom('users').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
}

export async function updateProfile(tx: Tx, id: string, values: Pick<Updateable<UsersTable>, 'display_name' | 'language'>) {
  await tx
    .updateTable('users')
    .set({ ...values, ...nextVersion() })
    .where('id', '=', id)
    .execute();
}

export async function touchLastLogin(db: Db | Tx, userId: string) {
  await db.updateTable('users').set({ last_login_at: sql`now()` }).where('id', '=', userId).execute();
}

/** Sets the account's password hash; answers what the audit entry needs. */
export function setPassword(tx: Tx, userId: string, passwordHash: string) {
  return tx
    .updateTable('users')
    .set({ password_hash: passwordHash, updated_at: sql`now()` })
    .where('id', '=', userId)
    .returning(['id', 'institution_id', 'roles'])
    .executeTakeFirstOrThrow();
}

/** Ends the account's sessions, except `keepTokenHash` (the one changing the password). */
export async function endSessionsOf(tx: Tx, userId: string, keepTokenHash: string | null = null) {
  let del = tx.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepTokenHash) del = del.where('token_hash', '<>', keepTokenHash);
  await del.execute();
}

export async function insertPasswordReset(tx: Tx, values: { user_id: string; token_hash: string; expires_at: Date }) {
  await tx.insertInto('password_resets').values(values).execute();
}

/** The reset link with this secret's hash, locked so it is used once. */
export function lockPasswordReset(tx: Tx, tokenHash: string) {
  return tx.selectFrom('password_resets').selectAll().where('token_hash', '=', tokenHash).forUpdate().executeTakeFirst();
}

export async function markPasswordResetUsed(tx: Tx, id: string) {
  await tx.updateTable('password_resets').set({ used_at: sql`now()` }).where('id', '=', id).execute();
}

/** Every reset link of the account not used yet becomes used (the password changed: they are void). */
export async function spendResetLinksOf(tx: Tx, userId: string) {
  await tx.updateTable('password_resets').set({ used_at: sql`now()` }).where('user_id', '=', userId).where('used_at', 'is', null).execute();
}

/** The invitation with this secret's hash, with its institution's names. */
export function findInvitationByToken(db: Db | Tx, tokenHash: string) {
  return db
    .selectFrom('invitations as v')
    .innerJoin('institutions as i', 'i.id', 'v.institution_id')
    .selectAll('v')
    .select(['i.name_vi as institution_name_vi', 'i.name_en as institution_name_en'])
    .where('v.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Marks the invitation accepted; false when another request accepted it first. */
export async function claimInvitation(tx: Tx, id: string) {
  const row = await tx
    .updateTable('invitations')
    .set({ accepted_at: sql`now()` })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** The institution's person with this e-mail, whom a new account speaks for. */
export function findPersonByEmail(tx: Tx, institutionId: string, email: string) {
  return tx.selectFrom('people').select('id').where('institution_id', '=', institutionId).where('email', '=', email).executeTakeFirst();
}

export function insertUser(
  tx: Tx,
  values: Insertable<UsersTable> & { password_hash: string },
) {
  return tx.insertInto('users').values(values).returning(['id', 'email', 'roles']).executeTakeFirstOrThrow();
}
