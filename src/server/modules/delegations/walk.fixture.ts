import { expect } from 'vitest';
import type { WalkFixture } from '../../testing/walk-fixture.ts';

// An incoming delegation of A's from its partner C, under an agreement of A and C in force, with a guest's personal
// data: B must never reach the delegation, and no answer may carry the guest's name or passport number.
export const walkFixture: WalkFixture = {
  async build({ db, a, c, adminA }) {
    const agreement = await adminA.post('/api/v1/agreements', {
      content: {
        kind: 'mou',
        titleVi: 'Thỏa thuận đón đoàn kín A–C',
        titleEn: 'Private delegations agreement A–C',
        startDate: '2026-01-01',
        endDate: '2030-12-31',
        parties: [{ institutionId: a.institution.id }, { institutionId: c.institution.id }],
        areas: [{ key: 'exchange', kind: 'exchange', titleVi: 'Trao đổi', titleEn: 'Exchange' }],
      },
    });
    expect(agreement.status, JSON.stringify(agreement.body)).toBe(201);
    const agreementId = agreement.body.id as string;
    await db.updateTable('agreements').set({ status: 'active' }).where('id', '=', agreementId).execute();
    const delegation = await adminA.post(`/api/v1/agreements/${agreementId}/delegations`, {
      direction: 'incoming',
      areaKey: 'exchange',
      partnerId: c.institution.id,
      titleVi: 'Đoàn khách kín của A',
      titleEn: 'Private delegation of A',
      purposeVi: 'Mục đích mật của đoàn A',
      purposeEn: 'Secret purpose of delegation A',
      startDate: '2029-05-10',
      endDate: '2029-05-12',
      budgetSource: 'institution',
      guests: [
        {
          fullName: 'KHÁCH Bí Mật',
          title: 'Phó Hiệu trưởng bí mật',
          gender: 'female',
          dateOfBirth: '1975-02-03',
          nationality: 'RU',
          passportNumber: 'ZX9876543',
          passportExpiry: '2032-01-01',
        },
      ],
    });
    expect(delegation.status, JSON.stringify(delegation.body)).toBe(201);
    return {
      ids: { delegation: delegation.body.id, delegationsAgreement: agreementId },
      secrets: ['Đoàn khách kín của A', 'Private delegation of A', 'Mục đích mật của đoàn A', 'KHÁCH Bí Mật', 'ZX9876543', 'Phó Hiệu trưởng bí mật', 'Thỏa thuận đón đoàn kín A–C'],
    };
  },
};
