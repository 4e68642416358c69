import { expect } from 'vitest';
import type { WalkFixture } from '../../testing/walk-fixture.ts';

// A's admin's personal calendar feed. No route takes its id (the feed is the caller's own, `/me/calendar-feed`,
// or found by its secret), so nothing fills a path; its secret URL and its id must never reach anyone else, and the
// walkers' own /me/calendar-feed calls must not touch it (the database snapshot shows any change to its row).
// The feed's events come from the activities module's fixture (A's activity, which B never lists).
export const walkFixture: WalkFixture = {
  needs: ['activities'],
  async build({ db, a, adminA }) {
    const made = await adminA.post('/api/v1/me/calendar-feed', {});
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const url = made.body.url as string;
    const token = /\/calendar\/feed\/([^/]+)\.ics$/.exec(url)![1];
    const feed = await db.selectFrom('calendar_feeds').select(['id', 'token_hash']).where('user_id', '=', a.admin.id).executeTakeFirstOrThrow();
    return { ids: {}, hiddenIds: [feed.id], secrets: [token, feed.token_hash] };
  },
};
