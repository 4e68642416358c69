import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { Config } from './config.ts';
import { type Db, poolOf } from './db.ts';
import { AppError } from './errors.ts';

// Prometheus metrics at GET /metrics, in the text exposition format (version 0.0.4), written here — no client
// library. Off unless METRICS_ENABLED=1 (then /metrics is a 404 like any unknown path); with METRICS_TOKEN set it
// asks for `Authorization: Bearer <token>`. What it says:
// - HTTP requests: a counter and a latency histogram by method, route pattern and status class. The route is
//   Fastify's pattern (`/api/v1/agreements/:id`), never the URL, so the number of series is bounded by the
//   routes; the web app's files are `/assets/*`, and requests no route matched (unknown paths, and the web app's
//   own paths, answered with index.html) are `unmatched`.
// - Job queues (pg-boss): jobs per queue and state, counted in its table at most once per QUEUE_CACHE_MS.
// - The connection pool of this process: connections open and idle, requests waiting for one, the maximum.
// - The process: resident memory, heap, uptime, CPU time.
// Every figure is this process's; with several app processes, the scraper adds them up (job queues are shared).

export const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
/** Latency buckets in seconds: from a cached read to a slow report. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Queue figures are read from the database at most this often, however often Prometheus scrapes. */
export const QUEUE_CACHE_MS = 15_000;
const QUEUE_TIMEOUT_MS = 2_000;
const JOB_STATES = ['created', 'retry', 'active', 'failed'] as const;
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

type Labels = Record<string, string>;

/** A label value as the exposition format wants it: backslash, double quote and newline escaped. */
export const escapeLabel = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const labelText = (labels: Labels) => {
  const pairs = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`);
  return pairs.length > 0 ? `{${pairs.join(',')}}` : '';
};
/** A sample's value: integers as they are, other numbers in full precision, infinities as Prometheus spells them. */
const num = (v: number) => (Number.isFinite(v) ? String(v) : v > 0 ? '+Inf' : v < 0 ? '-Inf' : 'NaN');

/** One metric family in the exposition format: HELP, TYPE, then each sample. */
function family(name: string, type: 'counter' | 'gauge' | 'histogram', help: string, samples: [suffix: string, labels: Labels, value: number][]) {
  const lines = [`# HELP ${name} ${help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}`, `# TYPE ${name} ${type}`];
  for (const [suffix, labels, value] of samples) lines.push(`${name}${suffix}${labelText(labels)} ${num(value)}`);
  return lines.join('\n');
}

interface Series {
  labels: Labels;
  count: number;
  sum: number;
  /** Observations per bucket (not cumulative); the last one is above every bound (+Inf). */
  buckets: number[];
}

export interface QueueFigure {
  queue: string;
  state: string;
  jobs: number;
}

/** The label of a request's route: its pattern, the web app's files as one, `unmatched` when no route matched. */
export function routeLabel(pattern: string | undefined): string {
  if (!pattern) return 'unmatched';
  if (pattern.startsWith('/assets/')) return '/assets/*';
  return pattern;
}

/** `2xx`, `4xx`, …: the status class keeps the number of series bounded. */
export const statusClass = (status: number) => `${Math.floor(status / 100)}xx`;

/** Jobs per pg-boss queue and state (zero included), or null when pg-boss has no tables in this database. */
export async function queueFigures(db: Db): Promise<QueueFigure[] | null> {
  try {
    const { rows } = await sql<QueueFigure>`
      SELECT q.name AS queue, s.state, count(j.id)::int AS jobs
      FROM pgboss.queue q
      CROSS JOIN unnest(${sql.val([...JOB_STATES])}::text[]) AS s(state)
      LEFT JOIN pgboss.job j ON j.name = q.name AND j.state = s.state::pgboss.job_state
      GROUP BY q.name, s.state
      ORDER BY q.name, s.state`.execute(db);
    return rows;
  } catch (err) {
    // 3F000: no schema pgboss; 42P01: no such table — jobs never started against this database.
    if (['3F000', '42P01'].includes((err as { code?: string }).code ?? '')) return null;
    throw err;
  }
}

export class Metrics {
  private readonly requests = new Map<string, Series>();
  private queues: { at: number; figures: QueueFigure[] | null; ok: boolean } | undefined;
  private queueRead: Promise<void> | undefined;

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one answered request. */
  observe(method: string, route: string, status: number, seconds: number) {
    const labels = { method: METHODS.has(method) ? method : 'OTHER', route, status: statusClass(status) };
    const key = `${labels.method} ${labels.route} ${labels.status}`;
    let series = this.requests.get(key);
    if (!series) {
      series = { labels, count: 0, sum: 0, buckets: new Array(LATENCY_BUCKETS.length + 1).fill(0) };
      this.requests.set(key, series);
    }
    series.count++;
    series.sum += seconds;
    const i = LATENCY_BUCKETS.findIndex((bound) => seconds <= bound);
    series.buckets[i === -1 ? LATENCY_BUCKETS.length : i]++;
  }

  /** The queue figures, read again when older than QUEUE_CACHE_MS (one read at a time). */
  private async currentQueues() {
    if (this.queues && this.now() - this.queues.at < QUEUE_CACHE_MS) return this.queues;
    this.queueRead ??= (async () => {
      let timer: NodeJS.Timeout | undefined;
      try {
        const read = queueFigures(this.db);
        read.catch(() => {});
        const figures = await Promise.race([
          read,
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error('timeout')), QUEUE_TIMEOUT_MS);
          }),
        ]);
        this.queues = { at: this.now(), figures, ok: true };
      } catch {
        // The database is away: no figures this time (hoptac_job_queue_up 0), asked again next scrape.
        this.queues = { at: 0, figures: null, ok: false };
      } finally {
        clearTimeout(timer);
        this.queueRead = undefined;
      }
    })();
    await this.queueRead;
    return this.queues!;
  }

  /** Everything, in the exposition format. */
  async render(): Promise<string> {
    const out: string[] = [];
    const series = [...this.requests.values()];
    out.push(
      family(
        'hoptac_http_requests_total',
        'counter',
        'HTTP requests answered, by method, route pattern and status class.',
        series.map((s) => ['', s.labels, s.count]),
      ),
    );
    out.push(
      family(
        'hoptac_http_request_duration_seconds',
        'histogram',
        'Time from receiving a request to sending its answer, by method, route pattern and status class.',
        series.flatMap((s) => {
          let cumulative = 0;
          const buckets: [string, Labels, number][] = LATENCY_BUCKETS.map((bound, i) => {
            cumulative += s.buckets[i];
            return ['_bucket', { ...s.labels, le: String(bound) }, cumulative];
          });
          buckets.push(['_bucket', { ...s.labels, le: '+Inf' }, s.count]);
          return [...buckets, ['_sum', s.labels, s.sum], ['_count', s.labels, s.count]];
        }),
      ),
    );

    const queues = await this.currentQueues();
    out.push(family('hoptac_job_queue_up', 'gauge', 'Whether the job queue figures could be read from the database (1) or not (0).', [['', {}, queues.ok ? 1 : 0]]));
    if (queues.figures) {
      out.push(
        family(
          'hoptac_job_queue_jobs',
          'gauge',
          `Jobs in each pg-boss queue by state: created and retry wait, active run, failed are kept for inspection (read at most every ${QUEUE_CACHE_MS / 1000} s).`,
          queues.figures.map((f) => ['', { queue: f.queue, state: f.state }, f.jobs]),
        ),
      );
    }

    const pool = poolOf(this.db);
    if (pool) {
      out.push(family('hoptac_db_pool_connections', 'gauge', 'Connections the pool of this process holds open.', [['', {}, pool.totalCount]]));
      out.push(family('hoptac_db_pool_idle_connections', 'gauge', 'Open connections of the pool not in use.', [['', {}, pool.idleCount]]));
      out.push(family('hoptac_db_pool_waiting_requests', 'gauge', 'Queries waiting for a connection of the pool.', [['', {}, pool.waitingCount]]));
      out.push(family('hoptac_db_pool_max_connections', 'gauge', 'The most connections the pool opens (DB_POOL_SIZE).', [['', {}, pool.options.max ?? 10]]));
    }

    const memory = process.memoryUsage();
    const cpu = process.cpuUsage();
    const uptime = process.uptime();
    out.push(family('process_resident_memory_bytes', 'gauge', 'Resident memory size in bytes.', [['', {}, memory.rss]]));
    out.push(family('nodejs_heap_size_used_bytes', 'gauge', 'V8 heap in use, in bytes.', [['', {}, memory.heapUsed]]));
    out.push(family('nodejs_heap_size_total_bytes', 'gauge', 'V8 heap allocated, in bytes.', [['', {}, memory.heapTotal]]));
    out.push(family('nodejs_external_memory_bytes', 'gauge', 'Memory of C++ objects bound to JavaScript (buffers), in bytes.', [['', {}, memory.external]]));
    out.push(family('process_cpu_user_seconds_total', 'counter', 'User CPU time spent, in seconds.', [['', {}, cpu.user / 1e6]]));
    out.push(family('process_cpu_system_seconds_total', 'counter', 'System CPU time spent, in seconds.', [['', {}, cpu.system / 1e6]]));
    out.push(family('process_uptime_seconds', 'gauge', 'Seconds since the process started.', [['', {}, Math.round(uptime * 1000) / 1000]]));
    out.push(family('process_start_time_seconds', 'gauge', 'Start time of the process since the Unix epoch, in seconds.', [['', {}, Math.round(Date.now() / 1000 - uptime)]]));
    return `${out.join('\n')}\n`;
  }
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Whether the request carries `Authorization: Bearer <token>` (compared in constant time). */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
  return given !== undefined && timingSafeEqual(digest(given), digest(token));
}

/**
 * GET /metrics, and the hook that counts every answered request — when METRICS_ENABLED; otherwise /metrics is
 * a 404 in the error shape, as an unknown API path. Hidden from the OpenAPI document: it is for operators.
 */
export function registerMetrics(app: FastifyInstance, config: Pick<Config, 'METRICS_ENABLED' | 'METRICS_TOKEN'>, db: Db): Metrics | null {
  if (!config.METRICS_ENABLED) {
    app.get('/metrics', { schema: { hide: true } }, async () => {
      throw new AppError('not_found', { params: { entity: 'entities.route' } });
    });
    return null;
  }
  const metrics = new Metrics(db);
  app.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    metrics.observe(request.method, routeLabel(request.routeOptions.url), reply.statusCode, reply.elapsedTime / 1000);
  });
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (config.METRICS_TOKEN && !bearerMatches(request.headers.authorization, config.METRICS_TOKEN)) {
      reply.header('www-authenticate', 'Bearer realm="metrics"');
      throw new AppError('unauthenticated');
    }
    reply.header('content-type', CONTENT_TYPE).header('cache-control', 'no-store');
    return metrics.render();
  });
  return metrics;
}
