import { createPdf, FONT, footerOnEveryPage, type Pdf, pdfBuffer } from '../../platform/pdf.ts';
import type { DocumentData } from './service.ts';

// The Vietnamese documents of an incoming delegation, from templates (platform/pdf.ts embeds a font with Vietnamese
// glyphs): the visa invitation letter (thư mời) to the Immigration Department and the temporary-residence notice
// (khai báo tạm trú) listing the guests' details. Both are in Vietnamese, as the authorities require; the data comes
// from service.ts documentData, which checks the handling office and audits the view.

const GENDER: Record<string, string> = { female: 'Nữ', male: 'Nam', other: 'Khác' };
const vnDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

function heading(doc: Pdf, institution: string, today: string) {
  const top = doc.y;
  const width = (doc.page.width - doc.page.margins.left - doc.page.margins.right) / 2;
  doc.font(FONT.bold).fontSize(10).text(institution.toUpperCase(), doc.page.margins.left, top, { width, align: 'center' });
  doc.font(FONT.bold).fontSize(10).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', doc.page.margins.left + width, top, { width, align: 'center' });
  doc.font(FONT.regular).fontSize(10).text('Độc lập - Tự do - Hạnh phúc', { width, align: 'center' });
  doc.moveDown(0.5);
  doc.text(`Hà Nội, ngày ${today.slice(8, 10)} tháng ${today.slice(5, 7)} năm ${today.slice(0, 4)}`, { width, align: 'center' });
  doc.x = doc.page.margins.left;
  doc.moveDown(1.5);
}

function guestTable(doc: Pdf, data: DocumentData) {
  const cols = [
    { title: 'STT', width: 28 },
    { title: 'Họ và tên', width: 120 },
    { title: 'Giới tính', width: 48 },
    { title: 'Ngày sinh', width: 62 },
    { title: 'Quốc tịch', width: 50 },
    { title: 'Số hộ chiếu', width: 85 },
    { title: 'Hạn hộ chiếu', width: 70 },
  ];
  const left = doc.page.margins.left;
  const row = (cells: string[], bold: boolean) => {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 40) doc.addPage();
    const y = doc.y;
    let x = left;
    let height = 0;
    doc.font(bold ? FONT.bold : FONT.regular).fontSize(9);
    for (const [i, c] of cells.entries()) height = Math.max(height, doc.heightOfString(c, { width: cols[i].width - 4 }));
    cells.forEach((c, i) => {
      doc.text(c, x + 2, y + 2, { width: cols[i].width - 4 });
      doc.rect(x, y, cols[i].width, height + 4).stroke('#888');
      x += cols[i].width;
    });
    doc.x = left;
    doc.y = y + height + 4;
  };
  row(cols.map((c) => c.title), true);
  for (const [i, g] of data.guests.entries()) {
    row([String(i + 1), g.fullName, GENDER[g.gender] ?? g.gender, vnDate(g.dateOfBirth), g.nationality, g.passportNumber, vnDate(g.passportExpiry)], false);
  }
  doc.moveDown();
}

function signature(doc: Pdf, institution: string) {
  doc.moveDown(2);
  const width = (doc.page.width - doc.page.margins.left - doc.page.margins.right) / 2;
  doc.font(FONT.bold).fontSize(11).text(`THỦ TRƯỞNG ${institution.toUpperCase()}`, doc.page.margins.left + width, doc.y, { width, align: 'center' });
  doc.font(FONT.regular).fontSize(9).text('(Ký, ghi rõ họ tên và đóng dấu)', { width, align: 'center' });
  doc.x = doc.page.margins.left;
}

/** Thư mời: the letter inviting the guests, for their visas. */
export async function invitationLetterPdf(data: DocumentData): Promise<Buffer> {
  const { row } = data;
  const doc = createPdf({ title: `Thư mời – ${row.title_vi}`, language: 'vi' });
  heading(doc, row.institution_name_vi, data.today);
  doc.font(FONT.bold).fontSize(16).text('THƯ MỜI', { align: 'center' });
  doc.font(FONT.regular).fontSize(11).text('(V/v mời đoàn khách quốc tế vào làm việc và đề nghị cấp thị thực)', { align: 'center' });
  doc.moveDown();
  doc.text('Kính gửi: Cục Quản lý xuất nhập cảnh – Bộ Công an');
  doc.moveDown(0.5);
  doc.text(
    `${row.institution_name_vi} trân trọng mời đoàn khách của ${row.partner_name_vi} gồm ${data.guests.length} người ` +
      `sang Việt Nam làm việc từ ngày ${vnDate(row.start_date)} đến ngày ${vnDate(row.end_date)}, theo ${row.agreement_title_vi}.`,
    { align: 'justify' },
  );
  doc.moveDown(0.5);
  doc.text(`Mục đích chuyến thăm: ${row.purpose_vi}`, { align: 'justify' });
  if (row.lodging) doc.text(`Nơi lưu trú: ${row.lodging}`);
  doc.moveDown(0.5);
  doc.text('Danh sách thành viên đoàn:');
  doc.moveDown(0.5);
  guestTable(doc, data);
  if (data.programme.length > 0) {
    doc.font(FONT.bold).fontSize(11).text('Chương trình làm việc dự kiến:');
    doc.font(FONT.regular).fontSize(10);
    for (const p of data.programme) doc.text(`– ${vnDate(p.date)}${p.time ? ` ${p.time}` : ''}: ${p.what}${p.where ? ` (${p.where})` : ''}`);
    doc.moveDown(0.5);
  }
  doc.font(FONT.regular).fontSize(11).text(
    `Đề nghị Cục Quản lý xuất nhập cảnh xem xét, cấp thị thực nhập cảnh Việt Nam cho các thành viên của đoàn. ${row.institution_name_vi} ` +
      'chịu trách nhiệm về nội dung, chương trình làm việc và quản lý đoàn trong thời gian đoàn ở Việt Nam.',
    { align: 'justify' },
  );
  signature(doc, row.institution_name_vi);
  footerOnEveryPage(doc, (page, pages) => `Thư mời · ${row.title_vi} · trang ${page}/${pages}`);
  return pdfBuffer(doc);
}

/** Khai báo tạm trú: the notice of the guests' temporary residence. */
export async function residenceNoticePdf(data: DocumentData): Promise<Buffer> {
  const { row } = data;
  const doc = createPdf({ title: `Khai báo tạm trú – ${row.title_vi}`, language: 'vi' });
  heading(doc, row.institution_name_vi, data.today);
  doc.font(FONT.bold).fontSize(15).text('PHIẾU KHAI BÁO TẠM TRÚ CHO NGƯỜI NƯỚC NGOÀI', { align: 'center' });
  doc.moveDown();
  doc.font(FONT.regular).fontSize(11).text('Kính gửi: Công an phường (xã) nơi người nước ngoài tạm trú');
  doc.moveDown(0.5);
  doc.text(`Cơ sở tiếp nhận: ${row.institution_name_vi}`);
  doc.text(`Đoàn: ${row.title_vi} (${row.partner_name_vi})`);
  doc.text(`Địa chỉ tạm trú: ${row.lodging || '…'}`);
  doc.text(`Thời gian tạm trú: từ ngày ${vnDate(row.start_date)} đến ngày ${vnDate(row.end_date)}`);
  doc.text(`Số người: ${data.guests.length}`);
  doc.moveDown(0.5);
  guestTable(doc, data);
  doc.text('Chúng tôi cam đoan những lời khai trên là đúng sự thật.');
  signature(doc, row.institution_name_vi);
  footerOnEveryPage(doc, (page, pages) => `Khai báo tạm trú · ${row.title_vi} · trang ${page}/${pages}`);
  return pdfBuffer(doc);
}
