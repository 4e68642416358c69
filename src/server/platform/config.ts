import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { z } from 'zod';
import { STORABLE_MAX_YEAR, STORABLE_MIN_YEAR } from '../../contracts/common.ts';

// The whole environment the server reads, validated once at boot: a wrong value stops the process
// with a message naming the variable, instead of failing later in a request.
const bool = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  HOPTAC_DEMO: bool.default(true),
  PUBLIC_URL: z.string().url().optional(),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default('hoptac <no-reply@hoptac.local>'),
  FILES_DIR: z.string().optional(),
  SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  COOKIE_SECURE: bool.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // `text`: one compact line per entry, for a terminal; `json`: pino's JSON lines, for a log collector.
  LOG_FORMAT: z.enum(['text', 'json']).default('text'),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  RESET_MAX_REQUESTS: z.coerce.number().int().min(1).default(3),
  RESET_WINDOW_MINUTES: z.coerce.number().int().min(1).default(60),
  // Which reverse proxies to believe about the client's address (X-Forwarded-For): unset trusts none.
  TRUST_PROXY: z.string().optional(),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  // Memory for rendered calendar feeds, per process (calendar/feed-cache.ts); 0 renders every fetch afresh.
  FEED_CACHE_MB: z.coerce.number().int().min(0).max(4096).default(32),
  HOPTAC_JOBS: bool.default(true),
  // OpenID Connect single sign-on (modules/sso): enabled when OIDC_ISSUER is set.
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_NAME: z.string().max(60).default('SSO'),
  OIDC_DOMAINS: z.string().optional(),
  OIDC_AUTO_CREATE: bool.default(false),
  // The years a date users enter (agreements, targets, notices) may fall in; within the years the API can
  // store at all (contracts/common.ts STORABLE_MIN_YEAR–STORABLE_MAX_YEAR). The web reads them from /me.
  DATE_MIN_YEAR: z.coerce.number().int().min(STORABLE_MIN_YEAR).max(STORABLE_MAX_YEAR).default(1990),
  DATE_MAX_YEAR: z.coerce.number().int().min(STORABLE_MIN_YEAR).max(STORABLE_MAX_YEAR).default(2100),
  /** Days after a delegation's last day until its guests' personal data is erased (delegations/erasure-job.ts). */
  GUEST_DATA_RETENTION_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
  /** Prometheus metrics at /metrics (platform/metrics.ts); off by default (404, like any unknown path). */
  METRICS_ENABLED: bool.default(false),
  /** With it, /metrics asks for `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: z
    .string()
    .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces')
    .min(16, 'at least 16 characters')
    .max(200)
    .optional(),
});

export interface OidcConfig {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  /** Label of the sign-in button. */
  name: string;
  /** Lower-case e-mail domain → institution code. Only these domains may sign in through the IdP. */
  domains: Record<string, string>;
  autoCreate: boolean;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** `hust.edu.vn=HUST, hmu.edu.vn=HMU` → { 'hust.edu.vn': 'HUST', 'hmu.edu.vn': 'HMU' }, or the bad entry. */
function parseDomains(value: string): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (const entry of value.split(',').map((e) => e.trim()).filter(Boolean)) {
    const m = /^([a-z0-9-]+(?:\.[a-z0-9-]+)+)=([A-Za-z0-9_-]+)$/i.exec(entry);
    if (!m) return entry;
    out[m[1].toLowerCase()] = m[2];
  }
  return Object.keys(out).length > 0 ? out : value;
}

type Env = z.infer<typeof envSchema>;

/** Fastify's `trustProxy`: false (the default), a hop count, or the proxies' addresses and networks. */
export type TrustProxy = false | number | string[];
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrNetwork(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : -1;
  return bits >= 0 && bits <= (family === 4 ? 32 : 128);
}

/**
 * `TRUST_PROXY=1` (hops), `TRUST_PROXY=10.0.0.5, 10.1.0.0/16` or `loopback`. Anything else — `true`
 * included, which would let every client choose its own address — stops the process.
 */
function parseTrustProxy(value: string | undefined): TrustProxy | string {
  if (value === undefined) return false;
  if (/^\d+$/.test(value.trim())) {
    const hops = Number(value.trim());
    return hops >= 1 && hops <= 10 ? hops : value;
  }
  const entries = value.split(',').map((e) => e.trim()).filter(Boolean);
  const bad = entries.find((e) => !isAddressOrNetwork(e));
  return bad !== undefined || entries.length === 0 ? (bad ?? value) : entries;
}
type Issue = { path: string; message: string };

function oidcConfig(c: Env): OidcConfig | null | Issue[] {
  const given = [c.OIDC_ISSUER, c.OIDC_CLIENT_ID, c.OIDC_CLIENT_SECRET, c.OIDC_DOMAINS].some((v) => v !== undefined);
  if (!given) return null;
  const issues: Issue[] = [];
  for (const name of ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_DOMAINS'] as const) {
    if (c[name] === undefined) issues.push({ path: name, message: 'required when single sign-on is configured (OIDC_*)' });
  }
  const issuer = c.OIDC_ISSUER ? new URL(c.OIDC_ISSUER) : undefined;
  // Plain http only for an identity provider on this machine (development, tests).
  if (issuer && issuer.protocol !== 'https:' && !(issuer.protocol === 'http:' && LOOPBACK.has(issuer.hostname))) {
    issues.push({ path: 'OIDC_ISSUER', message: 'must be an https:// URL (http:// only for localhost)' });
  }
  const domains = c.OIDC_DOMAINS === undefined ? {} : parseDomains(c.OIDC_DOMAINS);
  if (typeof domains === 'string') issues.push({ path: 'OIDC_DOMAINS', message: `expected domain=CODE,domain=CODE, got "${domains}"` });
  if (issues.length > 0 || !issuer || typeof domains === 'string') return issues;
  return {
    issuer,
    clientId: c.OIDC_CLIENT_ID!,
    clientSecret: c.OIDC_CLIENT_SECRET!,
    name: c.OIDC_NAME,
    domains,
    autoCreate: c.OIDC_AUTO_CREATE,
  };
}

export type Config = Env & { dataDir: string; filesDir: string; publicUrl: string; oidc: OidcConfig | null; trustProxy: TrustProxy };

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (`DATABASE_URL=`) means unset, as in most deployment tools.
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(given);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration in the environment:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  const oidc = oidcConfig(c);
  if (Array.isArray(oidc)) {
    throw new Error(`Invalid configuration in the environment:\n${oidc.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`);
  }
  if (c.DATE_MIN_YEAR > c.DATE_MAX_YEAR) {
    throw new Error(
      `Invalid configuration in the environment:\n  DATE_MIN_YEAR: must not be after DATE_MAX_YEAR (${c.DATE_MIN_YEAR} > ${c.DATE_MAX_YEAR})`,
    );
  }
  if (c.METRICS_TOKEN !== undefined && !c.METRICS_ENABLED) {
    throw new Error('Invalid configuration in the environment:\n  METRICS_TOKEN: set only with METRICS_ENABLED=1 (metrics are off)');
  }
  const trustProxy = parseTrustProxy(c.TRUST_PROXY);
  if (typeof trustProxy === 'string') {
    throw new Error(
      `Invalid configuration in the environment:\n  TRUST_PROXY: expected a hop count (1-10) or proxy addresses/networks (10.0.0.5, 10.1.0.0/16, loopback), got "${trustProxy}"`,
    );
  }
  const dataDir = resolve(c.DATA_DIR);
  return {
    ...c,
    dataDir,
    filesDir: resolve(c.FILES_DIR ?? `${dataDir}/files`),
    publicUrl: (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, ''),
    oidc,
    trustProxy,
  };
}
