import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { type Db, poolOf } from '../../../platform/db.ts';

// PostgreSQL's COPY in text form, for a run's bulk reads (run-io.ts) and writes (run-finish.ts): a pooled client of
// its own, lines split at tabs into byte ranges, values and numbers parsed from the bytes, text escaped for COPY.
// COPY takes no bind parameters: the only values written into its SQL are uuids read from the database, and each is
// checked to be one (`uuidLiteral`).

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export function uuidLiteral(id: string) {
  if (!UUID.test(id)) throw new TypeError(`not a uuid: ${id}`);
  return `'${id}'`;
}

export async function withClient<T>(db: Db, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const pool = poolOf(db);
  if (!pool) throw new Error('COPY needs a Db made by createDb');
  const client = await pool.connect();
  let failed: Error | undefined;
  try {
    return await work(client);
  } catch (err) {
    failed = err instanceof Error ? err : new Error(String(err));
    throw err;
  } finally {
    // A connection that failed may be inside a COPY or a transaction (a cancel stops a stream in the middle): it is
    // closed, not reused, which ends both on the server.
    client.release(failed);
  }
}

const TAB = 9;
const NL = 10;
export const BACKSLASH = 92;

/**
 * Streams a COPY … TO STDOUT and hands each line's fields (byte ranges of `buf`) to `onLine`. A tab inside a value is
 * escaped by COPY (`\t`), so splitting at tabs is exact; `onChunk` runs between chunks (progress, cancel checks).
 */
export async function copyLines(
  client: pg.PoolClient,
  sql: string,
  onLine: (buf: Buffer, starts: number[], ends: number[]) => void,
  onChunk?: () => Promise<void>,
) {
  const stream = client.query(copyTo(sql));
  let carry: Buffer | null = null;
  const starts: number[] = [];
  const ends: number[] = [];
  for await (const piece of stream as AsyncIterable<Buffer>) {
    const buf: Buffer = carry ? Buffer.concat([carry, piece]) : piece;
    let lineStart = 0;
    starts.length = 0;
    ends.length = 0;
    starts.push(0);
    for (let i = 0; i < buf.length; i++) {
      const c = buf[i];
      if (c === TAB) {
        ends.push(i);
        starts.push(i + 1);
      } else if (c === NL) {
        ends.push(i);
        onLine(buf, starts, ends);
        lineStart = i + 1;
        starts.length = 0;
        ends.length = 0;
        starts.push(lineStart);
      }
    }
    carry = lineStart < buf.length ? buf.subarray(lineStart) : null;
    if (onChunk) await onChunk();
  }
  if (carry) throw new Error('COPY output ended inside a line');
}

/** A text value of COPY's output (backslash escapes undone). */
export function copyValue(buf: Buffer, s: number, e: number): string {
  const raw = buf.toString('utf8', s, e);
  if (!raw.includes('\\')) return raw;
  return raw.replace(/\\(.)/g, (_, c: string) => ({ t: '\t', n: '\n', r: '\r', b: '\b', f: '\f', v: '\v' })[c] ?? c);
}

/**
 * An integer or a decimal of at most two places (`-12`, `21.5`, `21.50`, as numeric(6, 2) prints) in ASCII, as the
 * same double as Number(text): hundredths / 100 is one correctly rounded division. `NULL` → NaN.
 */
export function parseNumber(buf: Buffer, s: number, e: number): number {
  if (buf[s] === 78) return Number.NaN;
  let i = s;
  const neg = buf[i] === 45;
  if (neg) i++;
  let v = 0;
  while (i < e && buf[i] !== 46) v = v * 10 + (buf[i++] - 48);
  if (i < e) {
    if (e - i > 3) return Number(buf.toString('latin1', s, e));
    v = v * 100 + (i + 1 < e ? (buf[i + 1] - 48) * 10 : 0) + (i + 2 < e ? buf[i + 2] - 48 : 0);
    v /= 100;
  }
  return neg ? -v : v;
}

/** A value in COPY's text form: backslash, tab, newline and carriage return escaped. */
export function copyText(s: string) {
  return /[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!) : s;
}
