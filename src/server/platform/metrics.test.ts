import { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant } from '../testing/factories.ts';
import { startTestApp, type TestApp } from '../testing/test-app.ts';
import { loadConfig } from './config.ts';
import { bearerMatches, CONTENT_TYPE, escapeLabel, LATENCY_BUCKETS, Metrics, QUEUE_CACHE_MS, routeLabel } from './metrics.ts';

// Issue 12 (reliability): Prometheus metrics at /metrics — off unless METRICS_ENABLED (then a 404), optionally
// behind a bearer token, hidden from the OpenAPI document; request counts and latency histograms by method, route
// pattern (never the raw URL) and status class, job queue depth (cached), the pool's usage, the process.

const TOKEN = 'metrics-token-0123456789abcdef';

/** Samples of the exposition text: `name{labels}` → value; also checks every line is well-formed. */
function parse(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  const typed = new Set<string>();
  expect(text.endsWith('\n')).toBe(true);
  for (const line of text.trimEnd().split('\n')) {
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.+)$/.exec(line);
    if (meta) {
      if (meta[1] === 'TYPE') {
        expect(['counter', 'gauge', 'histogram']).toContain(meta[3]);
        expect(typed.has(meta[2]), `${meta[2]} declared twice`).toBe(false);
        typed.add(meta[2]);
      }
      continue;
    }
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*",?)*\})? (-?[0-9.e+-]+|\+Inf|-Inf|NaN)$/.exec(line);
    expect(sample, `malformed line: ${line}`).not.toBeNull();
    const [, name, labels = '', value] = sample!;
    const family = name.replace(/_(bucket|sum|count)$/, '');
    expect(typed.has(name) || typed.has(family), `${name} has no TYPE before it`).toBe(true);
    samples.set(`${name}${labels}`, Number(value));
  }
  return samples;
}

describe('configuration', () => {
  it('is off by default, and a token needs metrics on and is long enough', () => {
    expect(loadConfig({}).METRICS_ENABLED).toBe(false);
    expect(loadConfig({ METRICS_ENABLED: '1' }).METRICS_TOKEN).toBeUndefined();
    expect(loadConfig({ METRICS_ENABLED: '1', METRICS_TOKEN: TOKEN }).METRICS_TOKEN).toBe(TOKEN);
    expect(() => loadConfig({ METRICS_TOKEN: TOKEN })).toThrow(/METRICS_TOKEN: set only with METRICS_ENABLED=1/);
    expect(() => loadConfig({ METRICS_ENABLED: '1', METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN: at least 16 characters/);
    expect(() => loadConfig({ METRICS_ENABLED: '1', METRICS_TOKEN: 'with a space in it!!' })).toThrow(/METRICS_TOKEN: printable ASCII/);
    expect(() => loadConfig({ METRICS_ENABLED: 'maybe' })).toThrow(/METRICS_ENABLED/);
  });
});

describe('pieces', () => {
  it('labels a request by its route pattern, the web app’s files as one, and nothing matched as unmatched', () => {
    expect(routeLabel('/api/v1/agreements/:id')).toBe('/api/v1/agreements/:id');
    expect(routeLabel('/assets/index-B-kbDcqj.js')).toBe('/assets/*');
    expect(routeLabel(undefined)).toBe('unmatched');
  });

  it('escapes label values', () => {
    expect(escapeLabel('a"b\\c\nd')).toBe('a\\"b\\\\c\\nd');
  });

  it('compares the bearer token', () => {
    expect(bearerMatches(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(bearerMatches(`bearer  ${TOKEN} `, TOKEN)).toBe(true);
    expect(bearerMatches(`Bearer ${TOKEN}x`, TOKEN)).toBe(false);
    expect(bearerMatches(TOKEN, TOKEN)).toBe(false);
    expect(bearerMatches(undefined, TOKEN)).toBe(false);
  });
});

describe('off (the default)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('/metrics is a 404 in the error shape, and not in the OpenAPI document', async () => {
    const res = await t.client().get('/metrics');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
    const doc = (await t.client().get('/api/docs/json')).body;
    for (const path of ['/metrics', '/healthz', '/readyz']) expect(Object.keys(doc.paths)).not.toContain(path);
  });
});

describe('on', () => {
  let t: TestApp;
  let tenant: Awaited<ReturnType<typeof buildTenant>>;
  let boss: PgBoss;
  beforeAll(async () => {
    t = await startTestApp({ env: { METRICS_ENABLED: '1' } });
    tenant = await buildTenant(t.database.db);
    // pg-boss's tables in this database, with a queue nobody works.
    boss = new PgBoss({ connectionString: t.database.url, max: 2 });
    boss.on('error', () => {});
    await boss.start();
    await boss.createQueue('metrics-test');
    // Before the first scrape: the app's figures are then cached for QUEUE_CACHE_MS.
    await boss.send('metrics-test', { n: 1 });
  });
  afterAll(async () => {
    await boss?.stop({ graceful: false });
    await t?.close();
  });

  it('counts requests by method, route pattern and status class, with a latency histogram', async () => {
    const officer = await t.login(tenant.officer.email);
    const missing = '00000000-0000-4000-8000-000000000123';
    for (let i = 0; i < 3; i++) expect((await officer.get(`/api/v1/institutions/${tenant.institution.id}`)).status).toBe(200);
    expect((await officer.get(`/api/v1/institutions/${missing}`)).status).toBe(404);
    expect((await t.client().get('/api/v1/no-such-route')).status).toBe(404);
    const res = await t.client().get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(CONTENT_TYPE);
    expect(res.headers['cache-control']).toBe('no-store');
    const text = res.body as string;
    // The pattern, never the URL: no ids in the labels.
    expect(text).not.toContain(tenant.institution.id);
    expect(text).not.toContain(missing);
    expect(text).not.toContain('no-such-route');
    const m = parse(text);
    const labels = (route: string, status: string) => `{method="GET",route="${route}",status="${status}"}`;
    const ok = labels('/api/v1/institutions/:id', '2xx');
    expect(m.get(`hoptac_http_requests_total${ok}`)).toBe(3);
    expect(m.get(`hoptac_http_requests_total${labels('/api/v1/institutions/:id', '4xx')}`)).toBe(1);
    expect(m.get(`hoptac_http_requests_total${labels('unmatched', '4xx')}`)).toBe(1);
    expect(m.get(`hoptac_http_requests_total{method="POST",route="/api/v1/auth/login",status="2xx"}`)).toBe(1);
    // The histogram: cumulative buckets, +Inf = count, a positive sum.
    const bucket = (le: string) => m.get(`hoptac_http_request_duration_seconds_bucket{method="GET",route="/api/v1/institutions/:id",status="2xx",le="${le}"}`);
    const counts = [...LATENCY_BUCKETS.map(String), '+Inf'].map((le) => bucket(le));
    expect(counts.every((c) => typeof c === 'number')).toBe(true);
    for (let i = 1; i < counts.length; i++) expect(counts[i]!).toBeGreaterThanOrEqual(counts[i - 1]!);
    expect(counts.at(-1)).toBe(3);
    expect(m.get(`hoptac_http_request_duration_seconds_count${ok}`)).toBe(3);
    expect(m.get(`hoptac_http_request_duration_seconds_sum${ok}`)).toBeGreaterThan(0);
  });

  it('reports the pool, the job queues and the process', async () => {
    const m = parse((await t.client().get('/metrics')).body);
    expect(m.get('hoptac_db_pool_max_connections')).toBe(10);
    expect(m.get('hoptac_db_pool_connections')).toBeGreaterThan(0);
    expect(m.get('hoptac_db_pool_idle_connections')).toBeGreaterThanOrEqual(0);
    expect(m.get('hoptac_db_pool_waiting_requests')).toBe(0);
    expect(m.get('hoptac_job_queue_up')).toBe(1);
    expect(m.get('hoptac_job_queue_jobs{queue="metrics-test",state="created"}')).toBe(1);
    expect(m.get('hoptac_job_queue_jobs{queue="metrics-test",state="active"}')).toBe(0);
    expect(m.get('process_resident_memory_bytes')).toBeGreaterThan(1_000_000);
    expect(m.get('nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    expect(m.get('process_uptime_seconds')).toBeGreaterThan(0);
    expect(m.get('process_start_time_seconds')).toBeGreaterThan(1_700_000_000);
  });

  it('reads the queues from the database at most every QUEUE_CACHE_MS', async () => {
    let now = 1_000_000;
    const metrics = new Metrics(t.database.db, () => now);
    const created = async () => parse(await metrics.render()).get('hoptac_job_queue_jobs{queue="metrics-test",state="created"}');
    const before = (await created())!;
    await boss.send('metrics-test', { n: 2 });
    now += QUEUE_CACHE_MS - 1;
    expect(await created()).toBe(before);
    now += 2;
    expect(await created()).toBe(before + 1);
  });

  it('without pg-boss in the database, says so and goes on', async () => {
    const other = await startTestApp({ env: { METRICS_ENABLED: '1' } });
    try {
      const m = parse((await other.client().get('/metrics')).body);
      expect(m.get('hoptac_job_queue_up')).toBe(1);
      expect([...m.keys()].some((k) => k.startsWith('hoptac_job_queue_jobs'))).toBe(false);
      expect(m.get('hoptac_db_pool_max_connections')).toBe(10);
    } finally {
      await other.close();
    }
  });
});

describe('on, with a token', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { METRICS_ENABLED: '1', METRICS_TOKEN: TOKEN } });
  });
  afterAll(() => t?.close());

  it('asks for the bearer token', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token-0123456789', `Basic ${TOKEN}`]) {
      const res = await t.app.inject({ url: '/metrics', headers: authorization ? { authorization } : {} });
      expect(res.statusCode, authorization).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="metrics"');
      expect(res.json().error.code).toBe('unauthenticated');
    }
    const res = await t.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('# TYPE hoptac_http_requests_total counter');
  });
});
