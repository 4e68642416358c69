/** A multipart upload (form fields, then the file), as the web app sends documents. */
export function multipartUpload(fields: Record<string, string>, fileName: string, bytes: Buffer) {
  const boundary = '----hoptac-test';
  const body = Buffer.concat([
    ...Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** The smallest file the upload's type sniffing takes for a PDF. */
export const tinyPdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`);
