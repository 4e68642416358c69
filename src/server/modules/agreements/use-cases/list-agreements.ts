import type { z } from 'zod';
import { type Agreement, type AgreementListQuery, type AgreementStatus, METRICS } from '../../../../contracts/agreements.ts';
import { translate } from '../../../../locales/index.ts';
import { requireCapability } from '../../../platform/capabilities.ts';
import { requireActor, type RequestContext } from '../../../platform/context.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { decodeCursor, pageOf } from '../../../platform/pagination.ts';
import { readerOf } from '../access.ts';
import { todayIn } from '../dates.ts';
import * as repo from '../repository.ts';

// Lists of the agreements the actor may see (repo.agreementReadable: tenancy, and no agreement before it is in
// force for a member or student unless they are one of its points of contact), filtered; and the catalogue.

export async function listAgreements(deps: AppDeps, ctx: RequestContext, query: z.infer<typeof AgreementListQuery>) {
  requireCapability(ctx, 'agreements.read');
  const rows = await repo.listAgreements(deps.db, readerOf(ctx), { ...query, today: todayIn(deps.clock.now()), cursor: decodeCursor(query.cursor, repo.cursorKind(query.sort)) });
  const page = pageOf(rows, query.limit, (r) => repo.sortKeyOf(query.sort, r));
  const { parties, areas } = await repo.summariesOf(deps.db, page.items.map((r) => r.id));
  return {
    items: page.items.map((a) => ({
      id: a.id,
      kind: a.kind as Agreement['content']['kind'],
      status: a.status as AgreementStatus,
      visibility: a.visibility as Agreement['visibility'],
      titleVi: a.title_vi,
      titleEn: a.title_en,
      startDate: a.start_date,
      endDate: a.end_date,
      signingDate: a.signing_date,
      parties: parties.filter((p) => p.agreement_id === a.id).map(({ institutionId, code, nameVi, nameEn }) => ({ institutionId, code, nameVi, nameEn })),
      areaKinds: [...new Set(areas.filter((x) => x.agreement_id === a.id).map((x) => x.kind))] as Agreement['content']['areas'][number]['kind'][],
      versionNo: a.current_version,
      updatedAt: a.updated_at.toISOString(),
    })),
    nextCursor: page.nextCursor,
  };
}

export async function summarizeAgreements(deps: AppDeps, ctx: RequestContext, query: Omit<z.infer<typeof AgreementListQuery>, 'limit' | 'cursor' | 'sort'>) {
  requireCapability(ctx, 'agreements.read');
  const rows = await repo.countAgreementsByStatus(deps.db, readerOf(ctx), { ...query, today: todayIn(deps.clock.now()) });
  return { total: rows.reduce((sum, r) => sum + r.n, 0), byStatus: Object.fromEntries(rows.map((r) => [r.status, r.n])) as Record<AgreementStatus, number> };
}

/** The catalogue of target metrics, named in both languages (for signed-in users, like every catalogue). */
export function listMetrics(ctx: RequestContext) {
  requireActor(ctx);
  return { items: METRICS.map((code) => ({ code, nameVi: translate('vi', `metrics.${code}`), nameEn: translate('en', `metrics.${code}`) })) };
}
