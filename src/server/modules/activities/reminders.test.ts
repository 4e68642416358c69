import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsortium, buildPerson, buildTenant, buildUser } from '../../testing/factories.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';
import { runActivityReminders } from './reminders-job.ts';

// The daily reminders of the activities module, driven by the test's own calendar.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const at = (iso: string) => new Date(`${iso}T03:00:00Z`);

describe('activity reminders', () => {
  let agreementId: string;
  let contactUser: { id: string };
  let officerUser: { id: string };
  let partnerContactUser: { id: string };
  const notificationsOf = async (userId: string, kind: 'dormant' | 'target_behind') =>
    t.database.db.selectFrom('notifications').selectAll().where('user_id', '=', userId).where('kind', '=', kind).execute();

  beforeAll(async () => {
    const db = t.database.db;
    const a = await buildTenant(db, { code: 'REMA' });
    const b = await buildTenant(db, { code: 'REMB' });
    await buildConsortium(db, [a.institution.id, b.institution.id]);
    const contact = await buildPerson(db, a.institution.id, { fullName: 'Đầu Mối Nhắc' });
    const partnerContact = await buildPerson(db, b.institution.id, { fullName: 'Đầu Mối Đối Tác' });
    contactUser = await buildUser(db, a.institution.id, ['member'], { personId: contact.id });
    partnerContactUser = await buildUser(db, b.institution.id, ['member'], { personId: partnerContact.id });
    officerUser = a.officer;
    const officer = await t.login(a.officer.email);
    const created = await officer.post('/api/v1/agreements', {
      content: {
        kind: 'cooperation',
        titleVi: 'Thỏa thuận cần nhắc',
        titleEn: 'Agreement needing reminders',
        startDate: '2025-01-01',
        endDate: '2027-12-31',
        parties: [{ institutionId: a.institution.id }, { institutionId: b.institution.id }],
        areas: [
          {
            key: 'research',
            kind: 'research',
            titleVi: 'Nghiên cứu',
            titleEn: 'Research',
            contacts: [
              { institutionId: a.institution.id, personId: contact.id },
              { institutionId: b.institution.id, personId: partnerContact.id },
            ],
            targets: [{ key: 't1', metric: 'seminars_held', periodStart: '2026-01-01', periodEnd: '2026-12-31', value: 10 }],
          },
        ],
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    agreementId = created.body.id;
    await db.updateTable('agreements').set({ status: 'active', signing_date: '2024-12-20' }).where('id', '=', agreementId).execute();
    await db
      .insertInto('activities')
      .values({ agreement_id: agreementId, area_key: 'research', kind: 'seminar', status: 'done', title_vi: 'Hội thảo cũ', title_en: 'Old seminar', start_date: '2025-03-01', end_date: '2025-03-01' })
      .execute();
  });

  it("tells each party's points of contact once that the agreement went dormant", async () => {
    const first = await runActivityReminders(t.deps, at('2026-06-01'));
    expect(first.dormant).toBe(2); // both parties, 12 months by default
    expect(await notificationsOf(contactUser.id, 'dormant')).toHaveLength(1);
    expect(await notificationsOf(partnerContactUser.id, 'dormant')).toHaveLength(1);
    expect(await notificationsOf(officerUser.id, 'dormant')).toHaveLength(0);
    expect((await runActivityReminders(t.deps, at('2026-06-02'))).dormant).toBe(0);
  });

  it('tells it again after a new activity and another quiet spell, by each institution’s setting', async () => {
    await t.database.db
      .insertInto('activities')
      .values({ agreement_id: agreementId, area_key: 'research', kind: 'seminar', status: 'done', title_vi: 'Hội thảo', title_en: 'Seminar', start_date: '2026-06-10', end_date: '2026-06-10' })
      .execute();
    expect((await runActivityReminders(t.deps, at('2026-07-01'))).dormant).toBe(0);
    const b = await t.database.db.selectFrom('institutions').select('id').where('code', '=', 'REMB').executeTakeFirstOrThrow();
    await t.database.db.updateTable('institutions').set({ dormant_after_months: 3 }).where('id', '=', b.id).execute();
    const run = await runActivityReminders(t.deps, at('2026-09-20'));
    expect(run.dormant).toBe(1); // only REMB's three months have passed
    expect(await notificationsOf(partnerContactUser.id, 'dormant')).toHaveLength(2);
    expect(await notificationsOf(contactUser.id, 'dormant')).toHaveLength(1);
  });

  it('reminds of a target behind 90 and 30 days before its period closes, once each', async () => {
    expect((await runActivityReminders(t.deps, at('2026-09-01'))).targets).toBe(0); // 121 days left
    const at90 = await runActivityReminders(t.deps, at('2026-10-15'));
    expect(at90.targets).toBe(1);
    expect(await notificationsOf(contactUser.id, 'target_behind')).toHaveLength(1);
    expect(await notificationsOf(officerUser.id, 'target_behind')).toHaveLength(1);
    expect((await runActivityReminders(t.deps, at('2026-10-16'))).targets).toBe(0);
    expect((await runActivityReminders(t.deps, at('2026-12-05'))).targets).toBe(1);
    expect(await notificationsOf(contactUser.id, 'target_behind')).toHaveLength(2);
  });
});
