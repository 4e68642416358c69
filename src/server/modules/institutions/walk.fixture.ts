import type { WalkFixture } from '../../testing/walk-fixture.ts';

// Institution A itself: visible to its consortium partners, never to B.
export const walkFixture: WalkFixture = {
  build: async ({ a }) => ({ ids: { institution: a.institution.id }, secrets: [a.institution.code, a.institution.name_vi, a.institution.name_en] }),
};
