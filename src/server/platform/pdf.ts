import { join } from 'node:path';
import PDFDocument from 'pdfkit';

// PDFs with Vietnamese text: pdfkit's standard fonts (Helvetica) have no glyphs for ư, ơ, ạ, ễ …, so every
// generated document embeds DejaVu Sans, shipped in assets/fonts (a free font; its license beside it). Modules
// build documents with `createPdf` and write with the two font names; `pdfBuffer` collects the bytes.
const FONTS_DIR = join(import.meta.dirname, '..', '..', '..', 'assets', 'fonts');
export const FONT = { regular: 'hoptac-regular', bold: 'hoptac-bold' } as const;

export type Pdf = InstanceType<typeof PDFDocument>;

/** A new A4 document with the Vietnamese-capable fonts registered (regular selected). */
export function createPdf(info: { title: string; author?: string; language?: 'vi' | 'en' }, options: { margin?: number } = {}): Pdf {
  const doc = new PDFDocument({
    size: 'A4',
    margin: options.margin ?? 56,
    bufferPages: true, // footers are written on every page at the end
    info: { Title: info.title, Author: info.author ?? 'hoptac', Creator: 'hoptac' },
    lang: info.language === 'en' ? 'en-GB' : 'vi-VN',
  });
  doc.registerFont(FONT.regular, join(FONTS_DIR, 'DejaVuSans.ttf'));
  doc.registerFont(FONT.bold, join(FONTS_DIR, 'DejaVuSans-Bold.ttf'));
  doc.font(FONT.regular);
  return doc;
}

/** Writes `text` at the bottom of every page (e.g. a version's hash), then ends the document. */
export function footerOnEveryPage(doc: Pdf, text: (page: number, pages: number) => string) {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing inside the bottom margin must not add a page
    doc.font(FONT.regular).fontSize(7).fillColor('#555').text(text(i + 1, range.count), doc.page.margins.left, doc.page.height - 30, {
      width: doc.page.width - doc.page.margins.left - doc.page.margins.right,
      align: 'center',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
}

/** The finished document's bytes. */
export function pdfBuffer(doc: Pdf): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
