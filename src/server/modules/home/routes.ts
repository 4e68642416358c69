import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Home } from '../../../contracts/home.ts';
import type { AppDeps } from '../../platform/deps.ts';
import * as ex from './api-examples.ts';
import { errorResponses } from '../http.ts';
import * as service from './service.ts';

export function homeRoutes(app: FastifyInstance, deps: AppDeps) {
  app.withTypeProvider<ZodTypeProvider>().get('/api/v1/home', {
    schema: {
      operationId: 'getHome',
      tags: ['home'],
      summary: 'What needs me',
      description:
        'The home page of the caller: sections from every module (approvals waiting for my institution, agreements expiring soon, ' +
        'comments to answer, my areas as point of contact, recent activity of my partners, …), each with how many there are, ' +
        'its first items linking to their records, and what to do next when it is empty. Which sections a caller gets follows ' +
        'their roles and what they may read.',
      response: { 200: Home.meta({ examples: [ex.home] }), ...errorResponses },
    },
    handler: (req) => service.getHome(deps, req.ctx),
  });
}
