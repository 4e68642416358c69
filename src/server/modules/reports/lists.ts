import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type { ActivitiesExportQuery, InstitutionsExportQuery, PeopleExportQuery } from '../../../contracts/reports.ts';
import { MAX_LIST_ROWS } from '../../../contracts/reports.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { listActivities } from '../activities/service.ts';
import { listInstitutions } from '../institutions/service.ts';
import { listPeople } from '../people/service.ts';
import { wordsFor } from './text.ts';

// XLSX of lists: the same list services as the screens (so the same filters and the same access: 404 for an
// agreement whose activities the caller does not read; the directory as far as the caller sees it), every page
// up to MAX_LIST_ROWS rows, headers and values in the caller's language.

async function allPages<T>(fetch: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>) {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetch(cursor);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && items.length < MAX_LIST_ROWS);
  return items.slice(0, MAX_LIST_ROWS);
}

const asDate = (d: string | null) => (d ? new Date(`${d}T00:00:00Z`) : null);

/** A column of a list's sheet: its key, its header in the reader's language, its width; `date`: shown as dd/mm/yyyy. */
interface ListColumn {
  key: string;
  header: string;
  width: number;
  date?: boolean;
}

/**
 * The workbook of a list: one sheet named `name`, a row per item (`row`: its values by column key), under a bold
 * header that stays in view and filters every column.
 */
async function listWorkbook<T>(name: string, columns: ListColumn[], items: T[], row: (item: T) => Record<string, unknown>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'hoptac';
  const ws = wb.addWorksheet(name);
  ws.columns = columns.map(({ header, key, width }) => ({ header, key, width }));
  for (const item of items) ws.addRow(row(item));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const c of columns) if (c.date) ws.getColumn(c.key).numFmt = 'dd/mm/yyyy';
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: ws.columns.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function activitiesXlsx(deps: AppDeps, ctx: RequestContext, agreementId: string, query: z.infer<typeof ActivitiesExportQuery>) {
  const { lang: _lang, ...filters } = query;
  const items = await allPages((cursor) => listActivities(deps, ctx, agreementId, { ...filters, limit: 200, cursor }));
  const { t, pick } = wordsFor(ctx.lang);
  const columns: ListColumn[] = [
    { header: t('reports.columns.start'), key: 'start', width: 12, date: true },
    { header: t('reports.columns.end'), key: 'end', width: 12, date: true },
    { header: t('reports.columns.activity'), key: 'title', width: 50 },
    { header: t('reports.columns.kind'), key: 'kind', width: 26 },
    { header: t('reports.columns.status'), key: 'status', width: 14 },
    { header: t('reports.columns.area'), key: 'area', width: 28 },
    { header: t('reports.columns.organisers'), key: 'organisers', width: 24 },
    { header: t('reports.columns.place'), key: 'place', width: 24 },
    { header: t('reports.columns.people'), key: 'people', width: 10 },
    { header: t('reports.columns.outcomes'), key: 'outcomes', width: 50 },
  ];
  const body = await listWorkbook(t('reports.lists.activities'), columns, items, (a) => ({
    start: asDate(a.startDate),
    end: asDate(a.endDate),
    title: pick(a.titleVi, a.titleEn),
    kind: t(`activityImport.kinds.${a.kind}`),
    status: t(`activityImport.statuses.${a.status}`),
    area: a.areaTitle,
    organisers: a.organisers.map((o) => o.code).join(', '),
    place: a.online ? [a.place, t('reports.online')].filter(Boolean).join(' · ') : a.place,
    people: a.peopleCount,
    outcomes: a.outcomes,
  }));
  return { body, fileName: `hoptac-activities-${agreementId.slice(0, 8)}.xlsx` };
}

export async function peopleXlsx(deps: AppDeps, ctx: RequestContext, query: z.infer<typeof PeopleExportQuery>) {
  const { lang: _lang, ...filters } = query;
  const items = await allPages((cursor) => listPeople(deps, ctx, { ...filters, limit: 200, cursor }));
  const { t, pick } = wordsFor(ctx.lang);
  const columns: ListColumn[] = [
    { header: t('reports.columns.name'), key: 'name', width: 32 },
    { header: t('reports.columns.title'), key: 'title', width: 12 },
    { header: t('reports.columns.institution'), key: 'institution', width: 12 },
    { header: t('reports.columns.unit'), key: 'unit', width: 32 },
    { header: t('reports.columns.position'), key: 'position', width: 28 },
    { header: t('reports.columns.email'), key: 'email', width: 30 },
    { header: t('reports.columns.phone'), key: 'phone', width: 16 },
    { header: t('reports.columns.expertise'), key: 'expertise', width: 40 },
  ];
  const body = await listWorkbook(t('reports.lists.people'), columns, items, (p) => ({
    name: p.fullName,
    title: p.title ?? '',
    institution: p.institutionCode,
    unit: p.unitNameVi ? pick(p.unitNameVi, p.unitNameEn ?? p.unitNameVi) : '',
    position: pick(p.positionVi ?? '', p.positionEn ?? p.positionVi ?? ''),
    email: p.email ?? '',
    phone: p.phone ?? '',
    expertise: p.expertise.join(', '),
  }));
  return { body, fileName: 'hoptac-people.xlsx' };
}

export async function institutionsXlsx(deps: AppDeps, ctx: RequestContext, query: z.infer<typeof InstitutionsExportQuery>) {
  const { lang: _lang, ...filters } = query;
  const items = await allPages((cursor) => listInstitutions(deps, ctx, { ...filters, limit: 200, cursor }));
  const { t, pick } = wordsFor(ctx.lang);
  const columns: ListColumn[] = [
    { header: t('reports.columns.code'), key: 'code', width: 12 },
    { header: t('reports.columns.name'), key: 'name', width: 50 },
    { header: t('reports.columns.institutionKind'), key: 'kind', width: 18 },
    { header: t('reports.columns.country'), key: 'country', width: 10 },
    { header: t('reports.columns.city'), key: 'city', width: 18 },
    { header: t('reports.columns.website'), key: 'website', width: 30 },
    { header: t('reports.columns.units'), key: 'units', width: 10 },
    { header: t('reports.columns.peopleCount'), key: 'people', width: 10 },
  ];
  const body = await listWorkbook(t('reports.lists.institutions'), columns, items, (i) => ({
    code: i.code,
    name: pick(i.nameVi, i.nameEn),
    kind: t(`reports.institutionKinds.${i.kind}`),
    country: i.country,
    city: i.city ?? '',
    website: i.website ?? '',
    units: i.unitCount,
    people: i.peopleCount,
  }));
  return { body, fileName: 'hoptac-institutions.xlsx' };
}
