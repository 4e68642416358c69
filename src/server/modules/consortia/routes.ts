import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common.ts';
import { Consortium, ConsortiumList, CreateConsortium, SetConsortiumMembers } from '../../../contracts/directory.ts';
import type { AppDeps } from '../../platform/deps.ts';
import * as ex from './api-examples.ts';
import { bodyErrorResponses, errorResponses, requestExample } from '../http.ts';
import * as service from './service.ts';

export function consortiumRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['consortia'];
  r.get('/api/v1/consortia', {
    schema: {
      operationId: 'listConsortia',
      tags,
      summary: 'Consortia of my institution',
      description:
        "The consortia the caller's institution is a member of, with their members (every consortium for platform " +
        "admins). Any signed-in user.",
      response: { 200: ConsortiumList.meta({ examples: [ex.consortiumList] }), ...errorResponses },
    },
    handler: (req) => service.listConsortia(deps, req.ctx),
  });
  r.post('/api/v1/consortia', {
    schema: {
      operationId: 'createConsortium',
      tags,
      summary: 'Create a consortium',
      description:
        "Creates a consortium and its first members; members see each other's directories and the agreements shared " +
        "with the consortium. Platform admins only; 409 `duplicate` when the code is taken.",
      body: CreateConsortium.meta(requestExample(ex.createConsortium)),
      response: { 201: Consortium.meta({ examples: [ex.consortium] }), ...errorResponses, ...bodyErrorResponses },
    },
    handler: async (req, reply) => reply.status(201).send(await service.createConsortium(deps, req.ctx, req.body)),
  });
  r.put('/api/v1/consortia/:id/members', {
    schema: {
      operationId: 'setConsortiumMembers',
      tags,
      summary: 'Set the members of a consortium',
      description: 'Replaces the member list of a consortium. Platform admins only; 400 when an institution does not exist.',
      params: IdParams,
      body: SetConsortiumMembers.meta(requestExample(ex.setConsortiumMembers)),
      response: { 200: Consortium.meta({ examples: [ex.consortium] }), ...errorResponses, ...bodyErrorResponses },
    },
    handler: (req) => service.setConsortiumMembers(deps, req.ctx, req.params.id, req.body.memberIds),
  });
}
