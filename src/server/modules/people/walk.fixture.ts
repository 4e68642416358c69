import { buildPerson } from '../../testing/factories.ts';
import type { WalkFixture } from '../../testing/walk-fixture.ts';

// A person shared with A's consortium (in A's unit) and one A keeps private.
export const walkFixture: WalkFixture = {
  needs: ['units'],
  async build({ db, a, built }) {
    const person = await buildPerson(db, a.institution.id, { fullName: 'Người Riêng Tư Của A', email: 'secret.person@a.test', unitId: built.unit });
    const privatePerson = await buildPerson(db, a.institution.id, { fullName: 'Hồ Sơ Kín', visibility: 'private' });
    return { ids: { person: person.id, privatePerson: privatePerson.id }, secrets: ['Người Riêng Tư Của A', 'secret.person@a.test', 'Hồ Sơ Kín'] };
  },
};
