import type { TFunction } from 'i18next';
import type { Me } from '../../../contracts/accounts.ts';

/** Roles this admin may grant (the server's `grantableRoles`: none above their own rank). */
export function grantableRoleOptions(me: Me, t: TFunction) {
  return me.permissions.grantableRoles.map((role) => ({ value: role, label: t(`roles.${role}`) }));
}
