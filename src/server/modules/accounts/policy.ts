import { can, requireCapability } from '../../platform/capabilities.ts';
import { ROLES, type Actor, type RequestContext, type Role } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';

// Who may manage which account. Managing accounts, invitations and API tokens is the `accounts.manage`
// capability (platform/capabilities.ts). Accounts are ranked by their highest role: the platform operator
// above institution admins above everybody else. An admin sees, changes, disables and grants only accounts
// and roles of at most their own rank, so an institution admin can never touch the operator's account (even
// when it is filed under their institution), nor read its mail (outbox/policy.ts).
const RANK: Record<Role, number> = {
  platform_admin: 3,
  institution_admin: 2,
  cooperation_officer: 1,
  coordinator: 1,
  member: 1,
  student: 1,
  exam_organiser: 1,
  admissions_officer: 1,
};

export const accountRank = (roles: readonly string[]) => Math.max(1, ...roles.map((r) => RANK[r as Role] ?? 1));

/** The roles an actor may not hold power over: every role ranked above the actor's own. */
export const rolesAbove = (roles: readonly string[]): Role[] => ROLES.filter((r) => RANK[r] > accountRank(roles));

/** Roles above an ordinary member: mail to such accounts is for the account alone. */
export const PRIVILEGED_ROLES: Role[] = ROLES.filter((r) => RANK[r] > 1);

/** Accounts, invitations and API tokens of the own institution (platform admins: any). */
export const mayManageAccounts = (actor: Actor) => can(actor, 'accounts.manage');

/** Institution admins manage their own institution's accounts; platform admins any. */
export const requireAccountAdmin = (ctx: RequestContext): Actor => requireCapability(ctx, 'accounts.manage');

/** Creating API tokens is for people: a token never mints another one. */
export function requireTokenIssuer(ctx: RequestContext): Actor {
  const actor = requireAccountAdmin(ctx);
  if (actor.kind === 'token') throw new AppError('forbidden');
  return actor;
}

/**
 * Accounts holding any of these roles are out of the actor's reach: not listed, not found (404, like a
 * foreign record). Repositories exclude them (`accounts/repository.ts`).
 */
export const hiddenAccountRoles = (actor: Actor): Role[] => rolesAbove(actor.roles);

/** The roles the actor may grant, by edit or invitation: none above their own rank (none without `accounts.manage`). */
export const grantableRoles = (actor: Actor): Role[] =>
  mayManageAccounts(actor) ? ROLES.filter((r) => RANK[r] <= accountRank(actor.roles)) : [];

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
