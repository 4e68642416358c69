import type { InstitutionPermissions } from '../../../contracts/directory.ts';
import { can, requireCapability } from '../../platform/capabilities.ts';
import type { Actor, RequestContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';

// The directory's rules: institutions, and who manages an institution's units and people (units/policy.ts
// and people/policy.ts build on `mayManageDirectoryOf`). Built from the capability table
// (platform/capabilities.ts). Reading is governed by tenancy (platform/access.ts) once `directory.read` is
// held; the record checks below run after a record was found visible, so a refusal is 403, not 404.

/** Reading the directory: every signed-in user; API tokens with `directory:read` or `directory:write`. */
export const mayReadDirectory = (actor: Actor) => can(actor, 'directory.read');

export const requireDirectoryReader = (ctx: RequestContext): Actor => requireCapability(ctx, 'directory.read');

/** Adding institutions (tenants) is the operator's. */
export const mayCreateInstitution = (actor: Actor) => can(actor, 'platform.operate');

export const requireInstitutionCreator = (ctx: RequestContext): Actor => requireCapability(ctx, 'platform.operate');

/** The institution's profile: its own institution admins, and the operator for every institution. */
export const mayEditInstitution = (actor: Actor, institutionId: string) =>
  can(actor, 'platform.operate') || (can(actor, 'institution.edit') && actor.institutionId === institutionId);

/** Nobody without `institution.edit` edits any institution: 403 before the record is looked up. */
export const requireInstitutionEditor = (ctx: RequestContext): Actor => requireCapability(ctx, 'institution.edit');

/** Archiving and restoring an institution takes a tenant out of (or back into) the platform: the operator's. */
export const mayArchiveInstitution = (actor: Actor) => can(actor, 'platform.operate');

/** Units and people of an institution: its directory managers (admins, officers, `directory:write` tokens). */
export const mayManageDirectoryOf = (actor: Actor, institutionId: string) =>
  can(actor, 'platform.operate') || (can(actor, 'directory.manage') && actor.institutionId === institutionId);

export function assertMayManageDirectoryOf(actor: Actor, institutionId: string): void {
  if (!mayManageDirectoryOf(actor, institutionId)) throw new AppError('forbidden');
}

/** What the caller may do with an institution they can see (the presenter's `permissions`). */
export const institutionPermissions = (actor: Actor, institution: { id: string }): InstitutionPermissions => ({
  edit: mayEditInstitution(actor, institution.id),
  archive: mayArchiveInstitution(actor),
  manageDirectory: mayManageDirectoryOf(actor, institution.id),
});
