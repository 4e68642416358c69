import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { type Summary, summarize } from './stats.ts';

// A closed-loop HTTP load generator: `concurrency` workers over keep-alive connections, each sending
// its next request as soon as the previous answer is fully read. Bounded in request count and in time.

export interface Target {
  /** Groups the samples in the per-shape breakdown. */
  label: string;
  path: string;
  /** POST with a JSON body, extra headers, and the statuses that count as answered (default GET, 200). */
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
  expect?: readonly number[];
}

export interface LoadOptions {
  baseUrl: string;
  /** The request sequence: called with the request number, returns what to ask for. */
  next: (i: number) => Target;
  headers?: Record<string, string>;
  concurrency: number;
  /** Requests sent and discarded before measuring (JIT, pools, caches). */
  warmup: number;
  requests: number;
  /** A request slower than this counts as an error (and is aborted). */
  timeoutMs?: number;
  /** Hard limit for the measured phase; the run stops early and says so. */
  maxSeconds?: number;
  /** Called with each 200 body of the measured phase (e.g. to count results); keep it cheap (bytes: decoding a large body costs the load generator CPU the server then lacks). */
  onBody?: (label: string, body: Buffer) => void;
}

export interface LoadResult {
  overall: Summary;
  byLabel: Map<string, Summary>;
  /** Raw latencies (ms) per label, for regrouping. */
  samplesByLabel: Map<string, number[]>;
  completed: number;
  errors: number;
  firstError?: string;
  seconds: number;
  rps: number;
  truncated: boolean;
}

interface Outcome {
  ok: boolean;
  ms: number;
  error?: string;
}

function send(agent: http.Agent, url: URL, headers: Record<string, string>, timeoutMs: number, onBody?: (b: Buffer) => void, target?: Target) {
  return new Promise<Outcome>((resolve) => {
    const t0 = performance.now();
    const body = target?.body;
    const all = body === undefined ? { ...headers, ...target?.headers } : { ...headers, 'content-type': 'application/json', ...target?.headers };
    const req = http.request(url, { agent, method: target?.method ?? 'GET', headers: all }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const elapsed = performance.now() - t0;
        if ((target?.expect ?? [200]).includes(res.statusCode ?? 0)) {
          if (onBody) onBody(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
          resolve({ ok: true, ms: elapsed });
        } else {
          const body = Buffer.concat(chunks).toString('utf8');
          resolve({ ok: false, ms: elapsed, error: `HTTP ${res.statusCode} ${url.pathname}${url.search}: ${body.slice(0, 200)}` });
        }
      });
      res.on('error', (e) => resolve({ ok: false, ms: performance.now() - t0, error: String(e) }));
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
    req.on('error', (e) => resolve({ ok: false, ms: performance.now() - t0, error: `${e.message} ${url.pathname}` }));
    req.end(body);
  });
}

async function phase(o: LoadOptions, agent: http.Agent, count: number, offset: number, record: boolean) {
  const samples: number[] = [];
  const byLabel = new Map<string, number[]>();
  let issued = 0;
  let errors = 0;
  let firstError: string | undefined;
  let truncated = false;
  const deadline = performance.now() + (o.maxSeconds ?? 120) * 1000;
  const headers = { connection: 'keep-alive', ...o.headers };
  const worker = async () => {
    while (issued < count) {
      if (performance.now() > deadline) {
        truncated = true;
        return;
      }
      const target = o.next(offset + issued++);
      const onBody = record && o.onBody ? (b: Buffer) => o.onBody?.(target.label, b) : undefined;
      const r = await send(agent, new URL(target.path, o.baseUrl), headers, o.timeoutMs ?? 10_000, onBody, target);
      if (!r.ok) {
        errors++;
        firstError ??= r.error;
        continue;
      }
      if (!record) continue;
      samples.push(r.ms);
      const list = byLabel.get(target.label) ?? [];
      byLabel.set(target.label, list);
      list.push(r.ms);
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: o.concurrency }, worker));
  return { samples, byLabel, errors, firstError, seconds: (performance.now() - t0) / 1000, truncated };
}

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.concurrency, maxFreeSockets: o.concurrency });
  try {
    const warm = await phase(o, agent, o.warmup, 0, false);
    const m = await phase(o, agent, o.requests, o.warmup, true);
    const errors = warm.errors + m.errors;
    return {
      overall: summarize(m.samples),
      byLabel: new Map([...m.byLabel].map(([k, v]) => [k, summarize(v)])),
      samplesByLabel: m.byLabel,
      completed: m.samples.length,
      errors,
      firstError: warm.firstError ?? m.firstError,
      seconds: m.seconds,
      rps: m.samples.length / m.seconds,
      truncated: warm.truncated || m.truncated,
    };
  } finally {
    agent.destroy();
  }
}
