import { buildUnit } from '../../testing/factories.ts';
import type { WalkFixture } from '../../testing/walk-fixture.ts';

// A unit of institution A (the small example of a fixture: build the record, return its id and what must not leak).
export const walkFixture: WalkFixture = {
  async build({ db, a }) {
    const unit = await buildUnit(db, a.institution.id, { nameVi: 'Khoa Bí Mật' });
    return { ids: { unit: unit.id }, secrets: ['Khoa Bí Mật', unit.name_en] };
  },
};
