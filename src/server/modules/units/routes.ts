import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../../contracts/common.ts';
import { CreateUnit, Unit, UnitList, UpdateUnit } from '../../../contracts/directory.ts';
import type { AppDeps } from '../../platform/deps.ts';
import * as ex from './api-examples.ts';
import { bodyErrorResponses, errorResponses, requestExample } from '../http.ts';
import * as service from './service.ts';

export function unitRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['units'];
  r.get('/api/v1/institutions/:id/units', {
    schema: {
      operationId: 'listUnits',
      tags,
      summary: "An institution's units",
      description:
        'Every unit of the institution, flat (build the tree from `parentId`), archived ones on request. Any signed-in ' +
        'user, for institutions they see; 404 for others.',
      params: IdParams,
      querystring: z.object({ archived: z.enum(['include', 'exclude']).default('exclude') }),
      response: { 200: UnitList.meta({ examples: [ex.unitList] }), ...errorResponses },
    },
    handler: (req) => service.listUnits(deps, req.ctx, req.params.id, req.query.archived === 'include'),
  });
  r.post('/api/v1/institutions/:id/units', {
    schema: {
      operationId: 'createUnit',
      tags,
      summary: 'Add a unit',
      description:
        "Adds a unit (school, faculty, department, ward, lab, …) to the institution, under a parent unit of the same " +
        "institution or at the top. The institution's admins and cooperation officers, API tokens with " +
        "`directory:write`; 403 for others who see the institution, 404 for those who do not.",
      params: IdParams,
      body: CreateUnit.meta(requestExample(ex.createUnit)),
      response: { 201: Unit.meta({ examples: [ex.unit] }), ...errorResponses, ...bodyErrorResponses },
    },
    handler: async (req, reply) => reply.status(201).send(await service.createUnit(deps, req.ctx, req.params.id, req.body)),
  });
  r.get('/api/v1/units/:id', {
    schema: {
      operationId: 'getUnit',
      tags,
      summary: 'Get a unit',
      description: 'One unit with what the caller may do with it. Any signed-in user, for institutions they see; 404 for others.',
      params: IdParams,
      response: { 200: Unit.meta({ examples: [ex.unit] }), ...errorResponses },
    },
    handler: (req) => service.getUnit(deps, req.ctx, req.params.id),
  });
  r.patch('/api/v1/units/:id', {
    schema: {
      operationId: 'updateUnit',
      tags,
      summary: 'Edit, move, archive or restore a unit',
      description:
        "Changes a unit; moving it under another of the same institution is refused when it would make a cycle (400). " +
        "The institution's admins and cooperation officers, API tokens with `directory:write`. Send the `version` you " +
        "read (409 when stale).",
      params: IdParams,
      body: UpdateUnit.meta(requestExample(ex.updateUnit)),
      response: { 200: Unit.meta({ examples: [ex.unit] }), ...errorResponses, ...bodyErrorResponses },
    },
    handler: (req) => service.updateUnit(deps, req.ctx, req.params.id, req.body),
  });
}
