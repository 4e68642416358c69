import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { OutboxPage, OutboxQuery } from '../../../contracts/accounts.ts';
import type { AppDeps } from '../../platform/deps.ts';
import * as ex from './api-examples.ts';
import { errorResponses } from '../http.ts';
import { listOutbox } from './service.ts';

export function outboxRoutes(app: FastifyInstance, deps: AppDeps) {
  app.withTypeProvider<ZodTypeProvider>().get('/api/v1/admin/outbox', {
    schema: {
      operationId: 'listOutbox',
      tags: ['outbox'],
      summary: "Mail to my institution's people",
      description:
        "The e-mails sent or waiting to be sent to the caller's institution (invitations, reset links with the secret " +
        "masked, notifications), newest first, with their delivery status. Institution admins; never another admin's or " +
        "the operator's mail.",
      querystring: OutboxQuery,
      response: { 200: OutboxPage.meta({ examples: [ex.outboxPage] }), ...errorResponses },
    },
    handler: (req) => listOutbox(deps, req.ctx, req.query),
  });
}
