import { expect } from 'vitest';
import { multipartUpload, tinyPdf } from '../../testing/multipart.ts';
import type { WalkFixture } from '../../testing/walk-fixture.ts';

// Minutes attached to A's agreement: the document, its key and its stored file.
export const walkFixture: WalkFixture = {
  needs: ['agreements'],
  async build({ adminA, built }) {
    const upload = multipartUpload({ kind: 'minutes', title: 'Biên bản mật của A' }, 'bien-ban-mat-cua-a.pdf', tinyPdf('NOI-DUNG-MAT-CUA-A'));
    const document = await adminA.request('POST', `/api/v1/agreements/${built.agreement}/documents`, upload.body, upload.headers);
    expect(document.status, JSON.stringify(document.body)).toBe(201);
    return {
      ids: { document: document.body.id, documentKey: document.body.documentKey, file: document.body.fileId },
      secrets: ['Biên bản mật của A', 'bien-ban-mat-cua-a', 'NOI-DUNG-MAT-CUA-A', document.body.sha256],
    };
  },
};
