import type { RequestContext } from '../../platform/context.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { createPdf, footerOnEveryPage, pdfBuffer } from '../../platform/pdf.ts';
import { institutionDashboard } from '../activities/progress.ts';
import { todayIn } from '../agreements/service.ts';
import { getInstitution } from '../institutions/service.ts';
import { yearOrCurrent } from './agreement-report.ts';
import { delegationsOfInstitutionForReport } from './delegations.ts';
import * as layout from './pdf-layout.ts';
import { fileSafe, wordsFor } from './text.ts';

// The institution's cooperation report for a year (PDF), from the figures of its dashboard (activities'
// `institutionDashboard`: the institution's own users and platform admins, counting only the agreements whose
// activities the caller reads; 404 for an institution the caller does not see, 403 for another's users).

export async function institutionReportPdf(deps: AppDeps, ctx: RequestContext, institutionId: string, requestedYear: number | undefined) {
  const year = await yearOrCurrent(deps, requestedYear);
  const dashboard = await institutionDashboard(deps, ctx, institutionId, { year });
  const [institution, delegations] = await Promise.all([getInstitution(deps, ctx, institutionId), delegationsOfInstitutionForReport(deps, ctx, institutionId, year)]);
  const w = wordsFor(ctx.lang);
  const { t, pick, date } = w;
  const name = pick(institution.nameVi, institution.nameEn);
  const reportTitle = t('reports.institution.title', { year });
  const doc = createPdf({ title: `${reportTitle} — ${name}`, language: ctx.lang });
  layout.title(doc, reportTitle, name);
  layout.paragraph(doc, t('reports.generatedOn', { date: date(todayIn(deps.clock.now())) }), { muted: true, size: 9 });

  const agreements = dashboard.agreementsByStatus.reduce((n, s) => n + s.count, 0);
  layout.heading(doc, t('reports.institution.agreements'));
  layout.paragraph(doc, t('reports.institution.agreementsCount', { count: agreements }));
  if (agreements > 0) {
    layout.subheading(doc, t('reports.institution.byStatus'));
    layout.table(
      doc,
      [
        { header: t('reports.columns.status'), width: 70 },
        { header: t('reports.columns.count'), width: 30, align: 'right' },
      ],
      dashboard.agreementsByStatus.map((s) => [t(`statuses.${s.status}`), s.count]),
    );
    layout.subheading(doc, t('reports.institution.byCountry'));
    layout.table(
      doc,
      [
        { header: t('reports.columns.country'), width: 70 },
        { header: t('reports.columns.count'), width: 30, align: 'right' },
      ],
      dashboard.agreementsByCountry.map((c) => [c.country, c.count]),
    );
  }

  layout.heading(doc, t('reports.institution.partners'));
  if (dashboard.partners.length === 0) layout.paragraph(doc, t('reports.institution.noPartners'), { muted: true });
  else
    layout.table(
      doc,
      [
        { header: t('reports.columns.partner'), width: 50 },
        { header: t('reports.columns.country'), width: 14 },
        { header: t('reports.columns.agreements'), width: 16, align: 'right' },
        { header: t('reports.columns.activitiesDone'), width: 20, align: 'right' },
      ],
      dashboard.partners.map((p) => [`${p.name} (${p.code})`, p.country, p.agreements, p.activitiesDone]),
    );

  layout.heading(doc, t('reports.institution.activities', { year }));
  const done = dashboard.activitiesByMonth.reduce((n, m) => n + m.done, 0);
  const planned = dashboard.activitiesByMonth.reduce((n, m) => n + m.planned, 0);
  layout.paragraph(doc, t('reports.institution.activitiesCount', { done, planned }));
  layout.subheading(doc, t('reports.institution.byMonth'));
  layout.columnChart(
    doc,
    dashboard.activitiesByMonth.map((m) => ({ label: m.month.slice(5), values: [m.done, m.planned] })),
    [t('activityImport.statuses.done'), t('activityImport.statuses.planned')],
  );
  if (dashboard.activitiesByKind.length > 0) {
    layout.subheading(doc, t('reports.institution.byKind'));
    layout.table(
      doc,
      [
        { header: t('reports.columns.kind'), width: 70 },
        { header: t('reports.columns.done'), width: 30, align: 'right' },
      ],
      dashboard.activitiesByKind.map((k) => [t(`activityImport.kinds.${k.kind}`), k.count]),
    );
  }

  layout.heading(doc, t('reports.institution.targets', { year }));
  const s = dashboard.targets;
  layout.paragraph(doc, t('reports.institution.targetsSummary', { total: s.total, achieved: s.achieved, onTrack: s.onTrack, behind: s.behind, atRisk: s.atRisk }));
  if (dashboard.targetsAtRisk.length > 0) {
    layout.subheading(doc, t('reports.institution.atRisk'));
    layout.progressChart(
      doc,
      dashboard.targetsAtRisk.map((x) => ({ label: `${x.agreementTitle} · ${x.metricName}`, share: x.share, elapsed: x.elapsed, caption: `${x.actual} / ${x.target} (${w.percent(x.share)})` })),
    );
    layout.table(
      doc,
      [
        { header: t('reports.columns.agreement'), width: 34 },
        { header: t('reports.columns.metric'), width: 24 },
        { header: t('reports.columns.target'), width: 10, align: 'right' },
        { header: t('reports.columns.actual'), width: 10, align: 'right' },
        { header: t('reports.columns.status'), width: 22 },
      ],
      dashboard.targetsAtRisk.map((x) => [`${x.agreementTitle} — ${x.areaTitle}`, x.metricName, x.target, x.actual, t(`reports.targetStatuses.${x.status}`)]),
    );
  }

  layout.heading(doc, t('reports.institution.dormant'));
  layout.paragraph(doc, t('reports.institution.dormantNote', { months: dashboard.dormantMonths }), { muted: true, size: 8 });
  if (dashboard.dormant.length === 0) layout.paragraph(doc, t('reports.institution.noDormant'), { muted: true });
  else
    layout.table(
      doc,
      [
        { header: t('reports.columns.agreement'), width: 75 },
        { header: t('reports.columns.lastDone'), width: 25 },
      ],
      dashboard.dormant.map((d) => [d.title, d.lastDone ? date(d.lastDone) : t('reports.never')]),
    );

  layout.heading(doc, t('reports.delegations.heading', { year }));
  if (delegations.length === 0) layout.paragraph(doc, t('reports.delegations.none', { year }), { muted: true });
  else
    layout.table(
      doc,
      [
        { header: t('reports.columns.direction'), width: 12 },
        { header: t('reports.columns.delegation'), width: 38 },
        { header: t('reports.columns.partner'), width: 20 },
        { header: t('reports.columns.dates'), width: 20 },
        { header: t('reports.columns.people'), width: 10, align: 'right' },
      ],
      delegations.map((d) => [t(`reports.delegations.${d.direction}`), d.title, d.partnerName, `${date(d.startDate)} – ${date(d.endDate)}`, d.people]),
    );

  footerOnEveryPage(doc, (page, pages) => t('reports.footer', { title: `${institution.code} · ${reportTitle}`, page, pages }));
  return { body: await pdfBuffer(doc), fileName: `hoptac-${fileSafe(institution.code)}-${year}.pdf` };
}
