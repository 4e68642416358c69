import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { LinkedAgreementList } from '../../../contracts/agreements.ts';
import { IdParams } from '../../../contracts/common.ts';
import {
  CreateInstitution,
  Institution,
  InstitutionListQuery,
  InstitutionPage,
  UpdateInstitution,
} from '../../../contracts/directory.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { errorResponses } from '../http.ts';
import * as service from './service.ts';

export function institutionRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['directory'];
  r.get('/api/v1/institutions', {
    schema: { tags, summary: 'List institutions', querystring: InstitutionListQuery, response: { 200: InstitutionPage, ...errorResponses } },
    handler: (req) => service.listInstitutions(deps, req.ctx, req.query),
  });
  r.post('/api/v1/institutions', {
    schema: { tags, summary: 'Create an institution (platform admin)', body: CreateInstitution, response: { 201: Institution, ...errorResponses } },
    handler: async (req, reply) => reply.status(201).send(await service.createInstitution(deps, req.ctx, req.body)),
  });
  r.get('/api/v1/institutions/:id', {
    schema: { tags, summary: 'Get an institution', params: IdParams, response: { 200: Institution, ...errorResponses } },
    handler: (req) => service.getInstitution(deps, req.ctx, req.params.id),
  });
  r.get('/api/v1/institutions/:id/agreements', {
    schema: {
      operationId: 'listInstitutionAgreements',
      tags,
      summary: 'Agreements the institution is a party to',
      description: 'The agreements of which the institution is a party, newest first — only those the caller may read.',
      params: IdParams,
      response: { 200: LinkedAgreementList, ...errorResponses },
    },
    handler: (req) => service.listInstitutionAgreements(deps, req.ctx, req.params.id),
  });
  r.patch('/api/v1/institutions/:id', {
    schema: { tags, summary: 'Edit or archive an institution', params: IdParams, body: UpdateInstitution, response: { 200: Institution, ...errorResponses } },
    handler: (req) => service.updateInstitution(deps, req.ctx, req.params.id, req.body),
  });
}
