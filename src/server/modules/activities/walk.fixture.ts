import { expect } from 'vitest';
import { buildPerson } from '../../testing/factories.ts';
import type { WalkFixture } from '../../testing/walk-fixture.ts';

// An agreement of A and its partner C in force, with a target, and an activity of A's with a participant of A's.
export const walkFixture: WalkFixture = {
  async build({ db, a, c, adminA }) {
    const participant = await buildPerson(db, a.institution.id, { fullName: 'Người Tham Gia A' });
    const agreement = await adminA.post('/api/v1/agreements', {
      content: {
        kind: 'mou',
        titleVi: 'Thỏa thuận hoạt động kín A–C',
        titleEn: 'Private activities agreement A–C',
        startDate: '2026-01-01',
        parties: [{ institutionId: a.institution.id }, { institutionId: c.institution.id }],
        areas: [
          {
            key: 'training',
            kind: 'training',
            titleVi: 'Đào tạo',
            titleEn: 'Training',
            targets: [{ key: 't1', metric: 'seminars_held', periodStart: '2026-01-01', periodEnd: '2026-12-31', value: 4 }],
          },
        ],
      },
    });
    expect(agreement.status, JSON.stringify(agreement.body)).toBe(201);
    const agreementId = agreement.body.id as string;
    await db.updateTable('agreements').set({ status: 'active' }).where('id', '=', agreementId).execute();
    const activity = await adminA.post(`/api/v1/agreements/${agreementId}/activities`, {
      areaKey: 'training',
      kind: 'seminar',
      status: 'done',
      titleVi: 'Hội thảo kín của A',
      titleEn: 'Private seminar of A',
      startDate: '2026-02-10',
      endDate: '2026-02-10',
      outcomes: 'Kết quả mật của A',
      organiserIds: [a.institution.id],
      participants: [{ personId: participant.id, role: 'lecturer' }],
      counts: [{ institutionId: c.institution.id, role: 'student', count: 12 }],
    });
    expect(activity.status, JSON.stringify(activity.body)).toBe(201);
    return {
      ids: { activity: activity.body.items[0].id, activitiesAgreement: agreementId },
      hiddenIds: [participant.id],
      secrets: ['Hội thảo kín của A', 'Private seminar of A', 'Kết quả mật của A', 'Người Tham Gia A', 'Thỏa thuận hoạt động kín A–C'],
    };
  },
};
