import type { z } from 'zod';
import type { SeasonPermissions } from '../../../contracts/admissions.ts';
import { can, requireCapability } from '../../platform/capabilities.ts';
import type { Actor, RequestContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';

// Admissions belong to the institutions that run them (platform/capabilities.ts: `admissions.read` — the admissions
// officers and admins, tokens with `admissions:read` or `admissions:write`; `admissions.manage` — the same roles, tokens
// with `admissions:write`). A season is owned by its coordinating institution, which alone edits it, its members and
// preferences, and starts and cancels runs; in a consortium season every member institution opens the season and
// manages its own programs. Seasons of which the caller's institution is no member are out of tenancy (404); roles
// without the capability get 403.

/** The actor, when it may read admissions at all; 403 otherwise. */
export const requireAdmissionsReader = (ctx: RequestContext): Actor => requireCapability(ctx, 'admissions.read');
/** The actor, when it may run admissions at all; 403 otherwise. */
export const requireAdmissionsManager = (ctx: RequestContext): Actor => requireCapability(ctx, 'admissions.manage');

const actsFor = (actor: Actor, institutionId: string) => actor.roles.includes('platform_admin') || actor.institutionId === institutionId;

/** Coordinate the season: its owner's managers. */
export const mayManageSeason = (actor: Actor, season: { institution_id: string }) => can(actor, 'admissions.manage') && actsFor(actor, season.institution_id);

export function assertMayManageSeason(actor: Actor, season: { institution_id: string }): void {
  if (!mayManageSeason(actor, season)) throw new AppError('forbidden');
}

/** Add programs of the own institution to a season the caller reaches (every member's managers). */
export const mayAddPrograms = (actor: Actor) => can(actor, 'admissions.manage');

/** Edit or delete a program: its institution's managers. */
export const mayEditProgram = (actor: Actor, program: { institution_id: string }) => can(actor, 'admissions.manage') && actsFor(actor, program.institution_id);

export function assertMayEditProgram(actor: Actor, program: { institution_id: string }): void {
  if (!mayEditProgram(actor, program)) throw new AppError('forbidden');
}

export const seasonPermissions = (actor: Actor, season: { institution_id: string }): z.infer<typeof SeasonPermissions> => ({
  manage: mayManageSeason(actor, season),
  addPrograms: mayAddPrograms(actor),
});
