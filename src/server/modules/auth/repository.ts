import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/db.ts';

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
