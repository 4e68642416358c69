import type { AppDeps } from '../../platform/deps.ts';
import { todayIn } from '../agreements/dates.ts';
import * as repo from './repository.ts';

/**
 * An organiser's admitting partners in force today, kept per process while nothing is written (platform/data-changes.ts:
 * an agreement, a party or an area changed makes a new generation): every public lookup shows them, and the query
 * behind them (agreements × parties × areas) cost more than the rest of a lookup. Without a generation (not listening),
 * read afresh each time.
 */
const partnersKept = new Map<string, { key: string; ids: string[] }>();
export async function admittingPartners(deps: AppDeps, organiserId: string) {
  const day = todayIn(deps.clock.now());
  const generation = deps.changes?.generation() ?? null;
  const key = `${generation} ${day}`;
  const kept = partnersKept.get(organiserId);
  if (generation !== null && kept?.key === key) return kept.ids;
  const ids = await repo.admittingPartners(deps.db, organiserId, day);
  if (generation !== null) {
    if (partnersKept.size >= 1000) partnersKept.clear(); // organisers are few; a bound all the same
    partnersKept.set(organiserId, { key, ids });
  }
  return ids;
}

