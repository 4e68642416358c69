import type { Me, Role } from '../../../contracts/accounts.ts';

// What the signed-in user may do, to hide actions they cannot take (the server enforces it anyway).
const has = (me: Me, role: Role) => me.roles.includes(role);

export const isPlatformAdmin = (me: Me) => has(me, 'platform_admin');
export const isAdmin = (me: Me) => isPlatformAdmin(me) || has(me, 'institution_admin');
export const canCreateInstitution = isPlatformAdmin;

export function canEditInstitution(me: Me, institutionId: string): boolean {
  return isPlatformAdmin(me) || (has(me, 'institution_admin') && me.institution.id === institutionId);
}

/** Units and people of an institution. */
export function canEditDirectoryOf(me: Me, institutionId: string): boolean {
  if (isPlatformAdmin(me)) return true;
  return (has(me, 'institution_admin') || has(me, 'cooperation_officer')) && me.institution.id === institutionId;
}

export function canEditPerson(me: Me, person: { id: string; institutionId: string }): boolean {
  return canEditDirectoryOf(me, person.institutionId) || me.user.personId === person.id;
}

/** Drafting agreements: the cooperation office (officers and institution admins). */
export function canDraftAgreement(me: Me): boolean {
  return isPlatformAdmin(me) || has(me, 'cooperation_officer') || has(me, 'institution_admin');
}
