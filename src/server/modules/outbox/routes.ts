import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { OutboxPage, OutboxQuery } from '../../../contracts/accounts.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { errorResponses } from '../http.ts';
import { listOutbox } from './service.ts';

export function outboxRoutes(app: FastifyInstance, deps: AppDeps) {
  app.withTypeProvider<ZodTypeProvider>().get('/api/v1/admin/outbox', {
    schema: { tags: ['admin'], summary: "Mail to my institution's people (the outbox)", querystring: OutboxQuery, response: { 200: OutboxPage, ...errorResponses } },
    handler: (req) => listOutbox(deps, req.ctx, req.query),
  });
}
