import type { HomeItem, HomeSection } from '../../../contracts/home.ts';
import { addDays } from '../../../engines/progress/target-status.ts';
import { translate } from '../../../locales/index.ts';
import { type RequestContext, requireActor } from '../../platform/context.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { todayIn, visibleAgreementFacts } from '../agreements/service.ts';
import { canRead } from '../agreements/policy.ts';
import { mayReadActivities, mayRecordActivities } from './policy.ts';
import * as repo from './repository.ts';

// The activities module's sections of the home page (home/registry.ts):
//  - activities to report: planned activities that have started, which the caller records (a party's officers,
//    admins and coordinators; a point of contact those of their areas) — mark them done or cancelled;
//  - coming up: planned activities of the next 30 days under the caller's institution's agreements that the caller
//    reads (policy.ts mayReadActivities).
// Platform admins, who record nothing, see no section here.

const UPCOMING_DAYS = 30;
const CANDIDATES = 100;
const SHOWN = 5;

export async function activityHomeSections(deps: AppDeps, ctx: RequestContext): Promise<HomeSection[]> {
  const actor = requireActor(ctx);
  if (!canRead(actor) || actor.roles.includes('platform_admin')) return [];
  const today = todayIn(deps.clock.now());
  const lang = ctx.lang;
  const [started, upcoming] = await Promise.all([
    repo.plannedActivitiesOfParty(deps.db, actor.institutionId, { from: null, to: today }, CANDIDATES),
    repo.plannedActivitiesOfParty(deps.db, actor.institutionId, { from: addDays(today, 1), to: addDays(today, UPCOMING_DAYS) }, CANDIDATES),
  ]);
  const agreementIds = [...new Set([...started.rows, ...upcoming.rows].map((r) => r.agreement_id))];
  const facts = new Map((await visibleAgreementFacts(deps.db, ctx, agreementIds)).map((a) => [a.id, { partyIds: a.party_ids, status: a.status, involved: a.reader_involved }]));
  const contactAreas = new Map<string, Set<string>>();
  for (const id of new Set(started.rows.map((r) => r.agreement_id))) {
    const f = facts.get(id);
    if (f && !mayRecordActivities(actor, f) && mayRecordActivities(actor, f, true)) contactAreas.set(id, new Set(await repo.contactAreas(deps.db, actor.userId, id)));
  }
  const item = (r: (typeof started.rows)[number], detailKey: string): HomeItem => ({
    id: r.id,
    path: `/agreements/${r.agreement_id}?activity=${r.id}`,
    title: lang === 'vi' ? r.title_vi : r.title_en,
    detail: translate(lang, detailKey, { agreement: lang === 'vi' ? r.agreement_title_vi : r.agreement_title_en }),
    date: r.start_date,
    time: null,
    badgeKey: `activities.kinds.${r.kind}`,
  });
  const toReport = started.rows.filter((r) => {
    const f = facts.get(r.agreement_id);
    return f !== undefined && (mayRecordActivities(actor, f) || (contactAreas.get(r.agreement_id)?.has(r.area_key) ?? false));
  });
  const coming = upcoming.rows.filter((r) => {
    const f = facts.get(r.agreement_id);
    return f !== undefined && mayReadActivities(actor, f);
  });
  const sections: HomeSection[] = [];
  // Shown (empty, too) to those who record activities of some agreement here.
  const recorder = toReport.length > 0 || [...facts.values()].some((f) => mayRecordActivities(actor, f));
  if (recorder) {
    sections.push({
      key: 'activities.toReport',
      titleKey: 'home.sections.activitiesToReport.title',
      emptyKey: 'home.sections.activitiesToReport.empty',
      count: toReport.length,
      items: toReport.slice(0, SHOWN).map((r) => item(r, 'homeItems.activityUnder')),
    });
  }
  if (coming.length > 0) {
    sections.push({
      key: 'activities.upcoming',
      titleKey: 'home.sections.activitiesUpcoming.title',
      emptyKey: 'home.sections.activitiesUpcoming.empty',
      count: coming.length,
      items: coming.slice(0, SHOWN).map((r) => item(r, 'homeItems.activityUnder')),
    });
  }
  return sections;
}
