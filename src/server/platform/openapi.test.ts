import { createConfig, lintFromString } from '@redocly/openapi-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../testing/test-app.ts';
import { API_TAG_GROUPS, API_TAGS, operationIdOf } from './openapi.ts';

// The OpenAPI document is for integrators (issue 9, item 10): it passes Redocly's recommended rules, and every
// operation has what a client generator and a reader need — an explicit operationId, a summary, a description,
// a declared tag, its responses with the error shape and descriptions, and examples.
type Media = { schema?: { properties?: Record<string, unknown>; format?: string }; example?: unknown; examples?: unknown };
type Operation = {
  operationId?: string;
  'x-derived-operation-id'?: boolean;
  summary?: string;
  description?: string;
  tags?: string[];
  requestBody?: { content: Record<string, Media> };
  responses?: Record<string, { description?: string; content?: Record<string, Media> }>;
};
type Problem = { ruleId: string; severity: string; message: string; location: { pointer?: string }[] };

let t: TestApp;
let doc: { paths: Record<string, Record<string, Operation>>; servers?: { url: string }[]; tags?: { name: string; description?: string }[] };
let problems: Problem[];
beforeAll(async () => {
  // A real deployment's address: the document lists it as its server (localhost would be a lint warning).
  t = await startTestApp({ env: { PUBLIC_URL: 'https://hoptac.hust.edu.vn' } });
  doc = (await t.client().get('/api/docs/json')).body;
  const config = await createConfig({ extends: ['recommended'] });
  problems = (await lintFromString({ source: JSON.stringify(doc), absoluteRef: '/openapi.json', config })) as Problem[];
});
afterAll(() => t.close());

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ method, path, route: `${method.toUpperCase()} ${path}`, op })));
const describeProblem = (p: Problem) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`;

/** Only browsers follow these: they answer a redirect (302), never a 2xx, so `operation-2xx-response` warns. */
const REDIRECT_ONLY = ['/api/v1/auth/oidc/start', '/api/v1/auth/oidc/callback'];
const VERBS = /^(list|get|create|update|delete|add|approve|transition|renew|diff|summarize|export|download|upload|save|set|mark|accept|request|reset|change|start|finish|revoke)[A-Z][a-zA-Z]*$|^(login|logout)$/;

describe('the OpenAPI document', () => {
  it('passes Redocly’s recommended rules with no error', () => {
    expect(problems.filter((p) => p.severity === 'error').map(describeProblem)).toEqual([]);
  });

  it('has no warning but the two redirect-only operations, and every example matches its schema', () => {
    const warnings = problems.filter((p) => p.severity !== 'error');
    const expected = (p: Problem) => p.ruleId === 'operation-2xx-response' && REDIRECT_ONLY.some((path) => p.location[0]?.pointer?.includes(path.replaceAll('/', '~1')));
    expect(warnings.filter((p) => !expected(p)).map(describeProblem)).toEqual([]);
    expect(warnings.length).toBeLessThanOrEqual(REDIRECT_ONLY.length);
  });

  it('lists the deployment as its server and declares and groups every tag', () => {
    expect(doc.servers).toEqual([expect.objectContaining({ url: 'https://hoptac.hust.edu.vn' })]);
    expect(doc.tags?.every((tag) => tag.description && tag.description.length > 20)).toBe(true);
    const grouped = API_TAG_GROUPS.flatMap((group) => group.tags);
    expect([...grouped].sort()).toEqual(API_TAGS.map((tag) => tag.name).sort());
  });

  it('gives every operation a readable operationId of its own, a summary, a description and a declared tag', () => {
    const ids = new Set<string>();
    const tags = new Set(API_TAGS.map((tag) => tag.name));
    const problems: string[] = [];
    for (const { route, op } of operations()) {
      if (!op.operationId || op['x-derived-operation-id']) problems.push(`${route}: no operationId in the route's schema`);
      else if (!VERBS.test(op.operationId)) problems.push(`${route}: operationId ${op.operationId} is not a camelCase verb-noun`);
      else if (ids.has(op.operationId)) problems.push(`${route}: operationId ${op.operationId} is used twice`);
      else ids.add(op.operationId);
      if (!op.summary || op.summary.length > 80) problems.push(`${route}: no summary, or one longer than 80 characters`);
      if (!op.description || op.description.length < 40) problems.push(`${route}: no description (what it does, who may call it, notable errors)`);
      if (op.tags?.length !== 1 || !tags.has(op.tags[0])) problems.push(`${route}: tags ${op.tags} is not one tag declared in API_TAGS`);
    }
    expect(problems).toEqual([]);
    expect(ids.size).toBeGreaterThan(60);
  });

  it('describes every response, with the error shape for every 4xx', () => {
    const problems: string[] = [];
    for (const { path, route, op } of operations()) {
      const responses = Object.entries(op.responses ?? {});
      const statuses = responses.map(([status]) => status);
      if (!statuses.some((s) => s.startsWith('2')) && !REDIRECT_ONLY.includes(path)) problems.push(`${route}: no 2xx response`);
      if (!statuses.some((s) => s.startsWith('4'))) problems.push(`${route}: no 4xx response`);
      for (const [status, response] of responses) {
        if (!response.description || response.description === 'Default Response') problems.push(`${route}: response ${status} has no description`);
        if (status.startsWith('4')) {
          const media = response.content?.['application/json'];
          if (!media?.schema?.properties?.error || !media.schema.properties.requestId) problems.push(`${route}: response ${status} is not the error shape`);
          if (media?.example === undefined) problems.push(`${route}: response ${status} has no example`);
        }
      }
      if (op.requestBody && !(statuses.includes('413') && statuses.includes('415'))) problems.push(`${route}: takes a body but does not answer 413 and 415`);
    }
    expect(problems).toEqual([]);
    for (const path of ['/api/v1/auth/login', '/api/v1/auth/password-reset/request']) expect(Object.keys(doc.paths[path].post.responses ?? {})).toContain('429');
  });

  it('shows an example of every JSON request body and every JSON answer', () => {
    const problems: string[] = [];
    const exemplified = (media?: Media) => media !== undefined && (media.example !== undefined || media.examples !== undefined);
    for (const { route, op } of operations()) {
      const body = op.requestBody?.content['application/json'];
      if (body && !exemplified(body)) problems.push(`${route}: request body without an example`);
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        const media = response.content?.['application/json'];
        if (status.startsWith('2') && media && !exemplified(media)) problems.push(`${route}: response ${status} without an example`);
      }
      const hasExample = exemplified(body) || Object.entries(op.responses ?? {}).some(([s, r]) => s.startsWith('2') && exemplified(r.content?.['application/json']));
      const binary = Object.values(op.responses ?? {}).some((r) => Object.values(r.content ?? {}).some((m) => m.schema?.format === 'binary'));
      if (!hasExample && !binary && !REDIRECT_ONLY.some((path) => route.endsWith(path))) problems.push(`${route}: no example at all`);
    }
    expect(problems).toEqual([]);
  });

  it('names the operations a route forgot readably (the fallback)', () => {
    expect(operationIdOf('get', '/api/v1/agreements/{id}/versions/{versionNo}')).toBe('getAgreementsByIdVersionsByVersionNo');
    expect(operationIdOf('post', '/api/v1/admin/api-tokens')).toBe('postAdminApiTokens');
    expect(operationIdOf('get', '/api/v1/agreements/export.xlsx')).toBe('getAgreementsExportXlsx');
  });
});
