import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common.ts';
import { Consortium, ConsortiumList, CreateConsortium, SetConsortiumMembers } from '../../../contracts/directory.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { errorResponses } from '../http.ts';
import * as service from './service.ts';

export function consortiumRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['directory'];
  r.get('/api/v1/consortia', {
    schema: { tags, summary: 'Consortia of my institution (all for platform admins)', response: { 200: ConsortiumList, ...errorResponses } },
    handler: (req) => service.listConsortia(deps, req.ctx),
  });
  r.post('/api/v1/consortia', {
    schema: { tags, summary: 'Create a consortium (platform admin)', body: CreateConsortium, response: { 201: Consortium, ...errorResponses } },
    handler: async (req, reply) => reply.status(201).send(await service.createConsortium(deps, req.ctx, req.body)),
  });
  r.put('/api/v1/consortia/:id/members', {
    schema: { tags, summary: 'Set the members of a consortium (platform admin)', params: IdParams, body: SetConsortiumMembers, response: { 200: Consortium, ...errorResponses } },
    handler: (req) => service.setConsortiumMembers(deps, req.ctx, req.params.id, req.body.memberIds),
  });
}
