import type { CalendarEvent, CalendarRange } from '../../../contracts/calendar.ts';
import type { CalendarScope } from '../calendar/registry.ts';
import { translate } from '../../../locales/index.ts';
import { type RequestContext, requireActor } from '../../platform/context.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { canRead } from '../agreements/policy.ts';
import { visibleAgreementFacts } from '../agreements/service.ts';
import { mayReadActivities } from './policy.ts';
import * as repo from './repository.ts';

// The activities module's calendar source (calendar/registry.ts): planned and done activities (not cancelled)
// overlapping the range, under the agreements whose activities the caller reads (policy.ts mayReadActivities: a
// party's users who read the agreement whole, and platform admins), titled in the caller's language, the
// agreement as the detail line; each opens on its agreement's page. Involved (the personal feed): those the caller
// recorded, takes part in, or is a point of contact of the area for.
export async function activityCalendarEvents(deps: AppDeps, ctx: RequestContext, range: CalendarRange, scope: CalendarScope = {}): Promise<CalendarEvent[]> {
  const actor = requireActor(ctx);
  if (!canRead(actor)) return [];
  const operator = actor.roles.includes('platform_admin');
  const candidates = await repo.agreementsWithActivitiesIn(deps.db, operator ? null : actor.institutionId, range);
  const facts = await visibleAgreementFacts(deps.db, ctx, candidates);
  const readable = facts.filter((f) => mayReadActivities(actor, { partyIds: f.party_ids, status: f.status, involved: f.reader_involved })).map((f) => f.id);
  const rows = await repo.calendarActivities(deps.db, readable, range, scope.involved ? actor.userId : null);
  const titles = await repo.agreementTitles(deps.db, [...new Set(rows.map((r) => r.agreement_id))]);
  const vi = ctx.lang === 'vi';
  const online = translate(ctx.lang, 'calendarFeed.online');
  return rows.map((r) => ({
    id: `activity:${r.id}`,
    type: 'activity',
    recordId: r.id,
    title: vi ? r.title_vi : r.title_en,
    detail: (vi ? titles.get(r.agreement_id)?.title_vi : titles.get(r.agreement_id)?.title_en) ?? null,
    start: r.start_date,
    end: r.end_date,
    place: r.place.trim() !== '' ? r.place : r.online ? online : null,
    status: r.status,
    path: `/agreements/${r.agreement_id}?activity=${r.id}`,
  }));
}
