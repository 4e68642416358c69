import type { RequestContext } from '../../platform/context.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { delegationsForReport } from '../delegations/service.ts';

// The delegations in and out of a year for the reports, as the reader may see them: the delegations module's
// `delegationsForReport` (approved and done delegations overlapping the year), in the reports' shape.

export interface ReportDelegation {
  direction: 'incoming' | 'outgoing';
  /** The delegation's title in the reader's language. */
  title: string;
  /** The partner institution (code and name in the reader's language) and its country (ISO code). */
  partnerCode: string;
  partnerName: string;
  country: string;
  startDate: string;
  endDate: string;
  /** The number of people in the delegation. */
  people: number;
  /** The agreement it was under, in the reader's language ('' when none). */
  agreementTitle: string;
}

const toReport = (ctx: RequestContext, rows: Awaited<ReturnType<typeof delegationsForReport>>): ReportDelegation[] =>
  rows.map((d) => ({
    direction: d.direction,
    title: ctx.lang === 'vi' ? d.titleVi : d.titleEn,
    partnerCode: d.partnerCode,
    partnerName: d.partnerName,
    country: d.partnerCountry,
    startDate: d.startDate,
    endDate: d.endDate,
    people: d.people,
    agreementTitle: d.agreementTitle,
  }));

/** The delegations under an agreement in the year. */
export async function delegationsOfAgreementForReport(deps: AppDeps, ctx: RequestContext, agreementId: string, year: number): Promise<ReportDelegation[]> {
  return toReport(ctx, await delegationsForReport(deps, ctx, { agreementId }, year));
}

/** The institution's delegations in (received) and out (sent) in the year. */
export async function delegationsOfInstitutionForReport(deps: AppDeps, ctx: RequestContext, institutionId: string, year: number): Promise<ReportDelegation[]> {
  return toReport(ctx, await delegationsForReport(deps, ctx, { institutionId }, year));
}
