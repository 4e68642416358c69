import type { WalkFixture } from '../../testing/walk-fixture.ts';

export const walkFixture: WalkFixture = {
  none: 'audit entries are read only through the audit list (filtered by the records’ owners, audit-ownership.test.ts); their ids are numbers no route takes, and their contents are the other fixtures’ secrets',
};
