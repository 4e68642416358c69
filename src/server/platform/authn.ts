import { sql } from 'kysely';
import type { FastifyRequest } from 'fastify';
import type { Db } from './db.ts';
import type { Actor, Role, TokenScope } from './context.ts';
import { sha256 } from './secrets.ts';

// Resolves who is calling: an `Authorization: Bearer hoptac_…` API token, or the session cookie.
export const SESSION_COOKIE = 'hoptac_session';
export const CSRF_HEADER = 'x-csrf-token';
export const TOKEN_PREFIX = 'hoptac_';

export interface Authentication {
  actor: Actor;
  /** Set for cookie sessions: unsafe methods must echo it in the X-CSRF-Token header. */
  csrfToken: string | null;
  language: string | null;
  sessionHash: string | null;
}

export async function authenticate(db: Db, request: FastifyRequest, now: Date): Promise<Authentication | null> {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return authenticateToken(db, header.slice(7).trim(), now);
  const cookie = request.cookies?.[SESSION_COOKIE];
  if (cookie) return authenticateSession(db, cookie, now);
  return null;
}

async function authenticateToken(db: Db, token: string, now: Date): Promise<Authentication | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const row = await db
    .selectFrom('api_tokens')
    .select(['id', 'institution_id', 'name', 'scopes', 'expires_at', 'revoked_at', 'last_used_at'])
    .where('token_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!row || row.revoked_at || (row.expires_at && row.expires_at <= now)) return null;
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > 60_000) {
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
  }
  return {
    actor: {
      kind: 'token',
      userId: null,
      tokenId: row.id,
      institutionId: row.institution_id,
      // A token acts for its institution like a cooperation officer, limited further by its scopes.
      roles: ['cooperation_officer'],
      scopes: row.scopes as TokenScope[],
      label: `token:${row.name}`,
    },
    csrfToken: null,
    language: null,
    sessionHash: null,
  };
}

async function authenticateSession(db: Db, cookie: string, now: Date): Promise<Authentication | null> {
  const hash = sha256(cookie);
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.csrf_token', 's.expires_at', 's.last_seen_at', 'u.id', 'u.institution_id', 'u.roles', 'u.email', 'u.language', 'u.status'])
    .where('s.token_hash', '=', hash)
    .executeTakeFirst();
  if (!row || row.expires_at <= now || row.status !== 'active') return null;
  if (now.getTime() - new Date(row.last_seen_at).getTime() > 5 * 60_000) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: sql`now()` })
      .where('token_hash', '=', hash)
      .execute();
  }
  return {
    actor: {
      kind: 'user',
      userId: row.id,
      tokenId: null,
      institutionId: row.institution_id,
      roles: row.roles as Role[],
      scopes: null,
      label: row.email,
    },
    csrfToken: row.csrf_token,
    language: row.language,
    sessionHash: hash,
  };
}
