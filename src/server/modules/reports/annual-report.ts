import ExcelJS from 'exceljs';
import { ACTIVITY_KINDS } from '../../../contracts/activities.ts';
import { AgreementKind, AgreementListQuery, type AgreementSummary } from '../../../contracts/agreements.ts';
import type { z } from 'zod';
import { type RequestContext, requireActor } from '../../platform/context.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { institutionDashboard } from '../activities/progress.ts';
import { mayReadActivities } from '../activities/policy.ts';
import { listAgreements, todayIn, visibleAgreementFacts } from '../agreements/service.ts';
import { getInstitution } from '../institutions/service.ts';
import { yearOrCurrent } from './agreement-report.ts';
import { delegationsOfInstitutionForReport } from './delegations.ts';
import * as repo from './repository.ts';
import { fileSafe, type Words, wordsFor } from './text.ts';

// The institution's annual report of international cooperation (XLSX), for its own users and platform admins
// (the dashboard's readers: `institutionDashboard` answers 404/403 for everyone else). Sheets: agreements signed,
// active and expired in the year by partner country and by kind (and the list behind the counts); activities by
// kind; delegations in and out with their numbers of people (the delegations module's hook, delegations.ts);
// exchanges in and out per partner (activities' exchange balance, every partner in one query: repository.ts). A
// year without data is a report of headers and zeros, never an error.

type Summary = z.infer<typeof AgreementSummary>;
const NOT_SIGNED = new Set(['draft', 'negotiation', 'awaiting_approval']);
const MAX_AGREEMENTS = 5_000;

/** In the year: signed (signing date in it), active (in force on some day of it), expired (ended in it, before today). */
export function countsInYear(a: Pick<Summary, 'status' | 'signingDate' | 'startDate' | 'endDate'>, year: number, today: string) {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const signed = !NOT_SIGNED.has(a.status);
  return {
    signed: signed && a.signingDate !== null && a.signingDate >= from && a.signingDate <= to ? 1 : 0,
    active: signed && a.startDate <= to && (a.endDate === null || a.endDate >= from) && a.startDate <= today ? 1 : 0,
    expired: signed && a.endDate !== null && a.endDate >= from && a.endDate <= to && a.endDate < today ? 1 : 0,
  };
}

/**
 * The agreements the caller reads of which the institution is a party, through the agreements list: its `partnerId`
 * filter means "a party other than my own institution", so the institution's own users list without it (and keep
 * those the institution is a party of), a platform admin of another institution filters by it.
 */
async function agreementsOf(deps: AppDeps, ctx: RequestContext, institutionId: string) {
  const items: Summary[] = [];
  let cursor: string | undefined;
  const own = requireActor(ctx).institutionId === institutionId;
  const query = AgreementListQuery.parse({ ...(own ? {} : { partnerId: institutionId }), limit: 200, sort: 'title' });
  do {
    const page = await listAgreements(deps, ctx, { ...query, cursor });
    items.push(...page.items.filter((a) => a.parties.some((p) => p.institutionId === institutionId)));
    cursor = page.nextCursor ?? undefined;
  } while (cursor && items.length < MAX_AGREEMENTS);
  return items;
}

/** At most `limit` at a time (each call is a few queries on the shared pool). */
async function mapLimited<T, R>(items: T[], limit: number, f: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await f(items[i]);
      }
    }),
  );
  return out;
}

function styleHeader(ws: ExcelJS.Worksheet) {
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

function totalRow(ws: ExcelJS.Worksheet, w: Words, keys: string[]) {
  const values: Record<string, unknown> = {};
  const first = (ws.columns[0]?.key ?? '') as string;
  values[first] = w.t('reports.annual.total');
  for (const key of keys) {
    let sum = 0;
    ws.getColumn(key).eachCell({ includeEmpty: false }, (cell, row) => {
      if (row > 1 && typeof cell.value === 'number') sum += cell.value;
    });
    values[key] = sum;
  }
  ws.addRow(values).font = { bold: true };
}

export async function annualReportXlsx(deps: AppDeps, ctx: RequestContext, institutionId: string, requestedYear: number | undefined) {
  const year = await yearOrCurrent(deps, requestedYear);
  const today = todayIn(deps.clock.now());
  // Who may read it: the dashboard's readers (its 404/403 fails the whole; the other reads only add time meanwhile).
  const [dashboard, institution, agreements, delegations] = await Promise.all([
    institutionDashboard(deps, ctx, institutionId, { year }),
    getInstitution(deps, ctx, institutionId),
    agreementsOf(deps, ctx, institutionId),
    delegationsOfInstitutionForReport(deps, ctx, institutionId, year),
  ]);
  const w = wordsFor(ctx.lang);
  const { t, pick } = w;

  // Partner countries: from the dashboard's partners, else the directory (a partner the caller cannot see: '—').
  const countryOf = new Map(dashboard.partners.map((p) => [p.institutionId, p.country]));
  const unknown = [...new Set(agreements.flatMap((a) => a.parties.map((p) => p.institutionId)))].filter((id) => id !== institutionId && !countryOf.has(id));
  await mapLimited(unknown, 4, async (id) => {
    try {
      countryOf.set(id, (await getInstitution(deps, ctx, id)).country);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      countryOf.set(id, '—');
    }
  });

  const wb = new ExcelJS.Workbook();
  wb.creator = 'hoptac';
  wb.title = t('reports.annual.title', { year, institution: pick(institution.nameVi, institution.nameEn) });

  // Agreements by partner country, by kind, and the list.
  const byCountry = new Map<string, { signed: number; active: number; expired: number }>();
  const byKind = new Map(AgreementKind.options.map((k) => [k as string, { signed: 0, active: 0, expired: 0 }]));
  const counted = agreements.map((a) => ({ a, c: countsInYear(a, year, today) }));
  for (const { a, c } of counted) {
    const countries = [...new Set(a.parties.filter((p) => p.institutionId !== institutionId).map((p) => countryOf.get(p.institutionId) ?? '—'))];
    for (const country of countries) {
      const entry = byCountry.get(country) ?? { signed: 0, active: 0, expired: 0 };
      entry.signed += c.signed;
      entry.active += c.active;
      entry.expired += c.expired;
      byCountry.set(country, entry);
    }
    const k = byKind.get(a.kind)!;
    k.signed += c.signed;
    k.active += c.active;
    k.expired += c.expired;
  }
  const countColumns = [
    { header: t('reports.annual.signed'), key: 'signed', width: 14 },
    { header: t('reports.annual.active'), key: 'active', width: 14 },
    { header: t('reports.annual.expired'), key: 'expired', width: 14 },
  ];
  const countries = wb.addWorksheet(t('reports.annual.sheets.byCountry'));
  countries.columns = [{ header: t('reports.columns.country'), key: 'country', width: 22 }, ...countColumns];
  for (const [country, c] of [...byCountry].sort(([a], [b]) => a.localeCompare(b))) if (c.signed + c.active + c.expired > 0) countries.addRow({ country, ...c });
  totalRow(countries, w, ['signed', 'active', 'expired']);
  styleHeader(countries);

  const kinds = wb.addWorksheet(t('reports.annual.sheets.byKind'));
  kinds.columns = [{ header: t('reports.columns.kind'), key: 'kind', width: 36 }, ...countColumns];
  for (const [kind, c] of byKind) kinds.addRow({ kind: t(`agreementKinds.${kind}`), ...c });
  totalRow(kinds, w, ['signed', 'active', 'expired']);
  styleHeader(kinds);

  const list = wb.addWorksheet(t('reports.annual.sheets.agreements'));
  list.columns = [
    { header: t('export.agreements.title'), key: 'title', width: 60 },
    { header: t('export.agreements.kind'), key: 'kind', width: 24 },
    { header: t('export.agreements.status'), key: 'status', width: 18 },
    { header: t('reports.columns.partners'), key: 'partners', width: 40 },
    { header: t('reports.columns.country'), key: 'countries', width: 14 },
    { header: t('export.agreements.signingDate'), key: 'signing', width: 14 },
    { header: t('export.agreements.startDate'), key: 'start', width: 14 },
    { header: t('export.agreements.endDate'), key: 'end', width: 14 },
    ...countColumns,
  ];
  const asDate = (d: string | null) => (d ? new Date(`${d}T00:00:00Z`) : null);
  for (const { a, c } of counted) {
    if (c.signed + c.active + c.expired === 0) continue;
    const partners = a.parties.filter((p) => p.institutionId !== institutionId);
    list.addRow({
      title: pick(a.titleVi, a.titleEn),
      kind: t(`agreementKinds.${a.kind}`),
      status: t(`statuses.${a.status}`),
      partners: partners.map((p) => `${pick(p.nameVi, p.nameEn)} (${p.code})`).join('; '),
      countries: [...new Set(partners.map((p) => countryOf.get(p.institutionId) ?? '—'))].join(', '),
      signing: asDate(a.signingDate),
      start: asDate(a.startDate),
      end: asDate(a.endDate),
      ...c,
    });
  }
  for (const key of ['signing', 'start', 'end']) list.getColumn(key).numFmt = 'dd/mm/yyyy';
  styleHeader(list);

  // Activities by kind (done in the year), every kind listed.
  const activities = wb.addWorksheet(t('reports.annual.sheets.activities'));
  activities.columns = [
    { header: t('reports.columns.kind'), key: 'kind', width: 36 },
    { header: t('reports.columns.done'), key: 'done', width: 14 },
  ];
  const doneOf = new Map(dashboard.activitiesByKind.map((k) => [k.kind, k.count]));
  for (const kind of ACTIVITY_KINDS) activities.addRow({ kind: t(`activityImport.kinds.${kind}`), done: doneOf.get(kind) ?? 0 });
  totalRow(activities, w, ['done']);
  styleHeader(activities);

  // Delegations in and out.
  const del = wb.addWorksheet(t('reports.annual.sheets.delegations'));
  del.columns = [
    { header: t('reports.columns.direction'), key: 'direction', width: 14 },
    { header: t('reports.columns.delegation'), key: 'title', width: 50 },
    { header: t('reports.columns.partner'), key: 'partner', width: 36 },
    { header: t('reports.columns.country'), key: 'country', width: 10 },
    { header: t('reports.columns.start'), key: 'start', width: 14 },
    { header: t('reports.columns.end'), key: 'end', width: 14 },
    { header: t('reports.columns.people'), key: 'people', width: 12 },
    { header: t('reports.columns.agreement'), key: 'agreement', width: 50 },
  ];
  for (const d of delegations)
    del.addRow({
      direction: t(`reports.delegations.${d.direction}`),
      title: d.title,
      partner: `${d.partnerName} (${d.partnerCode})`,
      country: d.country,
      start: asDate(d.startDate),
      end: asDate(d.endDate),
      people: d.people,
      agreement: d.agreementTitle,
    });
  for (const key of ['start', 'end']) del.getColumn(key).numFmt = 'dd/mm/yyyy';
  styleHeader(del);

  // Exchanges in and out per partner (people sent / received in exchange activities of the year): the exchange
  // balance of activities, over the agreements whose activities the caller reads, for every partner in one query.
  const actor = requireActor(ctx);
  const readable = (await visibleAgreementFacts(deps.db, ctx, agreements.map((a) => a.id)))
    .filter((a) => mayReadActivities(actor, { partyIds: a.party_ids, status: a.status as never, involved: a.reader_involved }))
    .map((a) => a.id);
  const flows = new Map((await repo.exchangeBalances(deps.db, readable, institutionId, year)).map((r) => [r.partner_id, r]));
  const balances = dashboard.partners.map((p) => ({ partner: p, sent: flows.get(p.institutionId)?.sent ?? 0, received: flows.get(p.institutionId)?.received ?? 0 }));
  const ex = wb.addWorksheet(t('reports.annual.sheets.exchanges'));
  ex.columns = [
    { header: t('reports.columns.partner'), key: 'partner', width: 50 },
    { header: t('reports.columns.country'), key: 'country', width: 10 },
    { header: t('reports.annual.sent'), key: 'sent', width: 16 },
    { header: t('reports.annual.received'), key: 'received', width: 16 },
  ];
  for (const b of balances) ex.addRow({ partner: `${b.partner.name} (${b.partner.code})`, country: b.partner.country, sent: b.sent, received: b.received });
  totalRow(ex, w, ['sent', 'received']);
  styleHeader(ex);

  return { body: Buffer.from(await wb.xlsx.writeBuffer()), fileName: `hoptac-${fileSafe(institution.code)}-annual-report-${year}.xlsx` };
}
