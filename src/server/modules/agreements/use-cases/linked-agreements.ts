import type { LinkedAgreement } from '../../../../contracts/agreements.ts';
import { tenantScope } from '../../../platform/access.ts';
import { requireCapability } from '../../../platform/capabilities.ts';
import type { RequestContext } from '../../../platform/context.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { readerOf, readingOf, visibleAgreementIds } from '../access.ts';
import * as repo from '../repository.ts';

// Whose agreements, for the pages of a person and of an institution (the people and institutions modules
// check that the caller may see the person or institution first). Only what the caller may read is listed
// (access.ts): an institution's agreements as their visibility allows; a person's points of contact only where
// the caller reads the agreement's whole file (policy.ts agreementReading, view `full`: the caller's institution
// is a party, and the caller negotiates, or the agreement is signed, or the caller is one of its points of
// contact) — who speaks for a party is not part of the announcement.

const LIMIT = 200;

type Row = Awaited<ReturnType<typeof repo.agreementsOfParty>>[number];

function linked(row: Row, areas: LinkedAgreement['areas'] = []): LinkedAgreement {
  return {
    id: row.id,
    kind: row.kind as LinkedAgreement['kind'],
    status: row.status as LinkedAgreement['status'],
    titleVi: row.title_vi,
    titleEn: row.title_en,
    startDate: row.start_date,
    endDate: row.end_date,
    areas,
  };
}

/** The agreements the institution is a party to, as far as the caller may read them; newest first. */
export async function agreementsOfInstitution(deps: AppDeps, ctx: RequestContext, institutionId: string): Promise<{ items: LinkedAgreement[] }> {
  requireCapability(ctx, 'agreements.read');
  const rows = await repo.agreementsOfParty(deps.db, tenantScope(ctx), institutionId, LIMIT);
  const ok = new Set(await visibleAgreementIds(deps.db, ctx, rows.map((r) => r.id)));
  return { items: rows.filter((r) => ok.has(r.id)).map((r) => linked(r)) };
}

/** The agreements (and their areas) the person is a point of contact of, where the caller reads the agreement's full view. */
export async function agreementsOfContactPerson(deps: AppDeps, ctx: RequestContext, personId: string): Promise<{ items: LinkedAgreement[] }> {
  const actor = requireCapability(ctx, 'agreements.read');
  const rows = await repo.areasWithContact(deps.db, tenantScope(ctx), personId, { includeClosed: true, limit: LIMIT });
  const facts = await repo.agreementsWithParties(deps.db, readerOf(ctx), rows.map((r) => r.id));
  const full = new Set(facts.filter((f) => readingOf(actor, f).view === 'full').map((f) => f.id));
  const byAgreement = new Map<string, { row: Row; areas: LinkedAgreement['areas'] }>();
  for (const r of rows) {
    if (!full.has(r.id)) continue;
    const entry = byAgreement.get(r.id) ?? { row: r, areas: [] };
    entry.areas.push({ key: r.area_key, titleVi: r.area_title_vi ?? r.area_key, titleEn: r.area_title_en ?? r.area_key });
    byAgreement.set(r.id, entry);
  }
  return { items: [...byAgreement.values()].map(({ row, areas }) => linked(row, areas)) };
}
