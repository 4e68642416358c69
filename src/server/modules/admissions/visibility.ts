import type { RequestContext } from '../../platform/context.ts';
import { isPlatformAdmin, requireActor } from '../../platform/context.ts';
import type { AppDeps } from '../../platform/deps.ts';
import type { Tx } from '../../platform/db.ts';
import { memberIds, programIdsOf } from './repository.ts';

// Which programs' applicants a caller sees candidate by candidate in a season (its runs' results, comparisons,
// exports, preferences). Every such read asks this one function; aggregate figures (quota, admitted, cutoff per
// program) are visible to everyone who may open the season.
//
// A season of one institution: that institution's admissions managers see every program ('all').
// A consortium season (several institutions' programs matched together): each member institution — the coordinator
// too — sees its own programs' applicants only; platform admins see all. Callers reach the season only as members
// (repository.ts `memberOf`), so a caller here belongs to one of its institutions.

export type DetailScope = 'all' | { programIds: string[] };

export async function detailScope(
  db: AppDeps['db'] | Tx,
  ctx: RequestContext,
  season: { id: string; institution_id: string },
): Promise<DetailScope> {
  if (isPlatformAdmin(ctx)) return 'all';
  const actor = requireActor(ctx);
  const members = await memberIds(db, season.id);
  // Every program of a season whose only member is the caller's institution is the caller's.
  if (members.length === 1 && members[0] === actor.institutionId) return 'all';
  return { programIds: await programIdsOf(db, season.id, actor.institutionId) };
}

/** Whether a result row for `programId` (null: not admitted anywhere) is shown in detail under `scope`. */
export function inDetail(scope: DetailScope, programId: string | null): boolean {
  return scope === 'all' || (programId !== null && scope.programIds.includes(programId));
}
