import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { LinkedAgreementList } from '../../../contracts/agreements.ts';
import { IdParams } from '../../../contracts/common.ts';
import { CreatePerson, PeopleListQuery, Person, PersonPage, UpdatePerson } from '../../../contracts/directory.ts';
import type { AppDeps } from '../../platform/deps.ts';
import * as ex from './api-examples.ts';
import { bodyErrorResponses, errorResponses, requestExample } from '../http.ts';
import * as service from './service.ts';

export function peopleRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['people'];
  r.get('/api/v1/people', {
    schema: {
      operationId: 'listPeople',
      tags,
      summary: 'Search people',
      description:
        "The directory of people the caller sees (their institution's, and those of partner institutions shared with " +
        "the consortium): every word of `q` must match name, title, position, e-mail or expertise, diacritics optional; " +
        "exact word matches first. Any signed-in user; API tokens with `directory:read` or `directory:write`.",
      querystring: PeopleListQuery,
      response: { 200: PersonPage.meta({ examples: [ex.personPage] }), ...errorResponses },
    },
    handler: (req) => service.listPeople(deps, req.ctx, req.query),
  });
  r.post('/api/v1/institutions/:id/people', {
    schema: {
      operationId: 'createPerson',
      tags,
      summary: 'Add a person',
      description:
        "Adds a person (staff, lecturer, doctor, point of contact) to the institution, optionally in one of its units. " +
        "The institution's admins and cooperation officers, API tokens with `directory:write`; 403 for others who see " +
        "the institution, 404 for those who do not.",
      params: IdParams,
      body: CreatePerson.meta(requestExample(ex.createPerson)),
      response: { 201: Person.meta({ examples: [ex.person] }), ...errorResponses, ...bodyErrorResponses },
    },
    handler: async (req, reply) => reply.status(201).send(await service.createPerson(deps, req.ctx, req.params.id, req.body)),
  });
  r.get('/api/v1/people/:id', {
    schema: {
      operationId: 'getPerson',
      tags,
      summary: 'Get a person',
      description:
        'One person with what the caller may do. Any signed-in user, for people they see (a private person only within ' +
        'their institution); 404 for others.',
      params: IdParams,
      response: { 200: Person.meta({ examples: [ex.person] }), ...errorResponses },
    },
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
      response: { 200: LinkedAgreementList.meta({ examples: [ex.linkedAgreements] }), ...errorResponses },
    },
    handler: (req) => service.listPersonAgreements(deps, req.ctx, req.params.id),
  });
  r.patch('/api/v1/people/:id', {
    schema: {
      operationId: 'updatePerson',
      tags,
      summary: 'Edit, archive or restore a person',
      description:
        "Changes a person's details, unit or visibility, or archives/restores them. The institution's admins and " +
        "cooperation officers (API tokens with `directory:write`), and anyone for the person of their own account (not " +
        "archiving). Send the `version` you read (409 when stale).",
      params: IdParams,
      body: UpdatePerson.meta(requestExample(ex.updatePerson)),
      response: { 200: Person.meta({ examples: [ex.person] }), ...errorResponses, ...bodyErrorResponses },
    },
    handler: (req) => service.updatePerson(deps, req.ctx, req.params.id, req.body),
  });
}
