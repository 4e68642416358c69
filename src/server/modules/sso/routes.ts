import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Text } from '../../../contracts/common.ts';
import { SESSION_COOKIE } from '../../platform/authn.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { sessionCookieOptions } from '../auth/service.ts';
import * as ex from './api-examples.ts';
import { errorResponses } from '../http.ts';
import { createOidcClient, finishLogin, notConfigured, PENDING_MINUTES, SsoError, startLogin } from './service.ts';

/** Holds the key of the browser's pending sign-in (its row in `oidc_logins`), only on the OIDC paths. */
const PENDING_COOKIE = 'hoptac_oidc';
const PENDING_COOKIE_PATH = '/api/v1/auth/oidc';

const SsoInfo = z.object({
  enabled: z.boolean(),
  name: z.string().nullable().describe('Label of the identity provider for the sign-in button'),
});
const Redirect = z.null().describe('302 redirect (Location header)');

export function ssoRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];
  const client = deps.config.oidc ? createOidcClient(deps.config.oidc) : null;
  const secure = deps.config.COOKIE_SECURE ?? deps.config.publicUrl.startsWith('https://');

  /** Every refusal goes back to the login page, which explains `sso_error` in the user's language. */
  const refuse = (req: FastifyRequest, reply: FastifyReply, error: SsoError) => {
    const level = error.code === 'idp_error' ? 'warn' : 'info';
    req.log[level]({ err: error.reason, ssoError: error.code }, 'single sign-on refused');
    const next = error.returnTo === '/' ? '' : `&next=${encodeURIComponent(error.returnTo)}`;
    return reply.redirect(`/login?sso_error=${error.code}${next}`, 302);
  };

  r.get('/api/v1/auth/oidc', {
    schema: {
      operationId: 'getSingleSignOn',
      tags,
      summary: 'Whether single sign-on is configured',
      description:
        "Whether single sign-on through the institution's identity provider (OpenID Connect) is configured, and the " +
        "provider's name for the sign-in button. Anyone may call it.",
      security: [],
      response: { 200: SsoInfo.meta({ examples: [ex.ssoInfo] }), 400: errorResponses[400] },
    },
    handler: () => ({ enabled: client !== null, name: client?.config.name ?? null }),
  });

  r.get('/api/v1/auth/oidc/start', {
    schema: {
      operationId: 'startSingleSignOn',
      tags,
      summary: 'Start single sign-on',
      description:
        'For the browser, not for API clients: redirects (302) to the identity provider and remembers the attempt in a ' +
        'short-lived cookie. A refused start redirects to the sign-in page with `sso_error`. 404 when single sign-on is ' +
        'not configured.',
      security: [],
      querystring: z.object({ returnTo: Text(2000).optional().describe('Path on this site to open after sign-in') }),
      response: { 302: Redirect, ...errorResponses },
    },
    handler: async (req, reply) => {
      if (!client) throw notConfigured();
      try {
        const { key, url } = await startLogin(deps, client, req.query.returnTo);
        reply.setCookie(PENDING_COOKIE, key, { httpOnly: true, sameSite: 'lax', secure, path: PENDING_COOKIE_PATH, maxAge: PENDING_MINUTES * 60 });
        return reply.redirect(url, 302);
      } catch (error) {
        if (error instanceof SsoError) return refuse(req, reply, error);
        throw error;
      }
    },
  });

  r.get('/api/v1/auth/oidc/callback', {
    schema: {
      operationId: 'finishSingleSignOn',
      tags,
      summary: 'Finish single sign-on',
      description:
        'For the browser, not for API clients: where the identity provider sends the browser back. Checks the answer ' +
        '(state, nonce, verified e-mail in an allowed domain), finds or creates the account, starts the session and ' +
        'redirects (302) to where the user wanted to go; a refusal redirects to the sign-in page with `sso_error`. 404 ' +
        'when single sign-on is not configured.',
      security: [],
      querystring: z.object({
        code: Text(4000).optional(),
        state: Text(4000).optional(),
        iss: Text(2000).optional(),
        error: Text(200).optional(),
        error_description: Text(2000).optional(),
      }),
      response: { 302: Redirect, ...errorResponses },
    },
    handler: async (req, reply) => {
      if (!client) throw notConfigured();
      const key = req.cookies[PENDING_COOKIE];
      reply.clearCookie(PENDING_COOKIE, { path: PENDING_COOKIE_PATH });
      const url = req.raw.url ?? '';
      const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
      const userAgent = req.headers['user-agent']?.slice(0, 300) ?? null;
      try {
        const { session, returnTo } = await finishLogin(deps, client, req.ctx, { key, query, userAgent, previousSession: req.sessionHash });
        reply.setCookie(SESSION_COOKIE, session.token, sessionCookieOptions(deps, session));
        return reply.redirect(returnTo, 302);
      } catch (error) {
        if (error instanceof SsoError) return refuse(req, reply, error);
        throw error;
      }
    },
  });
}
