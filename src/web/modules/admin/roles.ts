import type { TFunction } from 'i18next';
import type { Me } from '../../../contracts/accounts.ts';
import { InstitutionRole, Role } from '../../../contracts/accounts.ts';
import { isPlatformAdmin } from '../session/permissions.ts';

/** Roles this admin may grant: platform_admin only by platform admins. */
export function grantableRoleOptions(me: Me, t: TFunction) {
  const roles = isPlatformAdmin(me) ? Role.options : InstitutionRole.options;
  return roles.map((role) => ({ value: role, label: t(`roles.${role}`) }));
}
