import { FONT, type Pdf } from '../../platform/pdf.ts';

// The building blocks of the PDF reports, on pdfkit (platform/pdf.ts gives the document with the Vietnamese
// fonts): headings, label–value lines, tables that continue on the next page with their header, and charts
// drawn as vector graphics (bars and columns), so a chart is part of the page like an image, at any zoom.

const COLORS = { ink: '#1a1a1a', muted: '#666666', rule: '#cccccc', head: '#eef2f7', bar: '#2f6fb0', planned: '#9cc2e5', target: '#d9822b' };

const contentWidth = (doc: Pdf) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const bottomOf = (doc: Pdf) => doc.page.height - doc.page.margins.bottom;
const left = (doc: Pdf) => doc.page.margins.left;

/** A new page when less than `height` is left on this one. */
export function ensureSpace(doc: Pdf, height: number) {
  if (doc.y + height > bottomOf(doc)) doc.addPage();
}

export function title(doc: Pdf, text: string, subtitle?: string) {
  doc.font(FONT.bold).fontSize(17).fillColor(COLORS.ink).text(text, left(doc), doc.y, { width: contentWidth(doc) });
  if (subtitle) doc.moveDown(0.2).font(FONT.regular).fontSize(12).fillColor(COLORS.ink).text(subtitle, { width: contentWidth(doc) });
  doc.moveDown(0.8);
}

export function heading(doc: Pdf, text: string) {
  ensureSpace(doc, 60);
  doc.moveDown(0.6).font(FONT.bold).fontSize(13).fillColor(COLORS.ink).text(text, left(doc), doc.y, { width: contentWidth(doc) });
  const y = doc.y + 2;
  doc.moveTo(left(doc), y).lineTo(left(doc) + contentWidth(doc), y).lineWidth(0.5).strokeColor(COLORS.rule).stroke();
  doc.moveDown(0.5);
}

export function subheading(doc: Pdf, text: string) {
  ensureSpace(doc, 40);
  doc.moveDown(0.3).font(FONT.bold).fontSize(11).fillColor(COLORS.ink).text(text, left(doc), doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.2);
}

export function paragraph(doc: Pdf, text: string, options: { muted?: boolean; size?: number } = {}) {
  if (!text) return;
  doc.font(FONT.regular).fontSize(options.size ?? 10).fillColor(options.muted ? COLORS.muted : COLORS.ink).text(text, left(doc), doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.3);
}

/** Lines of "label: value". */
export function facts(doc: Pdf, rows: [string, string][]) {
  for (const [label, value] of rows) {
    ensureSpace(doc, 16);
    doc.font(FONT.bold).fontSize(10).fillColor(COLORS.ink).text(`${label}: `, left(doc), doc.y, { continued: true, width: contentWidth(doc) });
    doc.font(FONT.regular).text(value || '—');
  }
  doc.moveDown(0.3);
}

export function bullets(doc: Pdf, items: string[]) {
  for (const item of items) {
    ensureSpace(doc, 16);
    doc.font(FONT.regular).fontSize(10).fillColor(COLORS.ink).text(`•  ${item}`, left(doc) + 8, doc.y, { width: contentWidth(doc) - 8 });
  }
  doc.moveDown(0.3);
}

export interface Column {
  header: string;
  /** A share of the content width (the shares are scaled to fill it). */
  width: number;
  align?: 'left' | 'right' | 'center';
}

/** A table; rows that do not fit go on the next page, under the header again. */
export function table(doc: Pdf, columns: Column[], rows: (string | number)[][], options: { size?: number } = {}) {
  const size = options.size ?? 9;
  const total = columns.reduce((n, c) => n + c.width, 0);
  const widths = columns.map((c) => (c.width / total) * contentWidth(doc));
  const pad = 3;
  const heightOf = (cells: string[], font: string) => {
    doc.font(font).fontSize(size);
    return Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { width: widths[i] - 2 * pad }))) + 2 * pad;
  };
  const drawRow = (cells: string[], font: string, fill?: string) => {
    const h = heightOf(cells, font);
    const y = doc.y;
    let x = left(doc);
    if (fill) doc.rect(x, y, contentWidth(doc), h).fill(fill);
    doc.font(font).fontSize(size).fillColor(COLORS.ink);
    cells.forEach((c, i) => {
      doc.text(c, x + pad, y + pad, { width: widths[i] - 2 * pad, align: columns[i].align ?? 'left' });
      x += widths[i];
    });
    doc.moveTo(left(doc), y + h).lineTo(left(doc) + contentWidth(doc), y + h).lineWidth(0.3).strokeColor(COLORS.rule).stroke();
    doc.x = left(doc);
    doc.y = y + h;
  };
  const header = columns.map((c) => c.header);
  ensureSpace(doc, heightOf(header, FONT.bold) + 20);
  drawRow(header, FONT.bold, COLORS.head);
  for (const row of rows) {
    const cells = row.map(String);
    if (doc.y + heightOf(cells, FONT.regular) > bottomOf(doc)) {
      doc.addPage();
      drawRow(header, FONT.bold, COLORS.head);
    }
    drawRow(cells, FONT.regular);
  }
  doc.moveDown(0.6);
}

/** Horizontal bars: each row's share (actual / target) against 100 %, the value written beside it. */
export function progressChart(doc: Pdf, bars: { label: string; share: number; caption: string; elapsed?: number }[]) {
  if (bars.length === 0) return;
  const labelWidth = contentWidth(doc) * 0.38;
  const captionWidth = 90;
  const barWidth = contentWidth(doc) - labelWidth - captionWidth - 12;
  const rowHeight = 18;
  for (const bar of bars) {
    ensureSpace(doc, rowHeight + 4);
    const y = doc.y;
    const x0 = left(doc) + labelWidth + 6;
    doc.font(FONT.regular).fontSize(8).fillColor(COLORS.ink).text(bar.label, left(doc), y + 3, { width: labelWidth, height: rowHeight, ellipsis: true, lineBreak: false });
    doc.rect(x0, y + 3, barWidth, rowHeight - 6).lineWidth(0.5).strokeColor(COLORS.rule).stroke();
    const filled = Math.max(0, Math.min(1, bar.share)) * barWidth;
    if (filled > 0) doc.rect(x0, y + 3, filled, rowHeight - 6).fill(COLORS.bar);
    if (bar.elapsed !== undefined) {
      const xe = x0 + Math.max(0, Math.min(1, bar.elapsed)) * barWidth;
      doc.moveTo(xe, y + 1).lineTo(xe, y + rowHeight - 1).lineWidth(1.2).strokeColor(COLORS.target).stroke();
    }
    doc.font(FONT.regular).fontSize(8).fillColor(COLORS.ink).text(bar.caption, x0 + barWidth + 6, y + 4, { width: captionWidth, lineBreak: false });
    doc.x = left(doc);
    doc.y = y + rowHeight;
  }
  doc.moveDown(0.6);
}

/** Columns per category (e.g. month), stacked in two series, with a legend and the y scale. */
export function columnChart(doc: Pdf, columns: { label: string; values: [number, number] }[], legend: [string, string]) {
  const height = 150;
  ensureSpace(doc, height + 50);
  const x0 = left(doc) + 30;
  const width = contentWidth(doc) - 30;
  const top = doc.y + 14;
  const max = Math.max(1, ...columns.map((c) => c.values[0] + c.values[1]));
  const step = niceStep(max);
  const scaleMax = Math.ceil(max / step) * step;
  const base = top + height;
  doc.lineWidth(0.3).strokeColor(COLORS.rule);
  for (let v = 0; v <= scaleMax; v += step) {
    const y = base - (v / scaleMax) * height;
    doc.moveTo(x0, y).lineTo(x0 + width, y).stroke();
    doc.font(FONT.regular).fontSize(7).fillColor(COLORS.muted).text(String(v), left(doc), y - 4, { width: 26, align: 'right', lineBreak: false });
  }
  const slot = width / Math.max(1, columns.length);
  const barW = slot * 0.6;
  columns.forEach((c, i) => {
    const x = x0 + i * slot + (slot - barW) / 2;
    const h0 = (c.values[0] / scaleMax) * height;
    const h1 = (c.values[1] / scaleMax) * height;
    if (h0 > 0) doc.rect(x, base - h0, barW, h0).fill(COLORS.bar);
    if (h1 > 0) doc.rect(x, base - h0 - h1, barW, h1).fill(COLORS.planned);
    doc.font(FONT.regular).fontSize(7).fillColor(COLORS.ink).text(c.label, x0 + i * slot, base + 3, { width: slot, align: 'center', lineBreak: false });
  });
  const ly = base + 16;
  doc.rect(x0, ly, 8, 8).fill(COLORS.bar);
  doc.font(FONT.regular).fontSize(8).fillColor(COLORS.ink).text(legend[0], x0 + 12, ly, { lineBreak: false });
  doc.rect(x0 + 120, ly, 8, 8).fill(COLORS.planned);
  doc.font(FONT.regular).fontSize(8).fillColor(COLORS.ink).text(legend[1], x0 + 132, ly, { lineBreak: false });
  doc.x = left(doc);
  doc.y = ly + 18;
}

function niceStep(max: number): number {
  const raw = max / 5;
  const pow = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (raw <= m * pow) return Math.max(1, m * pow);
  return Math.max(1, 10 * pow);
}
