import type { RequestContext } from '../platform/context.ts';
import { requireActor } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';

// Who may change directory records. Reading is governed by tenancy (platform/access.ts);
// these checks run after a record was found visible, so a refusal here is 403, not 404.
export function canManageDirectoryOf(ctx: RequestContext, institutionId: string): boolean {
  const actor = requireActor(ctx);
  if (actor.roles.includes('platform_admin')) return true;
  if (actor.scopes && !actor.scopes.includes('directory:write')) return false;
  return (
    actor.institutionId === institutionId &&
    (actor.roles.includes('institution_admin') || actor.roles.includes('cooperation_officer'))
  );
}

export function assertCanManageDirectoryOf(ctx: RequestContext, institutionId: string): void {
  if (!canManageDirectoryOf(ctx, institutionId)) throw new AppError('forbidden');
}

export function assertCanRead(ctx: RequestContext): void {
  const actor = requireActor(ctx);
  if (actor.scopes && !actor.scopes.includes('directory:read') && !actor.scopes.includes('directory:write')) {
    throw new AppError('forbidden');
  }
}
