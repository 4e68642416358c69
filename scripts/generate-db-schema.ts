// npm run db:schema — migrates a throw-away embedded PostgreSQL and writes src/server/platform/db-schema.ts
// from it (see platform/db-schema-generator.ts).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { generateDbSchema } from '../src/server/platform/db-schema-generator.ts';
import { startEmbeddedPostgres } from '../src/server/platform/embedded-postgres.ts';
import { migrate } from '../src/server/platform/migrate.ts';

const target = join(import.meta.dirname, '..', 'src', 'server', 'platform', 'db-schema.ts');
const dir = mkdtempSync(join(tmpdir(), 'hoptac-schema-'));
const cluster = await startEmbeddedPostgres({ dataDir: dir, settings: { fsync: 'off' } });
const pool = new pg.Pool({ connectionString: cluster.url('postgres') });
pool.on('error', () => {}); // the cluster stops while the pool closes
try {
  await migrate(pool);
  writeFileSync(target, await generateDbSchema(pool));
  console.log(`wrote ${target}`);
} finally {
  await pool.end();
  await cluster.stop();
  rmSync(dir, { recursive: true, force: true });
}
