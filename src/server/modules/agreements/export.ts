import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type { AgreementListQuery } from '../../../contracts/agreements.ts';
import { translate } from '../../../locales/index.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { listAgreements } from './service.ts';

const MAX_ROWS = 20_000;

/** The filtered list as an XLSX workbook, headers and values in the caller's language. */
export async function exportAgreementsXlsx(deps: AppDeps, ctx: RequestContext, query: z.infer<typeof AgreementListQuery>): Promise<Buffer> {
  const t = (key: string) => translate(ctx.lang, key);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'hoptac';
  const ws = wb.addWorksheet(t('export.agreements.sheet'));
  ws.columns = [
    { header: t('export.agreements.title'), key: 'title', width: 60 },
    { header: t('export.agreements.kind'), key: 'kind', width: 24 },
    { header: t('export.agreements.status'), key: 'status', width: 18 },
    { header: t('export.agreements.parties'), key: 'parties', width: 40 },
    { header: t('export.agreements.areas'), key: 'areas', width: 40 },
    { header: t('export.agreements.signingDate'), key: 'signing', width: 14 },
    { header: t('export.agreements.startDate'), key: 'start', width: 14 },
    { header: t('export.agreements.endDate'), key: 'end', width: 14 },
    { header: t('export.agreements.version'), key: 'version', width: 10 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const asDate = (d: string | null) => (d ? new Date(`${d}T00:00:00Z`) : null);
  let cursor: string | undefined;
  let rows = 0;
  do {
    const page = await listAgreements(deps, ctx, { ...query, limit: 200, cursor });
    for (const a of page.items) {
      ws.addRow({
        title: ctx.lang === 'vi' ? a.titleVi : a.titleEn,
        kind: t(`agreementKinds.${a.kind}`),
        status: t(`statuses.${a.status}`),
        parties: a.parties.map((p) => p.code).join(', '),
        areas: a.areaKinds.map((k) => t(`areaKinds.${k}`)).join(', '),
        signing: asDate(a.signingDate),
        start: asDate(a.startDate),
        end: asDate(a.endDate),
        version: a.versionNo,
      });
      rows++;
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor && rows < MAX_ROWS);
  for (const key of ['signing', 'start', 'end']) ws.getColumn(key).numFmt = 'dd/mm/yyyy';
  ws.autoFilter = { from: 'A1', to: 'I1' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
