import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.ts';
import { loadDemo } from '../demo/load.ts';
import { loadConfig } from '../platform/config.ts';
import { untilListening, watchDataChanges } from '../platform/data-changes.ts';
import type { AppDeps } from '../platform/deps.ts';
import { createFileStore } from '../platform/files.ts';
import { type Jobs, startJobs } from '../platform/jobs.ts';
import { createMailer } from '../platform/mail.ts';
import { admissionRunHandler } from '../modules/admissions/run-job.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

// The real app, in-process, on a database of its own. API tests call it through `app.inject`
// (no network); browser tests ask it to listen on a random port.
export interface TestAppOptions {
  demo?: boolean;
  listen?: boolean;
  smtpUrl?: string;
  /** Start pg-boss and its workers (mail delivery). */
  jobs?: boolean;
  env?: Record<string, string>;
  clock?: AppDeps['clock'];
  /** Listen for data changes (platform/data-changes.ts): what a process keeps in memory is kept. */
  changes?: boolean;
}

export interface TestApp {
  app: FastifyInstance;
  deps: AppDeps;
  database: TestDatabase;
  url: string;
  client(): ApiClient;
  login(email: string, password?: string): Promise<ApiClient>;
  close(): Promise<void>;
}

export const TEST_PASSWORD = 'test-password-123';

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({
    DATABASE_URL: database.url,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    HOPTAC_DEMO: options.demo ? '1' : '0',
    ...(options.smtpUrl ? { SMTP_URL: options.smtpUrl } : {}),
    ...options.env,
  });
  const filesDir = mkdtempSync(join(tmpdir(), 'hoptac-files-'));
  const files = createFileStore(filesDir);
  if (options.demo) await loadDemo(database.db, { files });
  const mailer = createMailer(config.SMTP_URL, config.MAIL_FROM);
  let jobs: Jobs | null = null;
  // The job handlers get the app's dependencies once they are built (below), before any request queues work.
  let built: AppDeps | undefined;
  const admissionRuns = admissionRunHandler(new Proxy({} as AppDeps, { get: (_, key) => built?.[key as keyof AppDeps] }));
  if (options.jobs) jobs = await startJobs({ connectionString: database.url, db: database.db, mailer, workers: true, handlers: [admissionRuns] });
  // Off unless asked for: a notification arrives a few milliseconds after its commit, and tests read right after writing.
  const changes = options.changes ? watchDataChanges(database.url) : null;
  if (changes && !(await untilListening(changes))) throw new Error('The test app could not listen for data changes');
  const deps: AppDeps = { db: database.db, config, mailer, jobs, files, clock: options.clock ?? { now: () => new Date() }, changes };
  built = deps;
  const app = await buildApp(deps, { logger: false });
  let url = '';
  if (options.listen) {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  } else await app.ready();
  const client = () => new ApiClient(app);
  return {
    app,
    deps,
    database,
    url,
    client,
    async login(email, password = TEST_PASSWORD) {
      const c = client();
      await c.login(email, password);
      return c;
    },
    async close() {
      await app.close();
      await jobs?.stop();
      mailer.close();
      await changes?.close();
      await database.close();
      rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: LightMyRequestResponse['headers'];
}

/** A caller of the API: remembers the session cookie and sends the CSRF token like the web app. */
export class ApiClient {
  cookie: string | undefined;
  csrf: string | undefined;
  bearer: string | undefined;
  language: 'vi' | 'en' | undefined;

  constructor(private readonly app: FastifyInstance) {}

  withToken(token: string) {
    this.bearer = token;
    return this;
  }

  async login(email: string, password: string) {
    const res = await this.post('/api/v1/auth/login', { email, password });
    if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  }

  async request<T = any>(method: string, url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const res = await this.app.inject({
      method: method as 'GET',
      url,
      payload: payload as string | object | undefined,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}),
        ...(this.bearer ? { authorization: `Bearer ${this.bearer}` } : {}),
        ...(this.language ? { 'accept-language': this.language } : {}),
        ...headers,
      },
    });
    const setCookie = res.headers['set-cookie'];
    const cookies = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
    for (const c of cookies) {
      const [pair] = c.split(';');
      if (pair.startsWith('hoptac_session=')) this.cookie = pair.endsWith('=') ? undefined : pair;
    }
    let body: any = res.body;
    try {
      body = res.json();
    } catch {
      // not JSON
    }
    if (body?.csrfToken) this.csrf = body.csrfToken;
    return { status: res.statusCode, body, headers: res.headers };
  }

  get<T = any>(url: string) {
    return this.request<T>('GET', url);
  }
  post<T = any>(url: string, body?: unknown) {
    return this.request<T>('POST', url, body ?? {});
  }
  patch<T = any>(url: string, body: unknown) {
    return this.request<T>('PATCH', url, body);
  }
  put<T = any>(url: string, body: unknown) {
    return this.request<T>('PUT', url, body);
  }
  delete<T = any>(url: string) {
    return this.request<T>('DELETE', url);
  }
}
