import type { WalkFixture } from '../../testing/walk-fixture.ts';

export const walkFixture: WalkFixture = {
  none: 'sessions, reset links and rate-limit events are found only by their secret, never by an id a route takes',
};
