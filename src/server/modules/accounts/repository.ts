import { sql, type Expression, type Insertable, type Selectable, type SqlBool, type Updateable } from 'kysely';
import type { TenantScope } from '../../platform/access.ts';
import type { Role } from '../../platform/context.ts';
import type { Db, Tx } from '../../platform/db.ts';
import type { ApiTokensTable, InvitationsTable, UsersTable } from '../../platform/db-schema.ts';
import { afterCursor, type Cursor, type CursorKind } from '../../platform/pagination.ts';
import { matchesAllWords, searchDoc } from '../../platform/search.ts';
import { nextVersion } from '../../platform/versioning.ts';

// Accounts, invitations and API tokens. Everything found for a caller takes the caller's TenantScope (their
// institution's rows; every row for platform admins) and, for accounts, the roles the caller may not reach
// (accounts/policy.ts `hiddenAccountRoles`): such accounts are simply not found.

/** SQL condition over a `users` row aliased `alias`: the account holds none of `roles`. */
function holdsNoneOf(alias: string, roles: readonly Role[]): Expression<SqlBool> {
  if (roles.length === 0) return sql<SqlBool>`true`;
  return sql<SqlBool>`NOT (${sql.ref(`${alias}.roles`)} && ${sql.val(roles)}::text[])`;
}

// ---- accounts

/** The users list is ordered by e-mail (citext, as stored and indexed: `users_institution_email_idx`). */
export const USER_CURSOR: CursorKind = { key: 'text' };

export interface UserFilter {
  q?: string;
  role?: Role;
  status?: 'active' | 'disabled';
  limit: number;
  cursor?: Cursor;
}

/** One page (limit + 1 rows) of the accounts the caller may manage, by e-mail. */
export function listUsers(db: Db, scope: TenantScope, hiddenRoles: readonly Role[], f: UserFilter) {
  let q = db.selectFrom('users').selectAll().where(scope.own('users.institution_id')).where(holdsNoneOf('users', hiddenRoles));
  const match = matchesAllWords(searchDoc('users.display_name', 'users.email'), f.q);
  if (match) q = q.where(match);
  if (f.role) q = q.where(sql<SqlBool>`${f.role} = ANY(users.roles)`);
  if (f.status) q = q.where('users.status', '=', f.status);
  if (f.cursor) q = q.where(afterCursor('users.email', 'users.id', f.cursor, 'asc'));
  return q.orderBy('users.email').orderBy('users.id').limit(f.limit + 1).execute();
}

/** An account the caller may manage, locked for an edit; undefined when out of reach. */
export function lockManageableUser(tx: Tx, scope: TenantScope, hiddenRoles: readonly Role[], id: string) {
  return tx
    .selectFrom('users')
    .selectAll()
    .where('id', '=', id)
    .where(scope.own('users.institution_id'))
    .where(holdsNoneOf('users', hiddenRoles))
    // Not FOR UPDATE: that would also block the key-share lock an audit entry written by this account
    // takes (actor_user_id), and two admins editing each other would deadlock.
    .forNoKeyUpdate()
    .executeTakeFirst();
}

/** The institution of an account (to serialise changes of that institution's accounts before locking one). */
export async function institutionOfUser(tx: Tx, id: string) {
  return (await tx.selectFrom('users').select('institution_id').where('id', '=', id).executeTakeFirst())?.institution_id ?? null;
}

/** Whether the person is one of the institution's people (an account speaks for a person of its own institution). */
export async function isPersonOfInstitution(tx: Tx, personId: string, institutionId: string) {
  const row = await tx.selectFrom('people').select('id').where('id', '=', personId).where('institution_id', '=', institutionId).executeTakeFirst();
  return row !== undefined;
}

/** Active institution admins of the institution other than `exceptUserId`. */
export async function countOtherActiveAdmins(tx: Tx, institutionId: string, exceptUserId: string) {
  const row = await tx
    .selectFrom('users')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('institution_id', '=', institutionId)
    .where('id', '<>', exceptUserId)
    .where('status', '=', 'active')
    .where(sql<SqlBool>`'institution_admin' = ANY(roles)`)
    .executeTakeFirstOrThrow();
  return row.n;
}

export function updateUser(tx: Tx, id: string, values: Updateable<UsersTable>) {
  return tx
    .updateTable('users')
    .set({ ...values, ...nextVersion() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Ends every session of the account (a disabled account is signed out everywhere). */
export async function endSessionsOf(tx: Tx, userId: string) {
  await tx.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function emailHasAccount(db: Db | Tx, email: string) {
  const row = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
  return row !== undefined;
}

export function findInstitutionByCode(db: Db | Tx, code: string) {
  return db.selectFrom('institutions').select(['id', 'code']).where('code', '=', code).executeTakeFirst();
}

/**
 * The operator's account, created or — when the e-mail exists — given back its password, the operator's
 * roles and an active status (the command line's `user create-admin`).
 */
export function upsertPlatformAdmin(tx: Tx, values: { institution_id: string; email: string; display_name: string; password_hash: string; roles: Role[] }) {
  return tx
    .insertInto('users')
    .values(values)
    .onConflict((oc) => oc.column('email').doUpdateSet({ password_hash: values.password_hash, roles: values.roles, status: 'active' }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

// ---- invitations
export type InvitationRecord = Selectable<InvitationsTable>;


export function listInvitations(db: Db, scope: TenantScope) {
  return db
    .selectFrom('invitations')
    .selectAll()
    .where(scope.own('invitations.institution_id'))
    .orderBy('created_at', 'desc')
    .limit(500)
    .execute();
}

export function insertInvitation(tx: Tx, values: Insertable<InvitationsTable>) {
  return tx.insertInto('invitations').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Revokes an invitation not yet accepted; undefined when there is none the caller may see. */
export function revokeInvitation(tx: Tx, scope: TenantScope, id: string) {
  return tx
    .updateTable('invitations')
    .set({ revoked_at: sql`coalesce(revoked_at, now())` })
    .where('id', '=', id)
    .where(scope.own('invitations.institution_id'))
    .where('accepted_at', 'is', null)
    .returning(['id', 'institution_id'])
    .executeTakeFirst();
}

// ---- API tokens
export type ApiTokenRecord = Selectable<ApiTokensTable>;


export function listApiTokens(db: Db, scope: TenantScope) {
  return db.selectFrom('api_tokens').selectAll().where(scope.own('api_tokens.institution_id')).orderBy('created_at', 'desc').execute();
}

export function insertApiToken(tx: Tx, values: Insertable<ApiTokensTable>) {
  return tx.insertInto('api_tokens').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Revokes a token; undefined when there is none the caller may see. */
export function revokeApiToken(tx: Tx, scope: TenantScope, id: string) {
  return tx
    .updateTable('api_tokens')
    .set({ revoked_at: sql`coalesce(revoked_at, now())` })
    .where('id', '=', id)
    .where(scope.own('api_tokens.institution_id'))
    .returning(['id', 'institution_id'])
    .executeTakeFirst();
}
