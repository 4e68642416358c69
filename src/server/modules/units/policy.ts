import type { UnitPermissions } from '../../../contracts/directory.ts';
import type { Actor } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { mayManageDirectoryOf } from '../institutions/policy.ts';

// Units belong to their institution's directory: its directory managers change them (institutions/policy.ts).
// Reading a unit is reading the directory (`requireDirectoryReader`) within tenancy.

export const mayEditUnit = (actor: Actor, unit: { institution_id: string }) => mayManageDirectoryOf(actor, unit.institution_id);

/** Adding a unit to an institution. */
export const mayAddUnitTo = (actor: Actor, institutionId: string) => mayManageDirectoryOf(actor, institutionId);

export function assertMayAddUnitTo(actor: Actor, institutionId: string): void {
  if (!mayAddUnitTo(actor, institutionId)) throw new AppError('forbidden');
}

export function assertMayEditUnit(actor: Actor, unit: { institution_id: string }): void {
  if (!mayEditUnit(actor, unit)) throw new AppError('forbidden');
}

export const unitPermissions = (actor: Actor, unit: { institution_id: string }): UnitPermissions => ({ edit: mayEditUnit(actor, unit) });
