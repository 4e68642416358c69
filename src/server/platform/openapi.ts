import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import type { Config } from './config.ts';

// The OpenAPI document at /api/docs/json, built from the routes' zod schemas. Each route's schema names its
// operation for integrators: an `operationId` (camelCase verb-noun, what client generators name methods after),
// a `summary`, a `description` (what it does, who may call it, notable errors), its module's tag, its responses
// with the error shape (modules/http.ts) and examples (modules/<m>/api-examples.ts). This file finishes the
// document: servers, license, the declared tags and their groups, a description for every response, and no
// `nullable` without a type; an operation a route forgot to name gets one derived from its method and path,
// marked `x-derived-operation-id` (platform/openapi.test.ts refuses it, and lints with Redocly's rules).

/** Every tag a route may use (one per module), with what it groups. */
export const API_TAGS = [
  { name: 'auth', description: 'Signing in and out, password resets, invitations, single sign-on, my account.' },
  { name: 'home', description: 'What needs me: the sections of the home page, from every module.' },
  { name: 'institutions', description: 'Institutions of the platform: universities, hospitals, institutes, businesses, agencies.' },
  { name: 'units', description: "An institution's units: schools, faculties, departments, wards, labs, offices." },
  { name: 'people', description: 'The directory of people: staff, lecturers, doctors, points of contact.' },
  { name: 'consortia', description: 'Consortia of institutions, which share their directories and the agreements shared with the consortium.' },
  { name: 'agreements', description: 'Cooperation agreements: drafts, versions, approvals, lifecycle, discussion, private notes, targets.' },
  { name: 'documents', description: 'Files attached to an agreement: the signed copy and working documents, with every revision.' },
  { name: 'activities', description: "What the parties did under an agreement's areas, the progress against its targets, dashboards." },
  { name: 'delegations', description: 'Incoming and outgoing delegations (đoàn vào / đoàn ra) under an agreement: approval, programme, guests, visa paperwork, report.' },
  { name: 'calendar', description: 'My calendar of activities and delegations, and my personal iCalendar feed for calendar applications.' },
  { name: 'notifications', description: 'My in-app notifications and which ones I receive.' },
  { name: 'accounts', description: "An institution's accounts and roles, invitations and API tokens." },
  { name: 'audit', description: 'The audit log: who changed what, when, before and after.' },
  { name: 'outbox', description: "Mail sent to an institution's people, with its delivery status." },
  { name: 'exams', description: 'Competency exams: rounds, subjects and weights, candidates and results, score distributions; the public result lookup with consents; results shared with admitting institutions through an admissions agreement.' },
  { name: 'admissions', description: "An institution's admission seasons: programs with quotas, methods, floors and tie-breaks; the candidates' ranked preferences; matching runs (a background job) and their results with cutoffs." },
  { name: 'reports', description: 'Files generated from the records: PDF cooperation reports, the annual report as XLSX, lists as XLSX, the agreement ready to sign.' },
];

/** How the tags group in documentation tools that read `x-tagGroups` (Redoc); every tag is in one group. */
export const API_TAG_GROUPS = [
  { name: 'Account', tags: ['auth', 'home', 'notifications'] },
  { name: 'Directory', tags: ['institutions', 'units', 'people', 'consortia'] },
  { name: 'Cooperation', tags: ['agreements', 'documents', 'activities', 'calendar', 'delegations'] },
  { name: 'Administration', tags: ['accounts', 'audit', 'outbox'] },
  { name: 'Reports', tags: ['reports'] },
  { name: 'Admission', tags: ['exams', 'admissions'] },
];

const RESPONSE_TEXT: Record<string, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No content',
  302: 'Redirect: the browser goes on to the `Location` header',
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

/**
 * The fallback name of an operation its route did not name: `GET /api/v1/agreements/{id}/versions` →
 * `getAgreementsByIdVersions` (unique and stable, but routes name theirs: `listAgreementVersions`).
 */
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
  doc['x-tagGroups'] = API_TAG_GROUPS;
  const paths = (doc.paths ?? {}) as Record<string, Record<string, Json>>;
  for (const [path, methods] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!op.operationId) {
        op.operationId = operationIdOf(method, path);
        op['x-derived-operation-id'] = true;
      }
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
