import pg from 'pg';
import { isDatabaseUnavailable } from './errors.ts';

// What a process keeps derived from the data in memory (the rendered calendar feeds, calendar/feed-cache.ts) is good
// while nothing was written since: every write to a watched table notifies `hoptac_data_changed` when its transaction
// commits (0020), and this listener counts the notifications. A cache keys what it keeps by the generation it read
// BEFORE reading the data: a commit the read missed is heard after that, so the entry is never served again (at most
// for the few milliseconds a notification takes to arrive). While the listening connection is down nothing is known:
// `generation()` answers null and callers compute afresh; every (re)connection starts a new generation.

const CHANNEL = 'hoptac_data_changed';
const RETRY_MS = [500, 1_000, 2_000, 5_000, 10_000, 30_000];

export interface DataChanges {
  /** Changes only when the data may have changed; null while the process cannot hear of changes. */
  generation(): number | null;
  close(): Promise<void>;
}

export function watchDataChanges(connectionString: string, log: (line: string) => void = () => {}): DataChanges {
  let generation = 0;
  let listening = false;
  let closed = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  let failures = 0;

  const lost = (err?: unknown) => {
    if (!listening && client === undefined) return;
    listening = false;
    generation++;
    const c = client;
    client = undefined;
    c?.end().catch(() => {});
    if (closed) return;
    if (err && !isDatabaseUnavailable(err)) log(`data changes: ${err instanceof Error ? err.message : String(err)}`);
    schedule();
  };
  const schedule = () => {
    if (closed || retry) return;
    retry = setTimeout(
      () => {
        retry = undefined;
        void connect();
      },
      RETRY_MS[Math.min(failures, RETRY_MS.length - 1)],
    );
    retry.unref();
  };
  const connect = async () => {
    const c = new pg.Client({ connectionString, application_name: 'hoptac-changes', keepAlive: true });
    client = c;
    c.on('error', (err) => lost(err));
    c.on('end', () => lost());
    c.on('notification', (msg) => {
      if (msg.channel === CHANNEL) generation++;
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANNEL}`);
      if (closed || client !== c) return void c.end().catch(() => {});
      generation++;
      listening = true;
      failures = 0;
    } catch (err) {
      failures++;
      if (client === c) lost(err);
    }
  };
  void connect();

  return {
    generation: () => (listening ? generation : null),
    async close() {
      closed = true;
      listening = false;
      clearTimeout(retry);
      const c = client;
      client = undefined;
      await c?.end().catch(() => {});
    },
  };
}

/** Resolves once the process hears of changes (for start-up and tests), or after `timeoutMs`. */
export async function untilListening(changes: DataChanges, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (changes.generation() === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  return changes.generation() !== null;
}
