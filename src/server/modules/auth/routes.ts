import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AcceptInvitation,
  ChangePassword,
  InvitationPreview,
  LinkToken,
  Login,
  Me,
  RequestPasswordReset,
  ResetPassword,
  UpdateMe,
} from '../../../contracts/accounts.ts';
import { Ok } from '../../../contracts/common.ts';
import { SESSION_COOKIE } from '../../platform/authn.ts';
import type { AppDeps } from '../../platform/deps.ts';
import * as ex from './api-examples.ts';
import { bodyErrorResponses, errorResponses, rateLimitedResponses, requestExample } from '../http.ts';
import * as service from './service.ts';

export function authRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];
  const setSessionCookie = (reply: FastifyReply, session: service.NewSession) =>
    reply.setCookie(SESSION_COOKIE, session.token, service.sessionCookieOptions(deps, session));
  const userAgent = (ua: string | undefined) => (ua ? ua.slice(0, 300) : null);

  r.post('/api/v1/auth/login', {
    schema: {
      operationId: 'login',
      tags,
      summary: 'Sign in with e-mail and password',
      description:
        'Checks the e-mail and password and starts a cookie session (the `hoptac_session` cookie); answers the ' +
        'signed-in user as GET /me does, with the CSRF token to send as `X-CSRF-Token` on later writes. Anyone may call ' +
        'it. 401 `invalid_credentials` for a wrong e-mail or password, 403 for a disabled account, 429 `rate_limited` ' +
        'after too many failed attempts for the e-mail or from the address.',
      body: Login.meta(requestExample(ex.login)),
      response: { 200: Me.meta({ examples: [ex.me] }), ...errorResponses, ...rateLimitedResponses, ...bodyErrorResponses },
    },
    handler: async (req, reply) => {
      const session = await service.login(deps, req.ctx, req.body, userAgent(req.headers['user-agent']));
      setSessionCookie(reply, session);
      return session.me;
    },
  });
  r.post('/api/v1/auth/logout', {
    schema: {
      operationId: 'logout',
      tags,
      summary: 'Sign out',
      description:
        'Ends the current cookie session and clears its cookie; answers 200 also without a session. A cookie session ' +
        'must send its `X-CSRF-Token` (403 otherwise).',
      response: { 200: Ok.meta({ examples: [ex.ok] }), 403: errorResponses[403] },
    },
    handler: async (req, reply) => {
      await service.logout(deps, req.sessionHash);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  });
  r.get('/api/v1/me', {
    schema: {
      operationId: 'getMe',
      tags,
      summary: 'The signed-in user, institution and permissions',
      description:
        'Who is calling: the account (or, for an API token, the institution it acts for), the roles, what the caller ' +
        'may do before opening any record (`permissions`), the years dates may fall in, and the CSRF token of a cookie ' +
        'session. Any signed-in user or API token; 401 otherwise.',
      response: { 200: Me.meta({ examples: [ex.me] }), ...errorResponses },
    },
    handler: (req) => service.getMe(deps, req.ctx, req.csrfToken),
  });
  r.patch('/api/v1/me', {
    schema: {
      operationId: 'updateMe',
      tags,
      summary: 'Change my display name or language',
      description:
        'Changes the display name or the language (of the app and of e-mails) of the signed-in account. Users only (403 ' +
        'for API tokens). Send the `version` you read: 409 `version_conflict` when the account changed since.',
      body: UpdateMe.meta(requestExample(ex.updateMe)),
      response: { 200: Me.meta({ examples: [ex.me] }), ...errorResponses, ...bodyErrorResponses },
    },
    handler: (req) => service.updateMe(deps, req.ctx, req.body, req.csrfToken),
  });
  r.post('/api/v1/me/password', {
    schema: {
      operationId: 'changeMyPassword',
      tags,
      summary: 'Change my password',
      description:
        "Sets a new password after checking the current one (400 `validation_failed` on `currentPassword` when it is " +
        "wrong); the account's other sessions end, this one stays. Users only (403 for API tokens).",
      body: ChangePassword.meta(requestExample(ex.changePassword)),
      response: { 200: Ok.meta({ examples: [ex.ok] }), ...errorResponses, ...bodyErrorResponses },
    },
    handler: async (req) => {
      await service.changePassword(deps, req.ctx, req.body, req.sessionHash);
      return { ok: true as const };
    },
  });
  r.post('/api/v1/auth/password-reset/request', {
    schema: {
      operationId: 'requestPasswordReset',
      tags,
      summary: 'E-mail a password reset link',
      description:
        'Sends a one-time reset link to the account with this e-mail, if there is one; answers the same for unknown ' +
        'e-mails, so it tells nobody which addresses have accounts. Anyone may call it. 429 after too many requests for ' +
        'the e-mail or from the address.',
      body: RequestPasswordReset.meta(requestExample(ex.requestPasswordReset)),
      response: { 200: Ok.meta({ examples: [ex.ok] }), ...errorResponses, ...rateLimitedResponses, ...bodyErrorResponses },
    },
    handler: async (req) => {
      await service.requestPasswordReset(deps, req.ctx, req.body.email);
      return { ok: true as const };
    },
  });
  r.post('/api/v1/auth/password-reset', {
    schema: {
      operationId: 'resetPassword',
      tags,
      summary: 'Set a new password with a reset link',
      description:
        'Sets the password of the account the reset link was sent to, and ends all its sessions and its other reset ' +
        'links. Anyone holding the link may call it; 400 `token_invalid` when the link is unknown, used or expired.',
      body: ResetPassword.meta(requestExample(ex.resetPassword)),
      response: { 200: Ok.meta({ examples: [ex.ok] }), ...errorResponses, ...bodyErrorResponses },
    },
    handler: async (req) => {
      await service.resetPassword(deps, req.ctx, req.body);
      return { ok: true as const };
    },
  });
  r.get('/api/v1/auth/invitations/:token', {
    schema: {
      operationId: 'getInvitation',
      tags,
      summary: 'What an invitation is for',
      description:
        'The e-mail, name, institution and roles of a pending invitation, for the page that accepts it. Anyone holding ' +
        'the link; 400 `token_invalid` when it is unknown, accepted, revoked or expired.',
      params: z.object({ token: LinkToken }),
      response: { 200: InvitationPreview.meta({ examples: [ex.invitationPreview] }), ...errorResponses },
    },
    handler: (req) => service.previewInvitation(deps, req.params.token),
  });
  r.post('/api/v1/auth/invitations/accept', {
    schema: {
      operationId: 'acceptInvitation',
      tags,
      summary: 'Accept an invitation',
      description:
        'Sets the password, creates the account with the invited roles and signs in (starts a cookie session, answers ' +
        'as GET /me). Anyone holding the link; 400 `token_invalid` when it is unknown, accepted, revoked or expired.',
      body: AcceptInvitation.meta(requestExample(ex.acceptInvitation)),
      response: { 200: Me.meta({ examples: [ex.me] }), ...errorResponses, ...bodyErrorResponses },
    },
    handler: async (req, reply) => {
      const session = await service.acceptInvitation(deps, req.ctx, req.body, userAgent(req.headers['user-agent']));
      setSessionCookie(reply, session);
      return session.me;
    },
  });
}
