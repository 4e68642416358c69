import { sql, type Expression, type SqlBool } from 'kysely';
import { ROLES, requireRole, type Actor, type RequestContext, type Role } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';

// Who may manage which account. Accounts are ranked by their highest role: the platform operator above
// institution admins above everybody else. An admin sees, changes, disables and grants only accounts and
// roles of at most their own rank, so an institution admin can never touch the operator's account (even
// when it is filed under their institution), nor read its mail (outbox/service.ts).
const RANK: Record<Role, number> = {
  platform_admin: 3,
  institution_admin: 2,
  cooperation_officer: 1,
  coordinator: 1,
  member: 1,
  student: 1,
};

export const accountRank = (roles: readonly string[]) => Math.max(1, ...roles.map((r) => RANK[r as Role] ?? 1));

/** The roles an actor may not hold power over: every role ranked above the actor's own. */
export const rolesAbove = (roles: readonly string[]): Role[] => ROLES.filter((r) => RANK[r] > accountRank(roles));

/** Roles above an ordinary member: mail to such accounts is for the account alone. */
export const PRIVILEGED_ROLES: Role[] = ROLES.filter((r) => RANK[r] > 1);

/** Institution admins manage their own institution's accounts; platform admins any. */
export const requireAccountAdmin = (ctx: RequestContext): Actor => requireRole(ctx, 'institution_admin');

/** SQL condition over a `users` row aliased `alias`: the actor outranks or equals the account. */
export function manageableBy(actor: Actor, alias: string): Expression<SqlBool> {
  const above = rolesAbove(actor.roles);
  if (above.length === 0) return sql<SqlBool>`true`;
  return sql<SqlBool>`NOT (${sql.ref(`${alias}.roles`)} && ${sql.val(above)}::text[])`;
}

export const canManageAccount = (actor: Actor, targetRoles: readonly string[]) => accountRank(actor.roles) >= accountRank(targetRoles);

/** Granting a role above one's own is refused (403, with the reason on the `roles` field). */
export function assertMayGrant(actor: Actor, roles: readonly string[] | undefined) {
  if (roles && accountRank(roles) > accountRank(actor.roles)) {
    throw new AppError('forbidden', { messageKey: 'errors.role_not_allowed', fields: [{ field: 'roles', code: 'role_not_allowed' }] });
  }
}

/**
 * Audit entries about an account belong to its institution; those about an account that outranks every
 * institution admin (the operator) to nobody, so only platform admins read them.
 */
export const accountAuditOwners = (account: { roles: readonly string[]; institution_id: string }): string[] =>
  account.roles.includes('platform_admin') ? [] : [account.institution_id];
