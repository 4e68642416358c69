import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../../contracts/common.ts';
import { CreateUnit, Unit, UnitList, UpdateUnit } from '../../../contracts/directory.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { errorResponses } from '../http.ts';
import * as service from './service.ts';

export function unitRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['directory'];
  r.get('/api/v1/institutions/:id/units', {
    schema: {
      tags,
      summary: "An institution's units (flat; build the tree from parentId)",
      params: IdParams,
      querystring: z.object({ archived: z.enum(['include', 'exclude']).default('exclude') }),
      response: { 200: UnitList, ...errorResponses },
    },
    handler: (req) => service.listUnits(deps, req.ctx, req.params.id, req.query.archived === 'include'),
  });
  r.post('/api/v1/institutions/:id/units', {
    schema: { tags, summary: 'Add a unit', params: IdParams, body: CreateUnit, response: { 201: Unit, ...errorResponses } },
    handler: async (req, reply) => reply.status(201).send(await service.createUnit(deps, req.ctx, req.params.id, req.body)),
  });
  r.get('/api/v1/units/:id', {
    schema: { tags, summary: 'Get a unit', params: IdParams, response: { 200: Unit, ...errorResponses } },
    handler: (req) => service.getUnit(deps, req.ctx, req.params.id),
  });
  r.patch('/api/v1/units/:id', {
    schema: { tags, summary: 'Edit, move or archive a unit', params: IdParams, body: UpdateUnit, response: { 200: Unit, ...errorResponses } },
    handler: (req) => service.updateUnit(deps, req.ctx, req.params.id, req.body),
  });
}
