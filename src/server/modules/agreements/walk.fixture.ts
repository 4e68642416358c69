import { expect } from 'vitest';
import { buildPerson } from '../../testing/factories.ts';
import type { WalkFixture } from '../../testing/walk-fixture.ts';

// A parties-only agreement of A and its partner C, with a private note of A's and comments of both.
export const walkFixture: WalkFixture = {
  async build({ db, a, c, adminA, officerC }) {
    const pocA = await buildPerson(db, a.institution.id, { fullName: 'Đầu Mối A' });
    const pocC = await buildPerson(db, c.institution.id, { fullName: 'Đầu Mối C' });
    const agreement = await adminA.post('/api/v1/agreements', {
      content: {
        kind: 'mou',
        titleVi: 'Thỏa thuận bí mật giữa A và C',
        titleEn: 'Secret agreement between A and C',
        startDate: '2026-01-01',
        parties: [{ institutionId: a.institution.id }, { institutionId: c.institution.id }],
        areas: [
          {
            key: 'research',
            kind: 'research',
            titleVi: 'Nghiên cứu',
            titleEn: 'Research',
            contacts: [
              { institutionId: a.institution.id, personId: pocA.id },
              { institutionId: c.institution.id, personId: pocC.id },
            ],
          },
        ],
      },
    });
    expect(agreement.status, JSON.stringify(agreement.body)).toBe(201);
    const id = agreement.body.id as string;
    const note = await adminA.put(`/api/v1/agreements/${id}/note`, { body: 'Ghi chú mật của A', version: 0 });
    expect(note.status, JSON.stringify(note.body)).toBe(200);
    const commentC = await officerC.post(`/api/v1/agreements/${id}/comments`, { body: 'Góp ý của C' });
    expect(commentC.status, JSON.stringify(commentC.body)).toBe(201);
    const commentA = await adminA.post(`/api/v1/agreements/${id}/comments`, { body: 'Bình luận kín của A' });
    expect(commentA.status, JSON.stringify(commentA.body)).toBe(201);
    return {
      ids: { agreement: id, comment: commentA.body.id, commentOfPartner: commentC.body.id },
      hiddenIds: [pocA.id],
      secrets: ['Thỏa thuận bí mật giữa A và C', 'Ghi chú mật của A', 'Góp ý của C', 'Bình luận kín của A', 'Đầu Mối A'],
    };
  },
};
