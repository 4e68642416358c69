import type { z } from 'zod';
import type { CalendarEvent, CalendarRange } from '../../../../contracts/calendar.ts';
import type { CalendarScope } from '../../calendar/registry.ts';
import type { DelegationListQuery } from '../../../../contracts/delegations.ts';
import { translate } from '../../../../locales/index.ts';
import { can, requireCapability } from '../../../platform/capabilities.ts';
import type { RequestContext } from '../../../platform/context.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { decodeCursor, pageOf } from '../../../platform/pagination.ts';
import { mayRequestAny } from '../policy.ts';
import * as repo from '../repository.ts';
import { agreementForDelegations, delegationForActor, readableAgreementIds } from './find-delegation.ts';
import { byLang, present, summary } from './present-delegation.ts';

// Reading delegations: the list, one delegation, the calendar's events and the reports' rows — each only of the
// agreements whose delegations the caller reads.

const LIST_CURSOR = { key: 'date', id: 'uuid' } as const;

export async function listDelegations(deps: AppDeps, ctx: RequestContext, query: z.infer<typeof DelegationListQuery>) {
  const actor = requireCapability(ctx, 'agreements.read');
  if (query.agreementId) await agreementForDelegations(deps.db, ctx, query.agreementId); // 404 for an unseen agreement
  const agreementIds = await readableAgreementIds(deps, ctx, query.agreementId);
  const rows = await repo.listDelegations(deps.db, {
    agreementIds,
    direction: query.direction,
    status: query.status,
    year: query.year,
    limit: query.limit,
    cursor: decodeCursor(query.cursor, LIST_CURSOR),
  });
  const page = pageOf(rows, query.limit, (r) => r.start_date);
  return { ...page, items: page.items.map((r) => summary(ctx, r)), permissions: { request: mayRequestAny(actor) } };
}

export async function getDelegation(deps: AppDeps, ctx: RequestContext, id: string) {
  const { row } = await delegationForActor(deps.db, ctx, id);
  return present(deps, ctx, row);
}

/**
 * The calendar source: submitted, approved and done delegations of agreements the caller reads, in the range
 * (involved: those the caller requested, approves or decided, or is a member of).
 */
export async function delegationCalendar(deps: AppDeps, ctx: RequestContext, range: CalendarRange, scope: CalendarScope = {}): Promise<CalendarEvent[]> {
  const actor = ctx.actor;
  if (!actor || !can(actor, 'agreements.read')) return [];
  const agreementIds = await readableAgreementIds(deps, ctx);
  const rows = await repo.listDelegations(deps.db, {
    agreementIds,
    statuses: ['submitted', 'approved', 'done'],
    from: range.from,
    to: range.to,
    involving: scope.involved && actor.kind === 'user' ? (actor.userId ?? undefined) : undefined,
    limit: 5000,
  });
  return rows.map((r) => ({
    id: `delegation:${r.id}`,
    type: 'delegation',
    recordId: r.id,
    title: byLang(ctx, r.title_vi, r.title_en),
    detail: `${translate(ctx.lang, `delegationDirections.${r.direction}`)} · ${byLang(ctx, r.partner_name_vi, r.partner_name_en)}`,
    start: r.start_date,
    end: r.end_date,
    place: r.direction === 'incoming' ? byLang(ctx, r.institution_name_vi, r.institution_name_en) : byLang(ctx, r.partner_name_vi, r.partner_name_en),
    status: r.status,
    path: `/delegations/${r.id}`,
  }));
}

/**
 * For the reports: the approved and done delegations of the year (overlapping it) under one agreement, or handled
 * by one institution, that the caller reads — with the partner's country and the number of people (guests of an
 * incoming delegation, members of an outgoing one).
 */
export async function delegationsForReport(deps: AppDeps, ctx: RequestContext, filter: { agreementId?: string; institutionId?: string }, year: number) {
  const agreementIds = await readableAgreementIds(deps, ctx, filter.agreementId);
  const rows = (
    await repo.listDelegations(deps.db, { agreementIds, statuses: ['approved', 'done'], year, limit: 10_000 })
  ).filter((r) => !filter.institutionId || r.institution_id === filter.institutionId);
  const [members, countries] = await Promise.all([repo.membersOf(deps.db, rows.map((r) => r.id)), repo.countriesOf(deps.db, [...new Set(rows.map((r) => r.partner_id))])]);
  return rows.map((r) => ({
    ...summary(ctx, r),
    partnerCountry: countries.get(r.partner_id) ?? '',
    people: r.direction === 'incoming' ? r.guest_count : members.filter((m) => m.delegation_id === r.id).length,
  }));
}
