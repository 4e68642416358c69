import type { WalkFixture } from '../../testing/walk-fixture.ts';

// What A's admin was told about A's agreement (the partner's comment).
export const walkFixture: WalkFixture = {
  needs: ['agreements'],
  async build({ db, a }) {
    const notification = await db.selectFrom('notifications').select('id').where('user_id', '=', a.admin.id).executeTakeFirstOrThrow();
    return { ids: { notification: notification.id }, secrets: [] };
  },
};
