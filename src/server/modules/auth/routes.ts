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
import { errorResponses } from '../http.ts';
import * as service from './service.ts';

export function authRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];
  const setSessionCookie = (reply: FastifyReply, session: service.NewSession) =>
    reply.setCookie(SESSION_COOKIE, session.token, service.sessionCookieOptions(deps, session));
  const userAgent = (ua: string | undefined) => (ua ? ua.slice(0, 300) : null);

  r.post('/api/v1/auth/login', {
    schema: { tags, summary: 'Sign in with e-mail and password; starts a cookie session', body: Login, response: { 200: Me, 429: errorResponses[400], ...errorResponses } },
    handler: async (req, reply) => {
      const session = await service.login(deps, req.ctx, req.body, userAgent(req.headers['user-agent']));
      setSessionCookie(reply, session);
      return session.me;
    },
  });
  r.post('/api/v1/auth/logout', {
    schema: { tags, summary: 'End the current session', response: { 200: Ok } },
    handler: async (req, reply) => {
      await service.logout(deps, req.sessionHash);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  });
  r.get('/api/v1/me', {
    schema: { tags, summary: 'The signed-in user, institution and roles', response: { 200: Me, ...errorResponses } },
    handler: (req) => service.getMe(deps, req.ctx, req.csrfToken),
  });
  r.patch('/api/v1/me', {
    schema: { tags, summary: 'Change my display name or language', body: UpdateMe, response: { 200: Me, ...errorResponses } },
    handler: (req) => service.updateMe(deps, req.ctx, req.body, req.csrfToken),
  });
  r.post('/api/v1/me/password', {
    schema: { tags, summary: 'Change my password (other sessions end)', body: ChangePassword, response: { 200: Ok, ...errorResponses } },
    handler: async (req) => {
      await service.changePassword(deps, req.ctx, req.body, req.sessionHash);
      return { ok: true as const };
    },
  });
  r.post('/api/v1/auth/password-reset/request', {
    schema: { tags, summary: 'E-mail a password reset link (answers the same for unknown e-mails)', body: RequestPasswordReset, response: { 200: Ok, ...errorResponses } },
    handler: async (req) => {
      await service.requestPasswordReset(deps, req.ctx, req.body.email);
      return { ok: true as const };
    },
  });
  r.post('/api/v1/auth/password-reset', {
    schema: { tags, summary: 'Set a new password with a reset token', body: ResetPassword, response: { 200: Ok, ...errorResponses } },
    handler: async (req) => {
      await service.resetPassword(deps, req.ctx, req.body);
      return { ok: true as const };
    },
  });
  r.get('/api/v1/auth/invitations/:token', {
    schema: { tags, summary: 'What an invitation is for', params: z.object({ token: LinkToken }), response: { 200: InvitationPreview, ...errorResponses } },
    handler: (req) => service.previewInvitation(deps, req.params.token),
  });
  r.post('/api/v1/auth/invitations/accept', {
    schema: { tags, summary: 'Accept an invitation: set a password, create the account, sign in', body: AcceptInvitation, response: { 200: Me, ...errorResponses } },
    handler: async (req, reply) => {
      const session = await service.acceptInvitation(deps, req.ctx, req.body, userAgent(req.headers['user-agent']));
      setSessionCookie(reply, session);
      return session.me;
    },
  });
}
