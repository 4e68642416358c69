import ExcelJS from 'exceljs';
import { ACTIVITY_IMPORT_COLUMNS, ACTIVITY_KINDS } from '../../../../contracts/activities.ts';
import { translate } from '../../../../locales/index.ts';
import { type RequestContext, requireActor } from '../../../platform/context.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import * as repo from '../repository.ts';
import { agreementForActivities, recordingAreas } from '../service.ts';
import { header, ROLES, STATUSES } from './columns.ts';

// The template to fill in: the columns with a hint each, and a second sheet of the keys the lists take (XLSX), or
// the header row (CSV).

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function importTemplate(deps: AppDeps, ctx: RequestContext, agreementId: string, format: 'xlsx' | 'csv') {
  const actor = requireActor(ctx);
  const agreement = await agreementForActivities(deps.db, ctx, agreementId);
  const where = await recordingAreas(deps.db, actor, agreement);
  const lang = ctx.lang;
  const t = (key: string) => translate(lang, key);
  const name = `hoptac-activities-${agreement.id.slice(0, 8)}`;
  if (format === 'csv') {
    const line = ACTIVITY_IMPORT_COLUMNS.map((c) => csvCell(header(lang, c))).join(',');
    // With a byte order mark, so that Excel opens it as UTF-8.
    return { body: Buffer.from(`\ufeff${line}\r\n`, 'utf8'), contentType: 'text/csv; charset=utf-8', fileName: `${name}.csv` };
  }
  const [areas, parties] = await Promise.all([repo.areasOf(deps.db, [agreement.id]), repo.partiesOf(deps.db, agreement.id)]);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'hoptac';
  const ws = wb.addWorksheet(t('activityImport.sheets.activities'));
  ws.columns = ACTIVITY_IMPORT_COLUMNS.map((c) => ({ header: header(lang, c), key: c, width: c.startsWith('title') || c === 'outcomes' ? 40 : 22 }));
  const top = ws.getRow(1);
  top.font = { bold: true };
  ACTIVITY_IMPORT_COLUMNS.forEach((c, i) => {
    top.getCell(i + 1).note = t(`activityImport.hints.${c}`);
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  // Dates typed as text stay as typed (dd/mm/yyyy or yyyy-mm-dd); date cells are read as dates.
  for (const c of ['startDate', 'endDate']) ws.getColumn(c).numFmt = 'dd/mm/yyyy';
  const lists = wb.addWorksheet(t('activityImport.sheets.lists'));
  const sections: [string, [string, string][]][] = [
    [
      t('activityImport.lists.areas'),
      areas.filter((a) => where.everywhere || where.areas.has(a.key)).map((a) => [a.key, lang === 'vi' ? a.title_vi : a.title_en]),
    ],
    [t('activityImport.lists.kinds'), ACTIVITY_KINDS.map((k) => [k, t(`activityImport.kinds.${k}`)])],
    [t('activityImport.lists.statuses'), STATUSES.map((s) => [s, t(`activityImport.statuses.${s}`)])],
    [t('activityImport.lists.roles'), ROLES.map((r) => [r, t(`activityImport.roles.${r}`)])],
    [t('activityImport.lists.parties'), parties.map((p) => [p.code, lang === 'vi' ? p.name_vi : p.name_en])],
  ];
  sections.forEach(([title, rows], i) => {
    const col = i * 3 + 1;
    lists.getCell(1, col).value = title;
    lists.getCell(1, col).font = { bold: true };
    lists.getCell(2, col).value = t('activityImport.lists.key');
    lists.getCell(2, col + 1).value = t('activityImport.lists.name');
    lists.getRow(2).font = { italic: true };
    rows.forEach(([key, text], j) => {
      lists.getCell(j + 3, col).value = key;
      lists.getCell(j + 3, col + 1).value = text;
    });
    lists.getColumn(col).width = 20;
    lists.getColumn(col + 1).width = 36;
  });
  return { body: Buffer.from(await wb.xlsx.writeBuffer()), contentType: XLSX_TYPE, fileName: `${name}.xlsx` };
}

const csvCell = (text: string) => (/[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
