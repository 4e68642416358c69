import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { call, type Session } from './api.ts';
import { type Ledger, MARKER } from './burst.ts';

// What "survived" and "half-written" mean, in SQL over the app's tables and through the API.

export interface Verification {
  acknowledged: number;
  /** Acknowledged writes found in the database and answered by the API. */
  verified: number;
  lost: string[];
  /** Records written by the harness that were not acknowledged but committed anyway (a crash between commit and answer). */
  committedUnacknowledged: number;
}

/** Every acknowledged write of the ledger, in the database (SQL) and through the API (GET). */
export async function verifyLedger(db: pg.Client, s: Session, ledger: Ledger): Promise<Verification> {
  const lost: string[] = [];
  const ids = (set: Iterable<string>) => [...set];
  const present = async (sql: string, list: string[]) => new Set((await db.query<{ id: string }>(sql, [list])).rows.map((r) => r.id));

  const agreements = await present('SELECT id::text FROM agreements WHERE id = ANY($1::uuid[])', ids(ledger.created.keys()));
  const comments = await present('SELECT id::text FROM agreement_comments WHERE id = ANY($1::uuid[])', ids(ledger.comments.keys()));
  const activities = await present('SELECT id::text FROM activities WHERE id = ANY($1::uuid[])', ids(ledger.activities));
  const approvals = new Set(
    (
      await db.query<{ id: string }>(
        `SELECT a.agreement_id::text AS id FROM agreement_approvals a JOIN users u ON u.id = a.approved_by
          WHERE u.email = 'officer@hust.demo.hoptac.vn' AND a.agreement_id = ANY($1::uuid[]) AND a.voided_at IS NULL
            AND a.content_hash = (SELECT content_hash FROM agreements g WHERE g.id = a.agreement_id)`,
        [ids(ledger.approved.keys())],
      )
    ).rows.map((r) => r.id),
  );

  // The API answers each of them too (8 at a time).
  const apiMissing = new Set<string>();
  const checks: (() => Promise<void>)[] = [];
  for (const id of ledger.created.keys()) {
    checks.push(async () => {
      const o = await call(s, 'get', 'GET', `/api/v1/agreements/${id}`);
      const b = o.body as { id?: string; approvals?: { institutionCode: string; contentHash: string }[] } | undefined;
      if (o.status !== 200 || b?.id !== id) apiMissing.add(`agreement ${id}: HTTP ${o.status}`);
      const hash = ledger.approved.get(id);
      if (hash && !b?.approvals?.some((a) => a.institutionCode === 'HUST' && a.contentHash === hash)) apiMissing.add(`approval of ${id}`);
    });
  }
  for (const id of ledger.activities) {
    checks.push(async () => {
      const o = await call(s, 'get', 'GET', `/api/v1/activities/${id}`);
      if (o.status !== 200) apiMissing.add(`activity ${id}: HTTP ${o.status}`);
    });
  }
  for (const agreementId of new Set(ledger.comments.values())) {
    checks.push(async () => {
      const o = await call(s, 'get', 'GET', `/api/v1/agreements/${agreementId}/comments`);
      const listed = new Set(((o.body as { items?: { id: string }[] } | undefined)?.items ?? []).map((c) => c.id));
      for (const [id, on] of ledger.comments) if (on === agreementId && !listed.has(id)) apiMissing.add(`comment ${id}: not listed (HTTP ${o.status})`);
    });
  }
  const queue = [...checks];
  await Promise.all(Array.from({ length: 8 }, async () => {
    for (let next = queue.shift(); next; next = queue.shift()) await next();
  }));

  for (const id of ledger.created.keys()) if (!agreements.has(id)) lost.push(`agreement ${id}`);
  for (const id of ledger.approved.keys()) if (!approvals.has(id)) lost.push(`approval of ${id}`);
  for (const id of ledger.comments.keys()) if (!comments.has(id)) lost.push(`comment ${id}`);
  for (const id of ledger.activities) if (!activities.has(id)) lost.push(`activity ${id}`);
  for (const m of apiMissing) if (!lost.some((l) => m.startsWith(l))) lost.push(`${m} (API)`);

  const mine = (
    await db.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM agreements WHERE title_en LIKE $1)
            + (SELECT count(*) FROM agreement_comments WHERE body LIKE $1)
            + (SELECT count(*) FROM activities WHERE title_en LIKE $1)
            + (SELECT count(*) FROM agreement_approvals a JOIN agreements g ON g.id = a.agreement_id WHERE g.title_en LIKE $1) AS n`,
      [`${MARKER} %`],
    )
  ).rows[0].n;
  const acknowledged = ledger.created.size + ledger.approved.size + ledger.comments.size + ledger.activities.size;
  return { acknowledged, verified: acknowledged - lost.length, lost, committedUnacknowledged: Number(mine) - acknowledged };
}

/**
 * Records that exist only in part — each query returns one row per broken record. Over all rows where the rule
 * holds for every record (demo data included), over the harness's own records where it holds for those only.
 */
const HALF_WRITTEN: { name: string; sql: string }[] = [
  {
    name: 'agreement without its current version (or another hash)',
    sql: `SELECT a.id FROM agreements a LEFT JOIN agreement_versions v ON v.agreement_id = a.id AND v.version_no = a.current_version
           WHERE v.agreement_id IS NULL OR v.content_hash <> a.content_hash`,
  },
  {
    name: 'agreement whose parties are not those of its version',
    sql: `SELECT a.id FROM agreements a JOIN agreement_versions v ON v.agreement_id = a.id AND v.version_no = a.current_version
           WHERE jsonb_array_length(v.content->'parties') <> (SELECT count(*) FROM agreement_parties p WHERE p.agreement_id = a.id)`,
  },
  {
    name: 'agreement whose areas are not those of its version',
    sql: `SELECT a.id FROM agreements a JOIN agreement_versions v ON v.agreement_id = a.id AND v.version_no = a.current_version
           WHERE jsonb_array_length(COALESCE(v.content->'areas', '[]'::jsonb)) <> (SELECT count(*) FROM agreement_areas r WHERE r.agreement_id = a.id)`,
  },
  {
    name: "harness's agreement without its audit entry",
    sql: `SELECT a.id FROM agreements a WHERE a.title_en LIKE $1
           AND NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.entity = 'agreement' AND l.entity_id::text = a.id::text AND l.action = 'create')`,
  },
  {
    name: 'approval of an agreement still in draft',
    sql: `SELECT p.id FROM agreement_approvals p JOIN agreements a ON a.id = p.agreement_id WHERE a.status = 'draft' AND p.voided_at IS NULL`,
  },
  {
    name: "harness's approval without its audit entry",
    sql: `SELECT p.id FROM agreement_approvals p JOIN agreements a ON a.id = p.agreement_id WHERE a.title_en LIKE $1
           AND NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.entity = 'agreement' AND l.entity_id::text = a.id::text AND l.action = 'approve')`,
  },
  {
    name: "harness's comment without its audit entry",
    sql: `SELECT c.id FROM agreement_comments c WHERE c.body LIKE $1
           AND NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.entity = 'agreement' AND l.action = 'comment' AND l.after->>'commentId' = c.id::text)`,
  },
  { name: 'activity without organisers', sql: 'SELECT a.id FROM activities a WHERE NOT EXISTS (SELECT 1 FROM activity_organisers o WHERE o.activity_id = a.id)' },
  {
    name: "harness's activity without its participant counts or audit entry",
    sql: `SELECT a.id FROM activities a WHERE a.title_en LIKE $1
           AND (NOT EXISTS (SELECT 1 FROM activity_counts c WHERE c.activity_id = a.id)
             OR NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.entity = 'activity' AND l.entity_id::text = a.id::text AND l.action = 'create'))`,
  },
  {
    name: 'audit entry without its owners',
    sql: `SELECT l.id FROM audit_log l JOIN users u ON u.id = l.actor_user_id AND u.email = 'officer@hust.demo.hoptac.vn'
           WHERE l.entity IN ('agreement', 'activity') AND NOT EXISTS (SELECT 1 FROM audit_owners o WHERE o.audit_id = l.id)`,
  },
  {
    name: 'mail marked sent without a time',
    sql: `SELECT id FROM mail_outbox WHERE status = 'sent' AND sent_at IS NULL`,
  },
];

export interface HalfWritten {
  total: number;
  /** One line per rule that found broken records. */
  lines: string[];
}

export async function halfWritten(db: pg.Client, filesDir?: string): Promise<HalfWritten> {
  const lines: string[] = [];
  let total = 0;
  for (const rule of HALF_WRITTEN) {
    const params = rule.sql.includes('$1') ? [`${MARKER} %`] : [];
    const rows = (await db.query<{ id: string }>(rule.sql, params)).rows;
    if (rows.length > 0) {
      total += rows.length;
      lines.push(`${rule.name}: ${rows.length} (${rows.slice(0, 3).map((r) => r.id).join(', ')}${rows.length > 3 ? ', …' : ''})`);
    }
  }
  if (filesDir) {
    const missing = await filesWithoutBytes(db, filesDir);
    if (missing.length > 0) {
      total += missing.length;
      lines.push(`file row without its bytes: ${missing.length} (${missing.slice(0, 3).join(', ')})`);
    }
  }
  return { total, lines };
}

/** File rows whose bytes are not in the store, or not all of them (size or SHA-256 differ). */
export async function filesWithoutBytes(db: pg.Client, filesDir: string): Promise<string[]> {
  const rows = (await db.query<{ id: string; sha256: string; size_bytes: string | number }>('SELECT id::text, sha256, size_bytes FROM files')).rows;
  const bad: string[] = [];
  for (const r of rows) {
    const path = join(filesDir, r.sha256.slice(0, 2), r.sha256);
    if (!existsSync(path) || statSync(path).size !== Number(r.size_bytes)) bad.push(r.id);
  }
  return bad;
}

export const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
