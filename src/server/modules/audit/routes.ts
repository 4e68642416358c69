import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AuditPage, AuditQuery } from '../../../contracts/accounts.ts';
import type { AppDeps } from '../../platform/deps.ts';
import * as ex from './api-examples.ts';
import { errorResponses } from '../http.ts';
import { listAuditEntries } from './service.ts';

export function auditRoutes(app: FastifyInstance, deps: AppDeps) {
  app.withTypeProvider<ZodTypeProvider>().get('/api/v1/admin/audit', {
    schema: {
      operationId: 'listAuditEntries',
      tags: ['audit'],
      summary: 'Audit log of my institution',
      description:
        "Who changed what, newest first: every change to the records the caller's institution owns (its directory, " +
        "accounts, the agreements it is a party to), with the record before and after, the actor by name and the record " +
        "by title (each only while the reader may see it). Institution admins, API tokens with `audit:read`; platform " +
        "admins read every entry.",
      querystring: AuditQuery,
      response: { 200: AuditPage.meta({ examples: [ex.auditPage] }), ...errorResponses },
    },
    handler: (req) => listAuditEntries(deps, req.ctx, req.query),
  });
}
