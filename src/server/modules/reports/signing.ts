import { AlignmentType, BorderStyle, Document, Footer, Packer, PageNumber, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { AgreementContentView } from '../../../contracts/agreements.ts';
import type { z } from 'zod';
import { translate } from '../../../locales/index.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { createPdf, FONT, footerOnEveryPage, pdfBuffer } from '../../platform/pdf.ts';
import { getAgreement, getVersion } from '../agreements/service.ts';
import { getInstitution } from '../institutions/service.ts';
import { maySignFrom } from './policy.ts';
import { fileSafe } from './text.ts';

// The agreement ready to sign: a bilingual document (Vietnamese and English side by side, a two-column table per
// clause) generated from an approved version — every party of that version approved its hash, and no edit voided
// those approvals — with a signature block for each party's representative and the version's SHA-256 in every
// page's footer, so that a signed paper copy is tied to exactly one approved version (docs/agreement-hash.md).
// Only who reads the agreement whole and its approvals (404 for who does not see it or reads only its
// announcement; a version other than the current one only for who reads the negotiation, like its content).

type Content = z.infer<typeof AgreementContentView>;
type Pair = { vi: string; en: string };
interface Clause {
  heading: Pair;
  rows: Pair[];
}
interface SigningDocument {
  title: Pair;
  versionNo: number;
  hash: string;
  clauses: Clause[];
  parties: { vi: string; en: string; code: string }[];
  fileBase: string;
}

const both = (key: string, params: Record<string, unknown> = {}): Pair => ({ vi: translate('vi', key, params), en: translate('en', key, params) });
const dmy = (iso: string | null) => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '');
/** Paragraphs side by side: the i-th Vietnamese paragraph beside the i-th English one. */
const paragraphs = (vi: string, en: string): Pair[] => {
  const a = vi.split(/\n+/).filter((s) => s.trim());
  const b = en.split(/\n+/).filter((s) => s.trim());
  return Array.from({ length: Math.max(a.length, b.length) }, (_, i) => ({ vi: a[i] ?? '', en: b[i] ?? '' }));
};

async function signingDocument(deps: AppDeps, ctx: RequestContext, agreementId: string, versionNo: number): Promise<SigningDocument> {
  const agreement = await getAgreement(deps, ctx, agreementId);
  const may = maySignFrom(agreement);
  if (!may.readsWhole) throw new AppError('not_found', { params: { entity: 'entities.agreement' } });
  if (!may.readsApprovals) throw new AppError('forbidden', { messageKey: 'errors.signing_approvals_unread' });
  const { content, hash } =
    versionNo === agreement.versionNo
      ? { content: agreement.content as Content, hash: agreement.contentHash }
      : await getVersion(deps, ctx, agreementId, versionNo).then((v) => ({ content: v.content as Content, hash: v.contentHash }));
  const approvedBy = new Set(agreement.approvals.filter((a) => a.versionNo === versionNo && a.contentHash === hash && !a.voided).map((a) => a.institutionId));
  const missing = content.parties.filter((p) => !approvedBy.has(p.institutionId));
  if (missing.length > 0) throw new AppError('conflict', { messageKey: 'errors.version_not_approved', params: { version: versionNo } });

  const names = new Map(agreement.parties.map((p) => [p.institutionId, { vi: p.nameVi, en: p.nameEn, code: p.code, country: p.country }]));
  for (const p of content.parties)
    if (!names.has(p.institutionId)) {
      // A former party the caller no longer sees in the directory is named by a dash, not refused.
      const i = await getInstitution(deps, ctx, p.institutionId).catch((err) => {
        if (err instanceof AppError) return null;
        throw err;
      });
      names.set(p.institutionId, i ? { vi: i.nameVi, en: i.nameEn, code: i.code, country: i.country } : { vi: '—', en: '—', code: '—', country: '' });
    }
  const party = (id: string | null): Pair => (id === null ? both('reports.signing.allOtherParties') : { vi: names.get(id)?.vi ?? '—', en: names.get(id)?.en ?? '—' });

  const clauses: Clause[] = [];
  const intro: Pair[] = content.parties.map((p, i) => {
    const n = names.get(p.institutionId)!;
    return { vi: `${i + 1}. ${n.vi} (${n.code}, ${n.country})`, en: `${i + 1}. ${n.en} (${n.code}, ${n.country})` };
  });
  clauses.push({ heading: both('reports.signing.parties'), rows: [...intro, ...paragraphs(content.summaryVi, content.summaryEn)] });
  const term = [both('reports.signing.termFrom', { date: dmy(content.startDate) })];
  term.push(content.endDate ? both('reports.signing.termUntil', { date: dmy(content.endDate) }) : both('reports.signing.openEnded'));
  if (content.renewal) term.push(both(`reports.signing.renewal.${content.renewal}`, { years: content.renewalYears ?? '' }));
  let article = 1;
  clauses.push({ heading: articleHeading(article++, both('reports.signing.term')), rows: term });
  for (const area of content.areas) {
    const rows: Pair[] = [...paragraphs(area.descriptionVi ?? '', area.descriptionEn ?? '')];
    for (const c of area.commitments ?? []) {
      const from = party(c.fromInstitutionId);
      const to = party(c.toInstitutionId);
      const quantity = (lang: 'vi' | 'en') =>
        c.quantity === null ? '' : ` (${c.quantity}${c.perYear ? ` ${translate(lang, 'reports.perYear')}` : ''})`;
      rows.push({ vi: `• ${from.vi} → ${to.vi}: ${c.textVi}${quantity('vi')}`, en: `• ${from.en} → ${to.en}: ${c.textEn}${quantity('en')}` });
    }
    for (const x of area.targets ?? []) {
      rows.push({
        vi: `• ${translate('vi', `metrics.${x.metric}`)}: ${x.value} (${dmy(x.periodStart)} – ${dmy(x.periodEnd)})`,
        en: `• ${translate('en', `metrics.${x.metric}`)}: ${x.value} (${dmy(x.periodStart)} – ${dmy(x.periodEnd)})`,
      });
    }
    clauses.push({ heading: articleHeading(article++, { vi: area.titleVi, en: area.titleEn }), rows });
  }
  const place = content.signingPlace ?? '';
  clauses.push({
    heading: articleHeading(article++, both('reports.signing.final')),
    rows: [both('reports.signing.finalText', { count: content.parties.length }), ...(place ? [both('reports.signing.place', { place })] : [])],
  });
  return {
    title: { vi: content.titleVi, en: content.titleEn },
    versionNo,
    hash,
    clauses,
    parties: content.parties.map((p) => names.get(p.institutionId)!),
    fileBase: `hoptac-${fileSafe(content.titleEn)}-v${versionNo}`,
  };
}

function articleHeading(n: number, title: Pair): Pair {
  return { vi: translate('vi', 'reports.signing.article', { n, title: title.vi }), en: translate('en', 'reports.signing.article', { n, title: title.en }) };
}

/** The footer of every page: the version in both languages and its SHA-256, whole. */
const footerText = (d: SigningDocument) =>
  `${translate('vi', 'reports.signing.version', { version: d.versionNo })} / ${translate('en', 'reports.signing.version', { version: d.versionNo })} · SHA-256 ${d.hash}`;

// ---- PDF

export async function signingPdf(deps: AppDeps, ctx: RequestContext, agreementId: string, versionNo: number) {
  const d = await signingDocument(deps, ctx, agreementId, versionNo);
  const doc = createPdf({ title: `${d.title.vi} / ${d.title.en}`, language: ctx.lang }, { margin: 50 });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const gap = 14;
  const col = (width - gap) / 2;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const row = (pair: Pair, font: string, size: number) => {
    doc.font(font).fontSize(size);
    const h = Math.max(doc.heightOfString(pair.vi || ' ', { width: col }), doc.heightOfString(pair.en || ' ', { width: col }));
    if (doc.y + h > bottom()) doc.addPage();
    const y = doc.y;
    doc.fillColor('#000').text(pair.vi, left, y, { width: col });
    doc.text(pair.en, left + col + gap, y, { width: col });
    doc.x = left;
    doc.y = y + h + 4;
  };
  row({ vi: translate('vi', 'reports.signing.language'), en: translate('en', 'reports.signing.language') }, FONT.bold, 8);
  row(d.title, FONT.bold, 15);
  doc.moveDown(0.5);
  for (const clause of d.clauses) {
    if (doc.y + 60 > bottom()) doc.addPage();
    const y = doc.y;
    doc.moveTo(left, y).lineTo(left + width, y).lineWidth(0.4).strokeColor('#999').stroke();
    doc.moveTo(left + col + gap / 2, y).lineTo(left + col + gap / 2, y + 4).stroke();
    doc.y = y + 6;
    row(clause.heading, FONT.bold, 11);
    for (const r of clause.rows) row(r, FONT.regular, 10);
    doc.moveDown(0.4);
  }
  // Signature blocks: one per party, two per line.
  const block = 130;
  if (doc.y + 30 + block > bottom()) doc.addPage(); // the heading with the first blocks
  row(both('reports.signing.signatures'), FONT.bold, 12);
  for (let i = 0; i < d.parties.length; i += 2) {
    if (doc.y + block > bottom()) doc.addPage();
    const y = doc.y;
    d.parties.slice(i, i + 2).forEach((p, j) => {
      const x = left + j * (col + gap);
      doc.font(FONT.bold).fontSize(10).fillColor('#000').text(`${both('reports.signing.forParty').vi} ${p.vi}`, x, y, { width: col });
      doc.font(FONT.regular).fontSize(9).text(`${both('reports.signing.forParty').en} ${p.en}`, x, doc.y, { width: col });
      doc.moveDown(2.2);
      for (const key of ['signature', 'name', 'title', 'date'] as const) {
        const label = both(`reports.signing.${key}`);
        doc.font(FONT.regular).fontSize(9).text(`${label.vi} / ${label.en}: ________________________`, x, doc.y, { width: col });
        doc.moveDown(0.6);
      }
    });
    doc.x = left;
    doc.y = y + block;
  }
  footerOnEveryPage(doc, (page, pages) => `${footerText(d)} · ${page}/${pages}`);
  return { body: await pdfBuffer(doc), fileName: `${d.fileBase}.pdf` };
}

// ---- DOCX

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const LINE = { style: BorderStyle.SINGLE, size: 4, color: '999999' };

function cell(text: string, options: { bold?: boolean; size?: number } = {}) {
  return new TableCell({
    width: { size: 50, type: WidthType.PERCENTAGE },
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
    children: text.split('\n').map((line) => new Paragraph({ children: [new TextRun({ text: line, bold: options.bold, size: options.size })] })),
  });
}

export async function signingDocx(deps: AppDeps, ctx: RequestContext, agreementId: string, versionNo: number) {
  const d = await signingDocument(deps, ctx, agreementId, versionNo);
  const borders = { top: LINE, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER, insideHorizontal: NO_BORDER, insideVertical: LINE };
  const pairTable = (rows: { pair: Pair; bold?: boolean; size?: number }[]) =>
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      borders,
      rows: rows.map((r) => new TableRow({ children: [cell(r.pair.vi, r), cell(r.pair.en, r)] })),
    });
  const children: (Paragraph | Table)[] = [
    pairTable([
      { pair: { vi: translate('vi', 'reports.signing.language'), en: translate('en', 'reports.signing.language') }, size: 16, bold: true },
      { pair: d.title, bold: true, size: 30 },
    ]),
    new Paragraph({ text: '' }),
  ];
  for (const clause of d.clauses) {
    children.push(pairTable([{ pair: clause.heading, bold: true, size: 22 }, ...clause.rows.map((pair) => ({ pair, size: 20 }))]));
    children.push(new Paragraph({ text: '' }));
  }
  children.push(pairTable([{ pair: both('reports.signing.signatures'), bold: true, size: 24 }]));
  const signatureLines = (p: { vi: string; en: string }) =>
    new TableCell({
      width: { size: 50, type: WidthType.PERCENTAGE },
      margins: { top: 100, bottom: 100, left: 100, right: 100 },
      children: [
        new Paragraph({ children: [new TextRun({ text: `${both('reports.signing.forParty').vi} ${p.vi}`, bold: true, size: 20 })] }),
        new Paragraph({ children: [new TextRun({ text: `${both('reports.signing.forParty').en} ${p.en}`, size: 18 })] }),
        new Paragraph({ text: '' }),
        new Paragraph({ text: '' }),
        ...(['signature', 'name', 'title', 'date'] as const).map((key) => {
          const label = both(`reports.signing.${key}`);
          return new Paragraph({ spacing: { after: 160 }, children: [new TextRun({ text: `${label.vi} / ${label.en}: ________________________`, size: 18 })] });
        }),
      ],
    });
  const rows: TableRow[] = [];
  for (let i = 0; i < d.parties.length; i += 2) {
    const pair = d.parties.slice(i, i + 2);
    rows.push(new TableRow({ cantSplit: true, children: [signatureLines(pair[0]), pair[1] ? signatureLines(pair[1]) : cell('')] }));
  }
  children.push(new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, borders: { ...borders, top: NO_BORDER, insideVertical: NO_BORDER }, rows }));
  const document = new Document({
    creator: 'hoptac',
    title: `${d.title.vi} / ${d.title.en}`,
    description: footerText(d),
    styles: { default: { document: { run: { font: 'Times New Roman', size: 22 } } } },
    sections: [
      {
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ text: `${footerText(d)} · `, size: 14 }), new TextRun({ children: [PageNumber.CURRENT, '/', PageNumber.TOTAL_PAGES], size: 14 })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return { body: await Packer.toBuffer(document), fileName: `${d.fileBase}.docx` };
}
