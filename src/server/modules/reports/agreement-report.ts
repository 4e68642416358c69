import type { ActivityView } from '../../../contracts/activities.ts';
import type { Agreement } from '../../../contracts/agreements.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { createPdf, footerOnEveryPage, pdfBuffer } from '../../platform/pdf.ts';
import { listActivities } from '../activities/service.ts';
import { agreementProgress } from '../activities/progress.ts';
import { getAgreement, todayIn } from '../agreements/service.ts';
import { delegationsOfAgreementForReport } from './delegations.ts';
import * as layout from './pdf-layout.ts';
import { fileSafe, type Words, wordsFor } from './text.ts';

// The cooperation report of one agreement for a year (PDF): what was agreed (as far as the reader reads the
// agreement), what was done in the year (its activities), progress against each target (a chart and a table) and
// the delegations. Who may download it: who reads the agreement's activities (activities' `agreementProgress`
// answers 404 to everyone else, whatever the agreement's visibility).

/** The most activities listed in the report; the count says how many there were. */
const MAX_ACTIVITIES = 2_000;

export async function yearOrCurrent(deps: AppDeps, year: number | undefined) {
  return year ?? Number(todayIn(deps.clock.now()).slice(0, 4));
}

export async function activitiesOfYear(deps: AppDeps, ctx: RequestContext, agreementId: string, year: number, max = MAX_ACTIVITIES) {
  const items: ActivityView[] = [];
  let cursor: string | undefined;
  let total = 0;
  do {
    const page = await listActivities(deps, ctx, agreementId, { year, limit: 200, cursor });
    total = page.total;
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && items.length < max);
  return { items: items.slice(0, max), total };
}

export async function agreementReportPdf(deps: AppDeps, ctx: RequestContext, agreementId: string, requestedYear: number | undefined) {
  const progress = await agreementProgress(deps, ctx, agreementId); // 404 for who does not read the activities
  const agreement = await getAgreement(deps, ctx, agreementId);
  const year = await yearOrCurrent(deps, requestedYear);
  const [activities, delegations] = await Promise.all([
    activitiesOfYear(deps, ctx, agreementId, year),
    delegationsOfAgreementForReport(deps, ctx, agreementId, year),
  ]);
  const w = wordsFor(ctx.lang);
  const { t, pick, date } = w;
  const agreementTitle = pick(agreement.content.titleVi, agreement.content.titleEn);
  const reportTitle = t('reports.agreement.title', { year });
  const doc = createPdf({ title: `${reportTitle} — ${agreementTitle}`, language: ctx.lang });
  layout.title(doc, reportTitle, agreementTitle);
  layout.paragraph(doc, t('reports.generatedOn', { date: date(progress.asOf) }), { muted: true, size: 9 });

  agreed(doc, w, agreement);

  layout.heading(doc, t('reports.agreement.done', { year }));
  const doneCount = activities.items.filter((a) => a.status === 'done').length;
  layout.paragraph(doc, t('reports.agreement.activitiesCount', { total: activities.total, done: doneCount }));
  if (activities.items.length === 0) layout.paragraph(doc, t('reports.agreement.noActivities', { year }), { muted: true });
  else {
    layout.table(
      doc,
      [
        { header: t('reports.columns.date'), width: 14 },
        { header: t('reports.columns.activity'), width: 40 },
        { header: t('reports.columns.kind'), width: 20 },
        { header: t('reports.columns.status'), width: 14 },
        { header: t('reports.columns.people'), width: 10, align: 'right' },
      ],
      activities.items.map((a) => [
        a.startDate === a.endDate ? date(a.startDate) : `${date(a.startDate)} – ${date(a.endDate)}`,
        `${pick(a.titleVi, a.titleEn)}${a.outcomes ? `\n${a.outcomes}` : ''}`,
        t(`activityImport.kinds.${a.kind}`),
        t(`activityImport.statuses.${a.status}`),
        a.peopleCount,
      ]),
    );
    if (activities.total > activities.items.length) layout.paragraph(doc, t('reports.truncated', { shown: activities.items.length, total: activities.total }), { muted: true });
  }

  layout.heading(doc, t('reports.agreement.progress'));
  const yearStart = `${year}-01-01`;
  const yearEnd = `${year}-12-31`;
  const targets = progress.targets.filter((x) => x.periodStart <= yearEnd && x.periodEnd >= yearStart);
  if (targets.length === 0) layout.paragraph(doc, t('reports.agreement.noTargets', { year }), { muted: true });
  else {
    layout.paragraph(doc, t('reports.agreement.progressNote', { date: date(progress.asOf) }), { muted: true, size: 8 });
    layout.progressChart(
      doc,
      targets.map((x) => ({
        label: `${x.areaTitle} · ${x.metricName}`,
        share: x.share,
        elapsed: x.elapsed,
        caption: x.measured ? `${x.actual} / ${x.target} (${w.percent(x.share)})` : t('reports.notMeasured'),
      })),
    );
    layout.table(
      doc,
      [
        { header: t('reports.columns.area'), width: 20 },
        { header: t('reports.columns.metric'), width: 24 },
        { header: t('reports.columns.period'), width: 20 },
        { header: t('reports.columns.target'), width: 9, align: 'right' },
        { header: t('reports.columns.actual'), width: 9, align: 'right' },
        { header: t('reports.columns.status'), width: 16 },
      ],
      targets.map((x) => [
        x.areaTitle,
        x.metricName,
        `${date(x.periodStart)} – ${date(x.periodEnd)}`,
        x.target,
        x.measured ? x.actual : '—',
        x.measured ? t(`reports.targetStatuses.${x.status}`) : t('reports.notMeasured'),
      ]),
    );
  }

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

  footerOnEveryPage(doc, (page, pages) => t('reports.footer', { title: agreementTitle, page, pages }));
  return { body: await pdfBuffer(doc), fileName: `hoptac-${fileSafe(pick(agreement.content.titleVi, agreement.content.titleEn))}-${year}.pdf` };
}

/** What was agreed: only what the presented agreement holds for this reader (the announcement leaves out the rest). */
function agreed(doc: Parameters<typeof layout.title>[0], w: Words, a: Agreement) {
  const { t, pick, date } = w;
  const partyName = (id: string | null) => {
    if (id === null) return t('reports.agreement.allOtherParties');
    const p = a.parties.find((x) => x.institutionId === id);
    return p ? pick(p.nameVi, p.nameEn) : id;
  };
  layout.heading(doc, t('reports.agreement.agreed'));
  layout.facts(doc, [
    [t('reports.fields.kind'), t(`agreementKinds.${a.content.kind}`)],
    [t('reports.fields.status'), t(`statuses.${a.status}`)],
    [t('reports.fields.signing'), a.content.signingDate ? `${date(a.content.signingDate)}${a.content.signingPlace ? `, ${a.content.signingPlace}` : ''}` : '—'],
    [t('reports.fields.period'), `${date(a.content.startDate)} – ${a.content.endDate ? date(a.content.endDate) : t('reports.openEnded')}`],
    [t('reports.fields.version'), `${a.versionNo} · SHA-256 ${a.contentHash}`],
  ]);
  layout.subheading(doc, t('reports.fields.parties'));
  layout.bullets(
    doc,
    a.parties.map((p) => `${pick(p.nameVi, p.nameEn)} (${p.code}, ${p.country})${p.unitNameVi ? ` — ${pick(p.unitNameVi, p.unitNameEn ?? p.unitNameVi)}` : ''}`),
  );
  const summary = pick(a.content.summaryVi, a.content.summaryEn);
  if (summary) layout.paragraph(doc, summary);
  for (const area of a.content.areas) {
    layout.subheading(doc, `${t('reports.fields.area')}: ${pick(area.titleVi, area.titleEn)}`);
    const description = pick(area.descriptionVi ?? '', area.descriptionEn ?? '');
    if (description) layout.paragraph(doc, description);
    if (area.contacts && area.contacts.length > 0) {
      const names = area.contacts.map((c) => {
        const person = a.people[c.personId];
        return person ? `${person.title ? `${person.title} ` : ''}${person.fullName} (${partyName(c.institutionId)})` : partyName(c.institutionId);
      });
      layout.facts(doc, [[t('reports.fields.contacts'), names.join('; ')]]);
    }
    if (area.commitments && area.commitments.length > 0) {
      layout.paragraph(doc, t('reports.fields.commitments'));
      layout.bullets(
        doc,
        area.commitments.map(
          (c) =>
            `${partyName(c.fromInstitutionId)} → ${partyName(c.toInstitutionId)}: ${pick(c.textVi, c.textEn)}${c.quantity !== null ? ` (${c.quantity}${c.perYear ? ` ${t('reports.perYear')}` : ''})` : ''}`,
        ),
      );
    }
    if (area.targets && area.targets.length > 0) {
      layout.paragraph(doc, t('reports.fields.targets'));
      layout.bullets(doc, area.targets.map((x) => `${t(`metrics.${x.metric}`)}: ${x.value} (${date(x.periodStart)} – ${date(x.periodEnd)})`));
    }
  }
}
