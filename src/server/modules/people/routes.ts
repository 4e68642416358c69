import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { LinkedAgreementList } from '../../../contracts/agreements.ts';
import { IdParams } from '../../../contracts/common.ts';
import { CreatePerson, PeopleListQuery, Person, PersonPage, UpdatePerson } from '../../../contracts/directory.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { errorResponses } from '../http.ts';
import * as service from './service.ts';

export function peopleRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['directory'];
  r.get('/api/v1/people', {
    schema: { tags, summary: 'Search people (diacritics optional)', querystring: PeopleListQuery, response: { 200: PersonPage, ...errorResponses } },
    handler: (req) => service.listPeople(deps, req.ctx, req.query),
  });
  r.post('/api/v1/institutions/:id/people', {
    schema: { tags, summary: 'Add a person to an institution', params: IdParams, body: CreatePerson, response: { 201: Person, ...errorResponses } },
    handler: async (req, reply) => reply.status(201).send(await service.createPerson(deps, req.ctx, req.params.id, req.body)),
  });
  r.get('/api/v1/people/:id', {
    schema: { tags, summary: 'Get a person', params: IdParams, response: { 200: Person, ...errorResponses } },
    handler: (req) => service.getPerson(deps, req.ctx, req.params.id),
  });
  r.get('/api/v1/people/:id/agreements', {
    schema: {
      operationId: 'listPersonAgreements',
      tags,
      summary: 'Agreements the person is a point of contact of',
      description:
        'The agreements, with the areas, where the person speaks for their institution as a point of contact — only those the caller ' +
        "may read and of which the caller's institution is a party (who speaks for a party is not part of what others are shown).",
      params: IdParams,
      response: { 200: LinkedAgreementList, ...errorResponses },
    },
    handler: (req) => service.listPersonAgreements(deps, req.ctx, req.params.id),
  });
  r.patch('/api/v1/people/:id', {
    schema: { tags, summary: 'Edit or archive a person', params: IdParams, body: UpdatePerson, response: { 200: Person, ...errorResponses } },
    handler: (req) => service.updatePerson(deps, req.ctx, req.params.id, req.body),
  });
}
