import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTIFICATION_KINDS } from '../../../contracts/notifications.ts';
import { hasKey } from '../../../locales/index.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-db.ts';
import { MODULES } from '../index.ts';

// One notification path: every kind in the contract is defined by exactly one module (its subject, its
// defaults, its e-mail), has its texts in both languages and is allowed by the database's checks.
const defined = MODULES.flatMap((m) => (m.notifications ?? []).map((d) => ({ module: m.name, ...d })));

describe('notification kinds', () => {
  it('are each defined by exactly one module, and nothing else is', () => {
    for (const kind of NOTIFICATION_KINDS) {
      const owners = defined.filter((d) => d.kind === kind).map((d) => d.module);
      expect(owners, `kind ${kind}: add it to one module's notifications.ts and to MODULES`).toHaveLength(1);
    }
    expect(defined.map((d) => d.kind).sort()).toEqual([...NOTIFICATION_KINDS].sort());
  });

  it('have in-app and e-mail texts in Vietnamese and English', () => {
    for (const d of defined) {
      for (const lang of ['vi', 'en'] as const) {
        for (const key of [`notifications.${d.kind}`, `mail.${d.mailTemplate}.subject`, `mail.${d.mailTemplate}.body`]) {
          expect(hasKey(lang, key), `${lang}: ${key}`).toBe(true);
        }
      }
    }
  });

  describe('in the database', () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await createTestDatabase();
    });
    afterAll(() => database.close());

    it('are exactly the kinds the notification checks allow', async () => {
      for (const table of ['notifications', 'notification_preferences']) {
        const { rows } = await database.pool.query<{ def: string }>(
          `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = $1`,
          [`${table}_kind_check`],
        );
        expect(rows, `${table}_kind_check is missing`).toHaveLength(1);
        const allowed = [...rows[0].def.matchAll(/'([a-z_]+)'::text/g)].map((m) => m[1]).sort();
        expect(allowed, `${table}_kind_check: extend it in a migration when a module adds a kind`).toEqual([...NOTIFICATION_KINDS].sort());
      }
    });
  });
});
