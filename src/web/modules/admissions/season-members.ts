import type { Season } from './queries.ts';

// What the members editor of a consortium season shows and may do, apart from how it draws it.

export type Institution = { institutionId: string; code: string; nameVi: string; nameEn: string };
export type MembersLock = 'coordinatorOnly' | 'afterFirstRun' | null;

/**
 * Why the members cannot be changed here, or null when they can: only the coordinator changes them, and only
 * before the season's first run (the server answers 403 and 409 otherwise).
 */
export function membersLock(season: Pick<Season, 'permissions'>, hasRuns: boolean): MembersLock {
  if (!season.permissions.manage) return 'coordinatorOnly';
  return hasRuns ? 'afterFirstRun' : null;
}

/**
 * The institutions the coordinator may choose from: the consortium's, with the season's members that have left the
 * consortium since (so that they can be taken out), by code; the coordinator is not among them (it always stays).
 */
export function memberChoices(season: Pick<Season, 'institutionId' | 'members'>, consortium: Institution[]): Institution[] {
  const all = new Map<string, Institution>();
  for (const i of [...consortium, ...season.members]) if (!all.has(i.institutionId)) all.set(i.institutionId, i);
  all.delete(season.institutionId);
  return [...all.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/** The members besides the coordinator, as the editor's chosen ids (sorted: the same members are the same list). */
export const chosenMembers = (season: Pick<Season, 'institutionId' | 'members'>) =>
  season.members.map((m) => m.institutionId).filter((id) => id !== season.institutionId).sort();

/** The members the chosen list leaves out: they go with their programs and the preferences for them. */
export const leavingMembers = (season: Pick<Season, 'members'>, chosen: string[]) =>
  season.members.filter((m) => !m.coordinator && !chosen.includes(m.institutionId));
