import { createConfig, lintFromString } from '@redocly/openapi-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../testing/test-app.ts';
import { API_TAGS, operationIdOf } from './openapi.ts';

// The OpenAPI document is for integrators: it passes Redocly's recommended rules with no error, and every
// operation has what a client generator needs.
type Operation = { operationId?: string; summary?: string; tags?: string[]; responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }> };
let t: TestApp;
let doc: { paths: Record<string, Record<string, Operation>>; servers?: unknown[] };
beforeAll(async () => {
  t = await startTestApp();
  doc = (await t.client().get('/api/docs/json')).body;
});
afterAll(() => t.close());

const operations = () => Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })));

describe('the OpenAPI document', () => {
  it('passes Redocly’s recommended rules with no error', async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: '/openapi.json', config });
    const errors = problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`);
    expect(errors).toEqual([]);
  });

  it('gives every operation a unique operationId, a summary, a declared tag and described responses', () => {
    const ids = new Set<string>();
    const tags = new Set(API_TAGS.map((tag) => tag.name));
    const problems: string[] = [];
    for (const { route, op } of operations()) {
      if (!op.operationId) problems.push(`${route}: no operationId`);
      else if (ids.has(op.operationId)) problems.push(`${route}: operationId ${op.operationId} is used twice`);
      else ids.add(op.operationId);
      if (!op.summary) problems.push(`${route}: no summary`);
      if (!op.tags?.length || op.tags.some((tag) => !tags.has(tag))) problems.push(`${route}: tags ${op.tags} not declared in API_TAGS`);
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        if (!response.description || response.description === 'Default Response') problems.push(`${route}: response ${status} has no description`);
      }
    }
    expect(problems).toEqual([]);
    expect(ids.size).toBeGreaterThan(60);
  });

  it('names operations readably', () => {
    expect(operationIdOf('get', '/api/v1/agreements/{id}/versions/{versionNo}')).toBe('getAgreementsByIdVersionsByVersionNo');
    expect(operationIdOf('post', '/api/v1/admin/api-tokens')).toBe('postAdminApiTokens');
    expect(operationIdOf('get', '/api/v1/agreements/export.xlsx')).toBe('getAgreementsExportXlsx');
  });
});
