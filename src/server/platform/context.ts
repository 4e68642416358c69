import type { Language } from '../../locales/index.ts';
import { AppError } from './errors.ts';

import { Role as RoleSchema, TokenScope as TokenScopeSchema } from '../../contracts/accounts.ts';

// Roles and token scopes are defined once, in the API contract.
export const ROLES = RoleSchema.options;
export type Role = (typeof ROLES)[number];
export const TOKEN_SCOPES = TokenScopeSchema.options;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** Who is acting: a signed-in user or an institution's API token. */
export interface Actor {
  kind: 'user' | 'token';
  userId: string | null;
  tokenId: string | null;
  institutionId: string;
  roles: Role[];
  /** Scopes of an API token; null for users, whose roles decide. */
  scopes: TokenScope[] | null;
  label: string;
}

/** Built once per request by the auth hook and passed to every service call. */
export interface RequestContext {
  actor: Actor | null;
  lang: Language;
  requestId: string;
  ip: string;
}

export function requireActor(ctx: RequestContext): Actor {
  if (!ctx.actor) throw new AppError('unauthenticated');
  return ctx.actor;
}

export function isPlatformAdmin(ctx: RequestContext): boolean {
  return ctx.actor?.roles.includes('platform_admin') ?? false;
}

/** The actor must hold one of the roles (platform admins pass every role check). */
export function requireRole(ctx: RequestContext, ...roles: Role[]): Actor {
  const actor = requireActor(ctx);
  if (actor.roles.includes('platform_admin')) return actor;
  if (!roles.some((r) => actor.roles.includes(r))) throw new AppError('forbidden');
  return actor;
}

/** API tokens may only do what their scopes allow; users are governed by roles instead. */
export function requireScope(ctx: RequestContext, scope: TokenScope): Actor {
  const actor = requireActor(ctx);
  if (actor.scopes && !actor.scopes.includes(scope)) throw new AppError('forbidden');
  return actor;
}

export const systemContext = (lang: Language = 'vi'): RequestContext => ({
  actor: null,
  lang,
  requestId: 'system',
  ip: '127.0.0.1',
});
