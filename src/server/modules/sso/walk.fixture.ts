import type { WalkFixture } from '../../testing/walk-fixture.ts';

export const walkFixture: WalkFixture = { none: 'a sign-in in progress is found only by the browser’s own secret key' };
