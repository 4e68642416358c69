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
import * as ex from './api-examples.ts';
import { bodyErrorResponses, errorResponses, requestExample } from '../http.ts';
import * as service from './service.ts';

export function accountRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['accounts'];
  r.get('/api/v1/admin/users', {
    schema: {
      operationId: 'listUsers',
      tags,
      summary: "My institution's accounts",
      description:
        "The accounts of the caller's institution (never accounts ranked above the caller), searchable by name or " +
        "e-mail, filtered by role and status. Institution admins (platform admins: every institution); 403 for others.",
      querystring: UserListQuery,
      response: { 200: UserPage.meta({ examples: [ex.userPage] }), ...errorResponses },
    },
    handler: (req) => service.listUsers(deps, req.ctx, req.query),
  });
  r.patch('/api/v1/admin/users/:id', {
    schema: {
      operationId: 'updateUser',
      tags,
      summary: 'Change the roles, status or name of an account',
      description:
        "Changes an account of the caller's institution: roles (only those the caller may grant), status (a disabled " +
        "account's sessions end), display name, the person it speaks for. Institution admins; 404 for accounts out of " +
        "reach; 409 when it would leave the institution without an admin, or the `version` is stale.",
      params: IdParams,
      body: UpdateUser.meta(requestExample(ex.updateUser)),
      response: { 200: User.meta({ examples: [ex.user] }), ...errorResponses, ...bodyErrorResponses },
    },
    handler: (req) => service.updateUser(deps, req.ctx, req.params.id, req.body),
  });
  r.get('/api/v1/admin/invitations', {
    schema: {
      operationId: 'listInvitations',
      tags,
      summary: 'Invitations of my institution',
      description: "Pending, accepted, expired and revoked invitations of the caller's institution, newest first. Institution admins.",
      response: { 200: InvitationList.meta({ examples: [ex.invitationList] }), ...errorResponses },
    },
    handler: (req) => service.listInvitations(deps, req.ctx),
  });
  r.post('/api/v1/admin/invitations', {
    schema: {
      operationId: 'createInvitation',
      tags,
      summary: 'Invite a person by e-mail',
      description:
        "Sends an invitation (in the chosen language) to create an account with these roles in the caller's " +
        "institution. Institution admins, granting only roles they may grant (400 otherwise); 409 `duplicate` when the " +
        "e-mail already has an account.",
      body: CreateInvitation.meta(requestExample(ex.createInvitation)),
      response: { 201: Invitation.meta({ examples: [ex.invitation] }), ...errorResponses, ...bodyErrorResponses },
    },
    handler: async (req, reply) => reply.status(201).send(await service.inviteUser(deps, req.ctx, req.body)),
  });
  r.delete('/api/v1/admin/invitations/:id', {
    schema: {
      operationId: 'revokeInvitation',
      tags,
      summary: 'Revoke a pending invitation',
      description: "Makes the invitation's link unusable. Institution admins, for invitations of their institution; 404 for others.",
      params: IdParams,
      response: { 200: Ok.meta({ examples: [ex.ok] }), ...errorResponses },
    },
    handler: async (req) => {
      await service.revokeInvitation(deps, req.ctx, req.params.id);
      return { ok: true as const };
    },
  });
  r.get('/api/v1/admin/api-tokens', {
    schema: {
      operationId: 'listApiTokens',
      tags,
      summary: "My institution's API tokens",
      description: "The API tokens of the caller's institution, with their scopes, expiry and last use (never the secret). Institution admins.",
      response: { 200: ApiTokenList.meta({ examples: [ex.apiTokenList] }), ...errorResponses },
    },
    handler: (req) => service.listApiTokens(deps, req.ctx),
  });
  r.post('/api/v1/admin/api-tokens', {
    schema: {
      operationId: 'createApiToken',
      tags,
      summary: 'Create an API token',
      description:
        "Creates a token that acts for the caller's institution as a cooperation officer, limited to its scopes; the " +
        "secret (`token`) is in this answer only — store it now. Institution admins signed in as users (403 for API " +
        "tokens).",
      body: CreateApiToken.meta(requestExample(ex.createApiToken)),
      response: { 201: CreatedApiToken.meta({ examples: [ex.createdApiToken] }), ...errorResponses, ...bodyErrorResponses },
    },
    handler: async (req, reply) => reply.status(201).send(await service.createApiToken(deps, req.ctx, req.body)),
  });
  r.delete('/api/v1/admin/api-tokens/:id', {
    schema: {
      operationId: 'revokeApiToken',
      tags,
      summary: 'Revoke an API token',
      description: 'The token stops working at once. Institution admins, for tokens of their institution; 404 for others.',
      params: IdParams,
      response: { 200: Ok.meta({ examples: [ex.ok] }), ...errorResponses },
    },
    handler: async (req) => {
      await service.revokeApiToken(deps, req.ctx, req.params.id);
      return { ok: true as const };
    },
  });
}
