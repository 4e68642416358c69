import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AuditPage, AuditQuery } from '../../../contracts/accounts.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { errorResponses } from '../http.ts';
import { listAuditEntries } from './service.ts';

export function auditRoutes(app: FastifyInstance, deps: AppDeps) {
  app.withTypeProvider<ZodTypeProvider>().get('/api/v1/admin/audit', {
    schema: { tags: ['admin'], summary: 'Audit log of my institution', querystring: AuditQuery, response: { 200: AuditPage, ...errorResponses } },
    handler: (req) => listAuditEntries(deps, req.ctx, req.query),
  });
}
