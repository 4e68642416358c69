import type { WalkFixture } from '../../testing/walk-fixture.ts';

// The consortium of A and its partner C (B is in none with them).
export const walkFixture: WalkFixture = {
  build: async ({ consortium }) => ({ ids: { consortium: consortium.id }, secrets: [consortium.code, consortium.name_vi] }),
};
