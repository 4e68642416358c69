import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { DEFAULT_LANGUAGE, type Language, pickLanguage } from '../locales/index.ts';
import { authenticate, CSRF_HEADER } from './platform/authn.ts';
import type { RequestContext } from './platform/context.ts';
import type { AppDeps } from './platform/deps.ts';
import { registerOpenApi } from './platform/openapi.ts';
import {
  AppError,
  DATABASE_RETRY_AFTER_SECONDS,
  type ErrorCode,
  errorBody,
  fromDatabaseError,
  isDatabaseUnavailable,
  isDataException,
} from './platform/errors.ts';
import { liveness, readiness } from './platform/health.ts';
import { loggerOptions, RequestLineLog } from './platform/logging.ts';
import { registerMetrics } from './platform/metrics.ts';
import { issuesToFields } from './platform/validation.ts';
import { registerModules } from './modules/index.ts';

declare module 'fastify' {
  interface FastifyRequest {
    ctx: RequestContext;
    csrfToken: string | null;
    sessionHash: string | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Longest path parameter the router accepts; a longer one answers 414 `uri_too_long`. */
const MAX_PARAM_LENGTH = 200;
/**
 * The code for a 4xx that Fastify or a plugin raises with only a status. A 403 comes from static files
 * refusing a path outside their folder (`/api/docs/static/../../package.json`): to the client that
 * path simply does not exist.
 */
const FRAMEWORK_STATUS: Partial<Record<number, ErrorCode>> = {
  401: 'unauthenticated',
  403: 'not_found',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  409: 'conflict',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  416: 'range_not_satisfiable',
};
/** `TRUST_PROXY=2`: believe the last two hops of X-Forwarded-For (proxy-addr's hop index, 0 = the socket). */
const trustHops = (hops: number) => (_address: string, hop: number) => hop < hops;
const WEB_DIR = join(import.meta.dirname, '..', '..', 'dist', 'web');

/**
 * The Content-Security-Policy of every response — API, web app, its files, errors, the API documentation
 * (Swagger UI runs under it as it is): scripts, styles, images, fonts and requests only from this origin
 * (scripts never inline, nothing evaluated), no plugins, no <base>, forms post only here, never framed. Styles
 * may be inline: Mantine (and Swagger UI) write CSS as <style> elements at run time — the theme's variables,
 * responsive style props —, which neither hashes nor the static index.html could name.
 */
const POLICY = {
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self' 'unsafe-inline'",
  'img-src': "'self' data: blob:",
  'font-src': "'self'",
  'connect-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'self'",
  'frame-ancestors': "'none'",
};
const policyText = (policy: Record<string, string>) =>
  Object.entries(policy)
    .map(([directive, sources]) => `${directive} ${sources}`)
    .join('; ');
export const CONTENT_SECURITY_POLICY = policyText(POLICY);
/**
 * A stored file (`GET /api/v1/files/:id/content`) may be framed by this origin only: the web app previews PDFs
 * in an <iframe> (DocumentsPanel). Other sites still may not frame it.
 */
export const FILE_CONTENT_SECURITY_POLICY = policyText({ ...POLICY, 'frame-ancestors': "'self'" });
const FILE_PATH = /^\/api\/v1\/files\/[^/?#]+\/content(?:[?#]|$)/;

/**
 * Headers of every response (the onRequest hook, and sendError for what the router refuses before any hook):
 * the CSP; never framed by another site (clickjacking); no type sniffing; no full URLs leaked to other sites;
 * no window or resource shared with other origins; no camera, microphone, location, payment, USB. HSTS only on a
 * request that came over https (directly, or said so by a trusted proxy: TRUST_PROXY) — over plain http it
 * means nothing, and a development server on localhost must not pin browsers to https.
 */
function securityHeaders(request: FastifyRequest, reply: FastifyReply) {
  const file = FILE_PATH.test(request.url);
  reply.header('content-security-policy', file ? FILE_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY);
  reply.header('x-frame-options', file ? 'SAMEORIGIN' : 'DENY');
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'same-origin');
  reply.header('cross-origin-opener-policy', 'same-origin');
  reply.header('cross-origin-resource-policy', 'same-origin');
  reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
  if (request.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000');
}

function requestLanguage(request: FastifyRequest, saved: string | null): Language {
  let query: unknown;
  try {
    query = (request.query as Record<string, unknown> | null | undefined)?.lang;
  } catch {
    // a request the router refused may have no parsed query
  }
  return (
    pickLanguage(typeof query === 'string' ? query : undefined) ??
    pickLanguage(saved) ??
    pickLanguage(request.headers['accept-language']) ??
    DEFAULT_LANGUAGE
  );
}

export async function buildApp(deps: AppDeps, options: { logger?: boolean } = {}): Promise<FastifyInstance> {
  // Every error goes through here — route, hook, plugin and framework errors alike (Fastify's own
  // router errors arrive through `frameworkErrors` below) — and leaves in our one shape with a localized
  // message. A 4xx from Fastify or a plugin keeps its meaning under our code; anything unknown is a 500.
  const toAppError = (error: unknown, request: FastifyRequest): AppError | undefined => {
    if (error instanceof AppError) return error;
    // PostgreSQL unreachable, shutting down or starting, a connection that broke: 503, and the next request
    // gets a fresh connection (pg.Pool drops a broken client).
    if (isDatabaseUnavailable(error)) return new AppError('database_unavailable');
    if (hasZodFastifySchemaValidationErrors(error)) {
      const part = (error as { validationContext?: string }).validationContext;
      const issues = error.validation.map((v) => ({
        ...(v.params as object),
        code: v.keyword,
        message: v.message ?? '',
        path: v.instancePath.split('/').filter(Boolean),
      }));
      return new AppError('validation_failed', { fields: issuesToFields(issues, part) });
    }
    const fromDb = fromDatabaseError(error);
    if (fromDb) {
      // The contracts' building blocks should have refused this value, naming its field.
      if (isDataException(error)) request.log.warn({ err: error }, 'the database refused a value the request schema let through');
      return fromDb;
    }
    const { code, statusCode } = error as { code?: string; statusCode?: number };
    if (code === 'FST_ERR_BAD_URL') return new AppError('invalid_url');
    if (code === 'FST_ERR_MAX_PARAM_LENGTH') return new AppError('uri_too_long', { params: { limit: MAX_PARAM_LENGTH } });
    if (code === 'FST_ERR_CTP_BODY_TOO_LARGE' || statusCode === 413) {
      return new AppError('payload_too_large', { params: { limit: `${Math.round(deps.config.BODY_LIMIT_BYTES / 1024)} KiB` } });
    }
    if (typeof statusCode !== 'number' || statusCode < 400 || statusCode > 499) return undefined;
    // Any other 400 from Fastify or a plugin is about the body: bad JSON, an empty JSON body, a broken form.
    if (statusCode === 400) return new AppError('validation_failed', { fields: [{ field: 'body', code: 'invalid_format' }] });
    return new AppError(FRAMEWORK_STATUS[statusCode] ?? 'bad_request', { params: { entity: 'entities.route' } });
  };

  const sendError = (error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const lang = request.ctx?.lang ?? requestLanguage(request, null);
    const requestId = String(request.id);
    reply.header('x-request-id', requestId);
    securityHeaders(request, reply);
    const appError = toAppError(error, request);
    if (appError) {
      if (appError.code === 'database_unavailable') {
        request.log.warn({ err: error }, 'the database is unavailable');
        reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
      } else if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
      return reply.status(appError.status).send(errorBody(lang, appError, requestId));
    }
    request.log.error({ err: error, requestId }, 'unhandled error');
    return reply.status(500).send(errorBody(lang, new AppError('internal', { params: { requestId } }), requestId));
  };
  const app = Fastify({
    logger: options.logger === false ? false : loggerOptions(deps.config),
    // One line per request instead of Fastify's two (platform/logging.ts).
    logController: new RequestLineLog(),
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: deps.config.BODY_LIMIT_BYTES,
    // Client addresses (rate limits, audit) come from X-Forwarded-For only through configured proxies.
    trustProxy: typeof deps.config.trustProxy === 'number' ? trustHops(deps.config.trustProxy) : deps.config.trustProxy,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // Router errors (a path that is not valid URL encoding, a path segment over maxParamLength) happen
    // before any hook; they go to the same sendError as every other error.
    frameworkErrors: sendError,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(fastifyCookie);
  // Bounds for every multipart form (a route may lower fileSize): without them the plugin holds up to 1000 parts of
  // 1 MiB each in memory for one request. Text fields of our forms are short; a file route takes one file.
  await app.register(fastifyMultipart, { limits: { fieldNameSize: 100, fieldSize: 64 * 1024, fields: 20, files: 1, parts: 21, headerPairs: 100 } });

  await registerOpenApi(app, deps.config);

  app.decorateRequest('ctx', null as unknown as RequestContext);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('sessionHash', null);

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    securityHeaders(request, reply);
    const ctx: RequestContext = {
      actor: null,
      lang: requestLanguage(request, null),
      requestId: String(request.id),
      ip: request.ip,
    };
    request.ctx = ctx;
    if (!request.url.startsWith('/api/')) return;
    const auth = await authenticate(deps.db, request, deps.clock.now());
    if (!auth) return;
    ctx.actor = auth.actor;
    ctx.lang = requestLanguage(request, auth.language);
    request.csrfToken = auth.csrfToken;
    request.sessionHash = auth.sessionHash;
    // Cookie-authenticated writes must prove they come from our page (double-submit token).
    if (auth.csrfToken && !SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== auth.csrfToken) {
      throw new AppError('csrf_invalid');
    }
  });

  app.setErrorHandler((error, request, reply) => sendError(error, request, reply));
  registerMetrics(app, deps.config, deps.db);

  await registerModules(app, deps);

  // Liveness and readiness (platform/health.ts): 200 or 503 with what each check found, never cached.
  const healthReply = (reply: FastifyReply, report: { ok: boolean }) => {
    reply.header('cache-control', 'no-store');
    if (!report.ok) reply.status(503).header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
    return report;
  };
  app.get('/healthz', { schema: { hide: true } }, async (request, reply) =>
    healthReply(reply, await liveness(deps.db, { onError: (err) => request.log.warn({ err }, 'health check: the database failed') })),
  );
  app.get('/readyz', { schema: { hide: true } }, async (request, reply) =>
    healthReply(reply, await readiness(deps.db, { onError: (err) => request.log.warn({ err }, 'readiness check: the database failed') })),
  );

  const hasWeb = existsSync(join(WEB_DIR, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: WEB_DIR, wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || !hasWeb || request.method !== 'GET') {
      const err = new AppError('not_found', { params: { entity: 'entities.route' } });
      return reply.status(404).send(errorBody(request.ctx?.lang ?? DEFAULT_LANGUAGE, err, String(request.id)));
    }
    // Client-side routes of the single-page app.
    return reply.type('text/html').sendFile('index.html');
  });
  return app;
}
