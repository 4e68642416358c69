import type { z } from 'zod';
import type { AgreementProgress, Dashboard, DashboardQuery, ExchangeBalanceQuery, TargetProgress } from '../../../contracts/activities.ts';
import type { METRICS } from '../../../contracts/agreements.ts';

type Metric = (typeof METRICS)[number];
import { addDays, targetStatus } from '../../../engines/progress/target-status.ts';
import { translate } from '../../../locales/index.ts';
import { type RequestContext, requireActor } from '../../platform/context.ts';
import type { Db, Tx } from '../../platform/db.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { getInstitution } from '../institutions/service.ts';
import { requireVisibleAgreement, todayIn, visibleAgreementFacts } from '../agreements/service.ts';
import { metricDefinition } from './metrics.ts';
import { mayReadActivities, mayReadDashboard } from './policy.ts';
import * as repo from './repository.ts';

// Progress, computed from the records on every request (no stored totals that could drift): each target's actual
// value by its metric's query (metrics.ts), its status against the share of its period elapsed
// (engines/progress/target-status.ts), and the dashboards built from the same figures.

type Facts = { id: string; status: string; party_ids: string[]; reader_involved: boolean };
const readable = (ctx: RequestContext, a: Facts) =>
  mayReadActivities(requireActor(ctx), { partyIds: a.party_ids, status: a.status as never, involved: a.reader_involved });

/**
 * The progress of every target of the agreements, in the reader's language (for the reminders job too), from the
 * stored actuals (target_actuals, kept exact by the database). The records behind a figure: `listActivities` with
 * `target`.
 */
export async function agreementTargetsProgress(
  db: Db | Tx,
  ctx: RequestContext,
  agreementIds: string[],
  today: string,
  options: { year?: number; titles?: boolean } = {},
): Promise<(TargetProgress & { agreementId: string })[]> {
  const [all, stored, areas] = await Promise.all([
    repo.targetsOf(db, agreementIds),
    repo.storedActuals(db, agreementIds),
    // Area titles are read from each agreement's content: only when asked (a dashboard names few targets).
    options.titles === false ? Promise.resolve([]) : repo.areasOf(db, agreementIds),
  ]);
  const areaOf = new Map(areas.map((a) => [`${a.agreement_id}/${a.key}`, a]));
  const { year } = options;
  const targets = year === undefined ? all : all.filter((t) => t.period_start <= `${year}-12-31` && t.period_end >= `${year}-01-01`);
  // A target is named by its agreement, area and key (keys repeat across areas: `t1` in each).
  const key = (a: { agreement_id: string; area_key: string; target_key: string }) => `${a.agreement_id}/${a.area_key}/${a.target_key}`;
  const actualOf = new Map(stored.map((a) => [key(a), a.actual]));
  const t = (key: string) => translate(ctx.lang, key);
  return targets.map((target) => {
    const metric = target.metric as Metric;
    const measured = metricDefinition(metric).query !== null;
    const actual = Number(actualOf.get(key(target)) ?? 0);
    const area = areaOf.get(`${target.agreement_id}/${target.area_key}`);
    const { status, share, elapsed } = targetStatus({ actual, target: target.value, periodStart: target.period_start, periodEnd: target.period_end, today });
    return {
      agreementId: target.agreement_id,
      areaKey: target.area_key,
      areaTitle: area ? (ctx.lang === 'vi' ? area.title_vi : area.title_en) : target.area_key,
      targetKey: target.target_key,
      metric,
      metricName: t(`metrics.${metric}`),
      metricDefinition: t(`metricDefinitions.${metric}`),
      measured,
      periodStart: target.period_start,
      periodEnd: target.period_end,
      target: target.value,
      actual,
      share,
      elapsed,
      status,
    };
  });
}

type AgreementDates = { start_date: string; end_date: string | null };

/** The year a commitment per year is measured in: the current one, within the agreement's years. */
function commitmentYear(agreement: AgreementDates, today: string) {
  const year = Number(today.slice(0, 4));
  const first = Number(agreement.start_date.slice(0, 4));
  const last = agreement.end_date ? Number(agreement.end_date.slice(0, 4)) : year;
  return Math.min(Math.max(year, first), Math.max(first, last));
}

/**
 * The period a quantified commitment is measured over: per year, the current year within the agreement's dates;
 * otherwise the agreement's dates (until today when open-ended). The stored actuals (0018) count the same.
 */
export function commitmentPeriod(agreement: AgreementDates, perYear: boolean, today: string) {
  if (!perYear) return { periodStart: agreement.start_date, periodEnd: agreement.end_date ?? today };
  const year = commitmentYear(agreement, today);
  const end = `${year}-12-31`;
  return {
    periodStart: [`${year}-01-01`, agreement.start_date].sort()[1],
    periodEnd: agreement.end_date && agreement.end_date < end ? agreement.end_date : end,
  };
}

function summarize(targets: TargetProgress[]) {
  const count = (s: TargetProgress['status']) => targets.filter((t) => t.status === s).length;
  const share = targets.length === 0 ? 0 : targets.reduce((n, t) => n + Math.min(1, t.share), 0) / targets.length;
  return { targets: targets.length, achieved: count('achieved'), onTrack: count('on_track'), behind: count('behind'), atRisk: count('at_risk') + count('missed'), share };
}

export async function agreementProgress(deps: AppDeps, ctx: RequestContext, agreementId: string): Promise<z.infer<typeof AgreementProgress>> {
  const agreement = await requireVisibleAgreement(deps.db, ctx, agreementId);
  if (!readable(ctx, agreement)) throw new AppError('not_found', { params: { entity: 'entities.agreement' } });
  const today = todayIn(deps.clock.now());
  const [targets, counts, quantified] = await Promise.all([
    agreementTargetsProgress(deps.db, ctx, [agreement.id], today),
    repo.activityStatusCounts(deps.db, [agreement.id]),
    repo.commitmentsProgress(deps.db, agreement.id, commitmentYear(agreement, today)),
  ]);
  const c = counts[0];
  const commitments = quantified.map((k) => ({
    areaKey: k.area_key,
    areaTitle: ctx.lang === 'vi' ? k.area_title_vi : k.area_title_en,
    commitmentKey: k.commitment_key,
    text: ctx.lang === 'vi' ? k.text_vi : k.text_en,
    fromInstitutionId: k.from_institution_id,
    fromCode: k.from_code,
    toInstitutionId: k.to_institution_id,
    toCode: k.to_code,
    quantity: k.quantity,
    perYear: k.per_year,
    ...commitmentPeriod(agreement, k.per_year, today),
    actual: Number(k.actual),
    share: k.quantity > 0 ? Number(k.actual) / k.quantity : 0,
  }));
  return {
    agreementId: agreement.id,
    asOf: today,
    targets: targets.map(({ agreementId: _a, ...t }) => t),
    summary: summarize(targets),
    activities: { planned: c?.planned ?? 0, done: c?.done ?? 0, cancelled: c?.cancelled ?? 0, lastDone: c?.last_done ?? null },
    commitments,
  };
}

/** The institution's agreements the caller reads the activities of (dashboards count only what the caller could open). */
async function readableAgreementsOf(deps: AppDeps, ctx: RequestContext, institutionId: string, filter: { partnerId?: string; areaKind?: string }) {
  const ids = await repo.agreementIdsOfParty(deps.db, institutionId, filter);
  const facts = await visibleAgreementFacts(deps.db, ctx, ids);
  return facts.filter((a) => readable(ctx, a)).map((a) => a.id);
}

async function requireDashboardReader(deps: AppDeps, ctx: RequestContext, institutionId: string) {
  const actor = requireActor(ctx);
  await getInstitution(deps, ctx, institutionId); // 404 for an institution the caller does not see
  if (!mayReadDashboard(actor, institutionId)) throw new AppError('forbidden', { messageKey: 'errors.not_own_dashboard' });
}

const ACTIVE = new Set(['active', 'expiring']);

export async function institutionDashboard(deps: AppDeps, ctx: RequestContext, institutionId: string, query: z.infer<typeof DashboardQuery>): Promise<Dashboard> {
  await requireDashboardReader(deps, ctx, institutionId);
  const today = todayIn(deps.clock.now());
  const year = query.year ?? Number(today.slice(0, 4));
  const agreementIds = await readableAgreementsOf(deps, ctx, institutionId, { partnerId: query.partnerId, areaKind: query.areaKind });
  const [summaries, activities, counts, targets, dormantMonths] = await Promise.all([
    repo.agreementSummaries(deps.db, agreementIds, institutionId),
    repo.activitiesInYear(deps.db, agreementIds, year),
    repo.lastDoneOf(deps.db, agreementIds),
    agreementTargetsProgress(deps.db, ctx, agreementIds, today, { year, titles: false }),
    repo.dormantMonthsOf(deps.db, institutionId),
  ]);
  const pick = (vi: string, en: string) => (ctx.lang === 'vi' ? vi : en);
  const titleOf = new Map(summaries.map((s) => [s.id, pick(s.title_vi, s.title_en)]));
  const tally = <K extends string>(keys: K[]) => {
    const m = new Map<K, number>();
    for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
    return m;
  };
  const byStatus = tally(summaries.map((s) => s.status));
  const byCountry = tally(summaries.flatMap((s) => [...new Set(s.partners.map((p) => p.country))]));
  const doneOf = new Map(activities.donePerAgreement.map((r) => [r.agreement_id, r.done]));
  const lastDoneOf = new Map(counts.map((c) => [c.agreement_id, c.last_done]));
  const partners = new Map<string, Dashboard['partners'][number]>();
  for (const s of summaries) {
    for (const p of s.partners) {
      const entry = partners.get(p.id) ?? { institutionId: p.id, code: p.code, name: pick(p.name_vi, p.name_en), country: p.country, agreements: 0, activitiesDone: 0 };
      entry.agreements += 1;
      entry.activitiesDone += doneOf.get(s.id) ?? 0;
      partners.set(p.id, entry);
    }
  }
  // Dormant: in force, in force for longer than the setting, and no done activity within it.
  const since = addDays(today, -Math.round(dormantMonths * 30.44));
  const dormant = summaries
    .filter((s) => {
      if (!ACTIVE.has(s.status) || s.start_date > since) return false;
      const last = lastDoneOf.get(s.id) ?? null;
      return last === null || last < since;
    })
    .map((s) => ({ agreementId: s.id, title: titleOf.get(s.id)!, lastDone: lastDoneOf.get(s.id) ?? null }))
    .sort((a, b) => (a.lastDone ?? '').localeCompare(b.lastDone ?? ''));
  const soon = addDays(today, 180);
  const expiringSoon = summaries
    .filter((s) => ACTIVE.has(s.status) && s.end_date !== null && s.end_date >= today && s.end_date <= soon)
    .map((s) => ({ agreementId: s.id, title: titleOf.get(s.id)!, endDate: s.end_date! }))
    .sort((a, b) => a.endDate.localeCompare(b.endDate));
  const current = targets.filter((t) => t.periodStart <= `${year}-12-31` && t.periodEnd >= `${year}-01-01`);
  const summary = summarize(current);
  const atRisk = current
    .filter((t) => t.measured && (t.status === 'at_risk' || t.status === 'behind' || t.status === 'missed'))
    .sort((a, b) => a.share - a.elapsed - (b.share - b.elapsed))
    .slice(0, 20);
  const areaTitles = new Map(
    (await repo.areasOf(deps.db, [...new Set(atRisk.map((t) => t.agreementId))])).map((a) => [`${a.agreement_id}/${a.key}`, ctx.lang === 'vi' ? a.title_vi : a.title_en]),
  );
  return {
    institutionId,
    year,
    agreementsByStatus: [...byStatus].map(([status, count]) => ({ status, count })).sort((a, b) => b.count - a.count),
    agreementsByCountry: [...byCountry].map(([country, count]) => ({ country, count })).sort((a, b) => b.count - a.count || a.country.localeCompare(b.country)),
    activitiesByMonth: Array.from({ length: 12 }, (_, i) => {
      const m = activities.byMonth.find((r) => r.month === i + 1);
      return { month: `${year}-${String(i + 1).padStart(2, '0')}`, done: m?.done ?? 0, planned: m?.planned ?? 0 };
    }),
    activitiesByKind: activities.byKind,
    targets: { total: summary.targets, achieved: summary.achieved, onTrack: summary.onTrack, behind: summary.behind, atRisk: summary.atRisk },
    targetsAtRisk: atRisk.map((t) => ({
      ...t,
      areaTitle: areaTitles.get(`${t.agreementId}/${t.areaKey}`) ?? t.areaKey,
      agreementTitle: titleOf.get(t.agreementId) ?? '',
    })),
    expiringSoon,
    dormant,
    partners: [...partners.values()].sort((a, b) => b.activitiesDone - a.activitiesDone || a.code.localeCompare(b.code)),
    dormantMonths,
  };
}

export async function exchangeBalance(deps: AppDeps, ctx: RequestContext, institutionId: string, query: z.infer<typeof ExchangeBalanceQuery>) {
  await requireDashboardReader(deps, ctx, institutionId);
  await getInstitution(deps, ctx, query.partnerId);
  const agreementIds = await readableAgreementsOf(deps, ctx, institutionId, { partnerId: query.partnerId });
  const year = query.year ?? null;
  const [sent, received] = await Promise.all([
    repo.exchangeFlow(deps.db, agreementIds, institutionId, query.partnerId, year),
    repo.exchangeFlow(deps.db, agreementIds, query.partnerId, institutionId, year),
  ]);
  return { institutionId, partnerId: query.partnerId, year, sent: sent.people, received: received.people, activityIds: [...new Set([...sent.ids, ...received.ids])] };
}
