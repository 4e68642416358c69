import type { WalkFixture } from '../../testing/walk-fixture.ts';

// The home page keeps nothing of its own: it shows other modules' records (agreements…), which their own
// fixtures build, through those modules' queries and visibility rules; the walk calls `GET /api/v1/home` as
// B and finds none of A's secrets there.
export const walkFixture: WalkFixture = { none: "the home page keeps no records; it lists other modules' records, whose fixtures build A's" };
