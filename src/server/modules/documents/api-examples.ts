import { AT, DOCUMENT, FILE } from '../api-examples-common.ts';

// OpenAPI examples for routes.ts (what they share: modules/api-examples-common.ts). An agreement's documents.

export const agreementDocument = {
  id: DOCUMENT,
  documentKey: '9c4e1a7f-3d8b-4f62-b5a1-6e2d9c4f8b37',
  revision: 1,
  kind: 'signed',
  title: 'Bản ký thỏa thuận',
  fileId: FILE,
  sha256: 'e3b9f1c7a5d2e8b4c6a0f9d3e7b1c5a8f2d6e0b4c8a2f6d0e4b8c2a6f0d4e8b2',
  sizeBytes: 248_113,
  mimeType: 'application/pdf',
  fileName: 'hust-bmh-mou-2025.pdf',
  uploadedBy: 'ThS. Đỗ Thị Minh Ngọc',
  createdAt: AT,
};
export const documentList = { items: [agreementDocument] };
