import type { WalkFixture } from '../../testing/walk-fixture.ts';

// Reports keep no records: they are files generated on request from other modules' records (agreements,
// activities, the directory), whose fixtures build institution A's; the walk calls every report route with those ids.
export const walkFixture: WalkFixture = { none: "reports keep no records; they are generated from other modules' records, whose fixtures build A's" };
