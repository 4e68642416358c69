import type { z } from 'zod';
import type { SeasonPermissions } from '../../../contracts/admissions.ts';
import { can, requireCapability } from '../../platform/capabilities.ts';
import type { Actor, RequestContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';

// Admissions belong to the institution that runs them: its admissions officers and admins (`admissions.manage`,
// platform/capabilities.ts) manage its seasons. Other institutions' seasons are out of tenancy (404); roles without
// the capability get 403 before anything is looked up.

/** The actor, when it may run admissions at all; 403 otherwise. */
export const requireAdmissionsManager = (ctx: RequestContext): Actor => requireCapability(ctx, 'admissions.manage');

export const mayManageSeason = (actor: Actor, season: { institution_id: string }) =>
  can(actor, 'admissions.manage') && (actor.roles.includes('platform_admin') || actor.institutionId === season.institution_id);

export function assertMayManageSeason(actor: Actor, season: { institution_id: string }): void {
  if (!mayManageSeason(actor, season)) throw new AppError('forbidden');
}

export const seasonPermissions = (actor: Actor, season: { institution_id: string }): z.infer<typeof SeasonPermissions> => ({
  manage: mayManageSeason(actor, season),
});
