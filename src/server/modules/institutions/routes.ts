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
import * as ex from './api-examples.ts';
import { bodyErrorResponses, errorResponses, requestExample } from '../http.ts';
import * as service from './service.ts';

export function institutionRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['institutions'];
  r.get('/api/v1/institutions', {
    schema: {
      operationId: 'listInstitutions',
      tags,
      summary: 'List institutions',
      description:
        'The institutions the caller sees: their own and those sharing a consortium with it (all for platform admins), ' +
        'filtered and sorted, one page at a time (`cursor` from `nextCursor`). Any signed-in user; API tokens with ' +
        '`directory:read` or `directory:write`.',
      querystring: InstitutionListQuery,
      response: { 200: InstitutionPage.meta({ examples: [ex.institutionPage] }), ...errorResponses },
    },
    handler: (req) => service.listInstitutions(deps, req.ctx, req.query),
  });
  r.post('/api/v1/institutions', {
    schema: {
      operationId: 'createInstitution',
      tags,
      summary: 'Create an institution',
      description: 'Adds an institution to the platform. Platform admins only (403 otherwise); 409 `duplicate` when the code is taken.',
      body: CreateInstitution.meta(requestExample(ex.createInstitution)),
      response: { 201: Institution.meta({ examples: [ex.institution] }), ...errorResponses, ...bodyErrorResponses },
    },
    handler: async (req, reply) => reply.status(201).send(await service.createInstitution(deps, req.ctx, req.body)),
  });
  r.get('/api/v1/institutions/:id', {
    schema: {
      operationId: 'getInstitution',
      tags,
      summary: 'Get an institution',
      description:
        'One institution with its counts and what the caller may do with it (`permissions`). Any signed-in user, for ' +
        'institutions they see; 404 for others.',
      params: IdParams,
      response: { 200: Institution.meta({ examples: [ex.institution] }), ...errorResponses },
    },
    handler: (req) => service.getInstitution(deps, req.ctx, req.params.id),
  });
  r.get('/api/v1/institutions/:id/agreements', {
    schema: {
      operationId: 'listInstitutionAgreements',
      tags,
      summary: 'Agreements the institution is a party to',
      description: 'The agreements of which the institution is a party, newest first — only those the caller may read.',
      params: IdParams,
      response: { 200: LinkedAgreementList.meta({ examples: [ex.linkedAgreements] }), ...errorResponses },
    },
    handler: (req) => service.listInstitutionAgreements(deps, req.ctx, req.params.id),
  });
  r.patch('/api/v1/institutions/:id', {
    schema: {
      operationId: 'updateInstitution',
      tags,
      summary: 'Edit, archive or restore an institution',
      description:
        "Changes the profile (the institution's admins and platform admins) or archives/restores it (platform admins). " +
        "Send the `version` you read: 409 `version_conflict` when it changed since, 409 `duplicate` when the new code " +
        "is taken; 403 when `permissions.edit`/`archive` is false.",
      params: IdParams,
      body: UpdateInstitution.meta(requestExample(ex.updateInstitution)),
      response: { 200: Institution.meta({ examples: [ex.institution] }), ...errorResponses, ...bodyErrorResponses },
    },
    handler: (req) => service.updateInstitution(deps, req.ctx, req.params.id, req.body),
  });
}
