import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ApiTokenList,
  CreateApiToken,
  CreatedApiToken,
  CreateInvitation,
  Invitation,
  InvitationList,
  UpdateUser,
  User,
  UserListQuery,
  UserPage,
} from '../../../contracts/accounts.ts';
import { IdParams, Ok } from '../../../contracts/common.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { errorResponses } from '../http.ts';
import * as service from './service.ts';

export function accountRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['admin'];
  r.get('/api/v1/admin/users', {
    schema: { tags, summary: "My institution's accounts", querystring: UserListQuery, response: { 200: UserPage, ...errorResponses } },
    handler: (req) => service.listUsers(deps, req.ctx, req.query),
  });
  r.patch('/api/v1/admin/users/:id', {
    schema: { tags, summary: 'Change roles, status or name of an account', params: IdParams, body: UpdateUser, response: { 200: User, ...errorResponses } },
    handler: (req) => service.updateUser(deps, req.ctx, req.params.id, req.body),
  });
  r.get('/api/v1/admin/invitations', {
    schema: { tags, summary: 'Invitations of my institution', response: { 200: InvitationList, ...errorResponses } },
    handler: (req) => service.listInvitations(deps, req.ctx),
  });
  r.post('/api/v1/admin/invitations', {
    schema: { tags, summary: 'Invite a person by e-mail', body: CreateInvitation, response: { 201: Invitation, ...errorResponses } },
    handler: async (req, reply) => reply.status(201).send(await service.inviteUser(deps, req.ctx, req.body)),
  });
  r.delete('/api/v1/admin/invitations/:id', {
    schema: { tags, summary: 'Revoke a pending invitation', params: IdParams, response: { 200: Ok, ...errorResponses } },
    handler: async (req) => {
      await service.revokeInvitation(deps, req.ctx, req.params.id);
      return { ok: true as const };
    },
  });
  r.get('/api/v1/admin/api-tokens', {
    schema: { tags, summary: "My institution's API tokens", response: { 200: ApiTokenList, ...errorResponses } },
    handler: (req) => service.listApiTokens(deps, req.ctx),
  });
  r.post('/api/v1/admin/api-tokens', {
    schema: { tags, summary: 'Create an API token (the secret is shown once)', body: CreateApiToken, response: { 201: CreatedApiToken, ...errorResponses } },
    handler: async (req, reply) => reply.status(201).send(await service.createApiToken(deps, req.ctx, req.body)),
  });
  r.delete('/api/v1/admin/api-tokens/:id', {
    schema: { tags, summary: 'Revoke an API token', params: IdParams, response: { 200: Ok, ...errorResponses } },
    handler: async (req) => {
      await service.revokeApiToken(deps, req.ctx, req.params.id);
      return { ok: true as const };
    },
  });
}
