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

export async function countRecentFailures(db: Db, email: string, ip: string, since: Date) {
  const row = await db
    .selectFrom('login_failures')
    .select([
      sql<number>`count(*) FILTER (WHERE email = ${email})::int`.as('by_email'),
      sql<number>`count(*) FILTER (WHERE ip = ${ip})::int`.as('by_ip'),
    ])
    .where('failed_at', '>', since)
    .where((eb) => eb.or([eb('email', '=', email), eb('ip', '=', ip)]))
    .executeTakeFirstOrThrow();
  return row;
}

export async function recordFailure(db: Db, email: string, ip: string) {
  await db.insertInto('login_failures').values({ email, ip }).execute();
}

export async function clearFailures(db: Db, email: string) {
  await db.deleteFrom('login_failures').where('email', '=', email).execute();
}

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
