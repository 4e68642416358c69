import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { DEFAULT_LANGUAGE, type Language, pickLanguage } from '../locales/index.ts';
import { authenticate, CSRF_HEADER } from './platform/authn.ts';
import type { RequestContext } from './platform/context.ts';
import type { AppDeps } from './platform/deps.ts';
import { AppError, errorBody, fromDatabaseError } from './platform/errors.ts';
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
/** `TRUST_PROXY=2`: believe the last two hops of X-Forwarded-For (proxy-addr's hop index, 0 = the socket). */
const trustHops = (hops: number) => (_address: string, hop: number) => hop < hops;
const WEB_DIR = join(import.meta.dirname, '..', '..', 'dist', 'web');

function requestLanguage(request: FastifyRequest, saved: string | null): Language {
  const query = (request.query as Record<string, unknown> | undefined)?.lang;
  return (
    pickLanguage(typeof query === 'string' ? query : undefined) ??
    pickLanguage(saved) ??
    pickLanguage(request.headers['accept-language']) ??
    DEFAULT_LANGUAGE
  );
}

export async function buildApp(deps: AppDeps, options: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger === false ? false : { level: deps.config.LOG_LEVEL },
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: deps.config.BODY_LIMIT_BYTES,
    // Client addresses (rate limits, audit) come from X-Forwarded-For only through configured proxies.
    trustProxy: typeof deps.config.trustProxy === 'number' ? trustHops(deps.config.trustProxy) : deps.config.trustProxy,
    routerOptions: { maxParamLength: 200 },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(fastifyCookie);
  await app.register(fastifyMultipart);

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'hoptac API',
        version: '1',
        description:
          'REST API of hoptac. Authenticate with the session cookie (and X-CSRF-Token on writes) or with an institution API token: `Authorization: Bearer hoptac_…`. Errors: `{ error: { code, message, details }, requestId }`.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'hoptac_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  app.decorateRequest('ctx', null as unknown as RequestContext);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('sessionHash', null);

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
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

  app.setErrorHandler((error, request, reply) => {
    const lang = request.ctx?.lang ?? DEFAULT_LANGUAGE;
    const requestId = String(request.id);
    let appError: AppError | undefined;
    if (error instanceof AppError) appError = error;
    else if (hasZodFastifySchemaValidationErrors(error)) {
      const part = (error as { validationContext?: string }).validationContext;
      const issues = error.validation.map((v) => ({
        ...(v.params as object),
        code: v.keyword,
        message: v.message ?? '',
        path: v.instancePath.split('/').filter(Boolean),
      }));
      appError = new AppError('validation_failed', { fields: issuesToFields(issues, part) });
    } else if ((error as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      appError = new AppError('payload_too_large', { params: { limit: `${Math.round(deps.config.BODY_LIMIT_BYTES / 1024)} KiB` } });
    } else if ((error as { code?: string }).code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      appError = new AppError('unsupported_media_type');
    } else if (
      (error as { code?: string }).code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
      (error as { statusCode?: number }).statusCode === 400
    ) {
      appError = new AppError('validation_failed', { fields: [{ field: 'body', code: 'invalid_format' }] });
    } else appError = fromDatabaseError(error);

    if (appError) {
      if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
      return reply.status(appError.status).send(errorBody(lang, appError, requestId));
    }
    request.log.error({ err: error, requestId }, 'unhandled error');
    return reply.status(500).send(errorBody(lang, new AppError('internal', { params: { requestId } }), requestId));
  });

  await registerModules(app, deps);

  app.get('/healthz', { schema: { hide: true } }, async () => {
    await deps.db.selectNoFrom((eb) => eb.val(1).as('one')).execute();
    return { ok: true };
  });

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
