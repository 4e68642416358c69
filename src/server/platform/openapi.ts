import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import type { Config } from './config.ts';

// The OpenAPI document at /api/docs/json, built from the routes' zod schemas, then finished here so that
// client generators and linters get what they need from every route without each route repeating it:
// an operationId, a tag that is declared, a description for every response, and no `nullable` without a
// type. platform/openapi.test.ts lints the result with Redocly's recommended rules.

/** Every tag a route may use, with what it groups. */
export const API_TAGS = [
  { name: 'auth', description: 'Signing in and out, password resets, invitations, single sign-on, my account.' },
  { name: 'directory', description: 'Institutions, their units and people, and consortia.' },
  { name: 'agreements', description: 'Cooperation agreements: drafts, versions, approvals, lifecycle, discussion, documents.' },
  { name: 'notifications', description: 'My in-app notifications and which ones I receive.' },
  { name: 'home', description: 'What needs me: the sections of the home page, from every module.' },
  { name: 'admin', description: "An institution's accounts, invitations, API tokens, audit log and mail outbox." },
];

const RESPONSE_TEXT: Record<string, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No content',
  400: 'Invalid input: `error.details.fields` names each field and the reason',
  401: 'Not signed in (no valid session or API token)',
  403: 'Signed in, but not allowed to do this',
  404: 'Not found, or not visible to the caller',
  409: 'Conflict: a stale `version`, a duplicate, or a state that does not allow this',
  413: 'The request body is too large',
  415: 'Unsupported content type',
  429: 'Too many requests; try again later',
};

type Json = Record<string, unknown>;

/** `GET /api/v1/agreements/{id}/versions` → `getAgreementsByIdVersions`: unique, stable, readable. */
export function operationIdOf(method: string, path: string): string {
  const words = path
    .replace(/^\/api\/v1\//, '')
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      const param = /^\{(.+)\}$/.exec(segment)?.[1];
      const word = (param ? `by-${param}` : segment).replace(/[^a-zA-Z0-9]+(.)/g, (_, c: string) => c.toUpperCase()).replace(/[^a-zA-Z0-9]/g, '');
      return word.charAt(0).toUpperCase() + word.slice(1);
    });
  return `${method.toLowerCase()}${words.join('')}`;
}

/** `{ nullable: true }` without a `type` (an unknown value) is not valid OpenAPI 3.0: it already admits null. */
function dropUntypedNullable(node: unknown): void {
  if (Array.isArray(node)) node.forEach(dropUntypedNullable);
  else if (node && typeof node === 'object') {
    const o = node as Json;
    if (o.nullable === true && o.type === undefined && !o.$ref && !o.anyOf && !o.oneOf && !o.allOf) delete o.nullable;
    for (const v of Object.values(o)) dropUntypedNullable(v);
  }
}

export function finishDocument(doc: Json, config: Pick<Config, 'publicUrl'>): Json {
  doc.servers = [{ url: config.publicUrl, description: 'This hoptac deployment' }];
  doc.tags = API_TAGS;
  const paths = (doc.paths ?? {}) as Record<string, Record<string, Json>>;
  for (const [path, methods] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(methods)) {
      op.operationId ??= operationIdOf(method, path);
      const responses = (op.responses ?? {}) as Record<string, Json>;
      for (const [status, response] of Object.entries(responses)) {
        if (!response.description || response.description === 'Default Response') response.description = RESPONSE_TEXT[status] ?? 'Response';
      }
    }
  }
  dropUntypedNullable(doc);
  return doc;
}

export async function registerOpenApi(app: FastifyInstance, config: Config) {
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'hoptac API',
        version: '1',
        description:
          'REST API of hoptac. Authenticate with the session cookie (and X-CSRF-Token on writes) or with an institution API token: `Authorization: Bearer hoptac_…`. Errors: `{ error: { code, message, details }, requestId }`, the message in the caller’s language (`Accept-Language: vi` or `en`).',
        license: { name: 'AGPL-3.0-or-later', url: 'https://www.gnu.org/licenses/agpl-3.0.html' },
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
    transformObject: (documentObject) => finishDocument(('openapiObject' in documentObject ? documentObject.openapiObject : documentObject.swaggerObject) as Json, config),
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
}
