import type { WalkFixture } from '../../testing/walk-fixture.ts';

// The invitation mail A's admin sent (no route takes a mail id; none may show it either).
export const walkFixture: WalkFixture = {
  needs: ['accounts'],
  async build({ db }) {
    const mail = await db.selectFrom('mail_outbox').select('id').where('to_address', '=', 'invitee.of.a@a.test').executeTakeFirstOrThrow();
    return { ids: {}, hiddenIds: [mail.id], secrets: [] };
  },
};
