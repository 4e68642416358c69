import { type Insertable, sql } from 'kysely';
import type { UsersTable } from '../../platform/db-schema.ts';
import type { Db, Tx } from '../../platform/db.ts';

export interface PendingLogin {
  key_hash: string;
  state: string;
  nonce: string;
  code_verifier: string;
  return_to: string;
  expires_at: Date;
}

export async function insertPendingLogin(db: Db, values: PendingLogin) {
  // Housekeeping on the way: abandoned sign-ins never reach their callback.
  await db.deleteFrom('oidc_logins').where('expires_at', '<', sql<Date>`now()`).execute();
  await db.insertInto('oidc_logins').values(values).execute();
}

/** Takes the pending sign-in: a callback can use it once, whichever process answers it. */
export function takePendingLogin(db: Db, keyHash: string) {
  return db.deleteFrom('oidc_logins').where('key_hash', '=', keyHash).returningAll().executeTakeFirst();
}

export function findUserByEmail(db: Tx, email: string) {
  return db.selectFrom('users').select(['id', 'institution_id', 'email', 'roles', 'status']).where('email', '=', email).forUpdate().executeTakeFirst();
}

export function findOpenInvitation(db: Tx, email: string, now: Date) {
  return db
    .selectFrom('invitations')
    .selectAll()
    .where('email', '=', email)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .forUpdate()
    .executeTakeFirst();
}

export async function claimInvitation(db: Tx, id: string) {
  const row = await db
    .updateTable('invitations')
    .set({ accepted_at: sql`now()` })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export function findInstitutionByCode(db: Tx, code: string) {
  return db.selectFrom('institutions').select(['id', 'code']).where('code', '=', code).where('archived_at', 'is', null).executeTakeFirst();
}

export function findPersonByEmail(db: Tx, institutionId: string, email: string) {
  return db.selectFrom('people').select('id').where('institution_id', '=', institutionId).where('email', '=', email).executeTakeFirst();
}

export function insertUser(
  db: Tx,
  values: Omit<Insertable<UsersTable>, 'password_hash'>,
) {
  // No password: the account signs in through the identity provider (or sets one by password reset).
  return db
    .insertInto('users')
    .values({ ...values, password_hash: null })
    .returning(['id', 'institution_id', 'email', 'roles', 'status'])
    .executeTakeFirstOrThrow();
}
