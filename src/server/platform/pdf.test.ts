import { PDFParse } from 'pdf-parse';
import { describe, expect, it } from 'vitest';
import { createPdf, FONT, footerOnEveryPage, pdfBuffer } from './pdf.ts';

describe('PDFs with Vietnamese text', () => {
  it('embeds a font with Vietnamese glyphs, so the text is extracted as written, and a footer on every page', async () => {
    const doc = createPdf({ title: 'Thử nghiệm', language: 'vi' });
    doc.font(FONT.bold).fontSize(16).text('Biên bản ghi nhớ hợp tác');
    doc.font(FONT.regular).fontSize(11).text('Trường Đại học Bách khoa Hà Nội và Bệnh viện Bạch Mai — Nghiên cứu khoa học, đào tạo nguồn nhân lực.');
    doc.addPage().text('Trang hai: Điều dưỡng, ưu tiên, tiếp nhận.');
    footerOnEveryPage(doc, (page, pages) => `SHA-256 abc123 · ${page}/${pages}`);
    const bytes = await pdfBuffer(doc);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const parser = new PDFParse({ data: bytes });
    const { text, total } = await parser.getText();
    await parser.destroy();
    expect(total).toBe(2);
    expect(text).toContain('Trường Đại học Bách khoa Hà Nội và Bệnh viện Bạch Mai');
    expect(text).toContain('Điều dưỡng, ưu tiên, tiếp nhận');
    expect(text).toContain('SHA-256 abc123 · 1/2');
    expect(text).toContain('SHA-256 abc123 · 2/2');
  });
});
