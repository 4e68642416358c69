// A small, valid one-page PDF 1.4 written by hand: the "signed copy" attached to the demo agreements that are
// in force. ASCII only (Vietnamese is folded to plain letters) with the standard Helvetica font, so no font
// needs embedding; the cross-reference table gives each object's exact byte offset.

/** Vietnamese (and other Latin) text folded to printable ASCII: "Đại học Y Hà Nội" → "Dai hoc Y Ha Noi". */
export function toAscii(text: string): string {
  return text
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[–—]/g, '-')
    .replace(/[^\x20-\x7e]/g, '?');
}

/** Breaks a line into pieces of at most `width` characters, at spaces where possible. */
export function wrap(line: string, width: number): string[] {
  const out: string[] = [];
  let rest = line;
  while (rest.length > width) {
    let cut = rest.lastIndexOf(' ', width);
    if (cut <= 0) cut = width;
    out.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  out.push(rest);
  return out;
}

const escapePdfString = (s: string) => s.replace(/\\/g, '\\\\').replace(/\(/g, '\\(').replace(/\)/g, '\\)');

/** One A4 page with the given lines (folded to ASCII, wrapped at 90 characters, at most 60 lines). */
export function demoPdf(lines: readonly string[]): Buffer {
  const text = lines.flatMap((l) => wrap(toAscii(l), 90)).slice(0, 60);
  const stream = [
    'BT',
    '/F1 11 Tf',
    '14 TL',
    '56 790 Td',
    ...text.map((l, i) => `${i === 0 ? '' : 'T* '}(${escapePdfString(l)}) Tj`),
    'ET',
  ].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((obj, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${obj}\nendobj\n`;
  });
  const xrefAt = Buffer.byteLength(body, 'latin1');
  // Each cross-reference entry is exactly 20 bytes: 10-digit offset, space, 5-digit generation, space, n/f, space, LF.
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF`;
  return Buffer.from(body, 'latin1');
}
