import { randomBytes } from 'node:crypto';
import * as oidc from 'openid-client';
import { recordAudit } from '../../platform/audit.ts';
import type { OidcConfig } from '../../platform/config.ts';
import type { RequestContext, Role } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { sha256 } from '../../platform/secrets.ts';
import { accountAuditOwners } from '../accounts/policy.ts';
import { logout, type NewSession, startSession } from '../auth/service.ts';
import * as repo from './repository.ts';

// OpenID Connect sign-in (authorization code + PKCE + state + nonce) with openid-client. Nothing about
// a sign-in in progress lives in this process: the pending state is a row in `oidc_logins`, found by
// a random key kept in a short-lived cookie, so the callback may land on any app process.

export const CALLBACK_PATH = '/api/v1/auth/oidc/callback';
export const PENDING_MINUTES = 10;

/** Why a sign-in failed; the login page shows `auth.sso.errors.<code>`. */
export const SSO_ERRORS = ['idp_error', 'bad_state', 'email_unverified', 'domain_not_allowed', 'unknown_account', 'account_disabled'] as const;
export type SsoErrorCode = (typeof SSO_ERRORS)[number];

export class SsoError extends Error {
  /** Where the user was going, kept for the next attempt from the login page. */
  returnTo = '/';
  constructor(
    readonly code: SsoErrorCode,
    readonly reason?: unknown,
  ) {
    super(code);
  }
}

async function keepingReturnTo<T>(returnTo: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof SsoError) error.returnTo = returnTo;
    throw error;
  }
}

/** Discovers the provider once per app and keeps the result; a failed discovery is retried next time. */
export function createOidcClient(config: OidcConfig) {
  let discovered: Promise<oidc.Configuration> | undefined;
  return {
    config,
    configuration(): Promise<oidc.Configuration> {
      discovered ??= oidc
        // client_secret_basic: the default of OpenID Connect client registration, accepted by common providers.
        .discovery(config.issuer, config.clientId, config.clientSecret, oidc.ClientSecretBasic(config.clientSecret), {
          // The config schema only lets http:// through for a provider on this machine.
          execute: config.issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
          timeout: 10,
        })
        .catch((error: unknown) => {
          discovered = undefined;
          throw new SsoError('idp_error', error);
        });
      return discovered;
    },
  };
}
export type OidcClient = ReturnType<typeof createOidcClient>;

/** Only a path on this site is followed after sign-in (not `//host`, not `/\host`, no scheme). */
export function safeReturnTo(value: string | undefined): string {
  if (!value || value.length > 1000 || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  // Browsers ignore tabs and newlines in URLs, so `/\t/evil.test` would become `//evil.test`.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused here
  if (/[\u0000-\u001f\\]/.test(value)) return '/';
  return value;
}

export async function startLogin(deps: AppDeps, client: OidcClient, returnTo: string | undefined) {
  const configuration = await keepingReturnTo(safeReturnTo(returnTo), () => client.configuration());
  const key = randomBytes(32).toString('base64url');
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const expiresAt = new Date(deps.clock.now().getTime() + PENDING_MINUTES * 60_000);
  await repo.insertPendingLogin(deps.db, {
    key_hash: sha256(key),
    state,
    nonce,
    code_verifier: codeVerifier,
    return_to: safeReturnTo(returnTo),
    expires_at: expiresAt,
  });
  const url = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: `${deps.config.publicUrl}${CALLBACK_PATH}`,
    scope: 'openid email profile',
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
  });
  return { key, url: url.href, expiresAt };
}

interface Identity {
  subject: string;
  email: string;
  name: string | null;
  locale: string | null;
}

/** Exchanges the code and answers the verified identity, or throws SsoError. */
async function verifyCallback(deps: AppDeps, client: OidcClient, key: string | undefined, query: string): Promise<{ identity: Identity; returnTo: string }> {
  if (!key) throw new SsoError('bad_state');
  const pending = await repo.takePendingLogin(deps.db, sha256(key));
  if (!pending || pending.expires_at <= deps.clock.now()) throw new SsoError('bad_state');
  return keepingReturnTo(pending.return_to, () => verifyResponse(deps, client, pending, query));
}

async function verifyResponse(deps: AppDeps, client: OidcClient, pending: repo.PendingLogin, query: string) {
  const params = new URLSearchParams(query);
  // Checked before anything else: an answer that does not belong to this browser's sign-in is refused
  // whatever it says (openid-client checks it again).
  if (params.get('state') !== pending.state) throw new SsoError('bad_state');

  const configuration = await client.configuration();
  // The URL the provider redirected to, as the public address: behind a proxy the request's own host differs.
  const currentUrl = new URL(`${deps.config.publicUrl}${CALLBACK_PATH}?${params}`);
  let claims: Record<string, unknown>;
  try {
    const tokens = await oidc.authorizationCodeGrant(configuration, currentUrl, {
      pkceCodeVerifier: pending.code_verifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims();
    if (!idClaims) throw new Error('no ID token');
    claims = { ...idClaims };
    // Many providers give e-mail claims only at the userinfo endpoint.
    if (claims.email === undefined || claims.email_verified === undefined) {
      const info = await oidc.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
      claims = { ...info, ...claims };
    }
  } catch (error) {
    throw new SsoError('idp_error', error);
  }
  const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
  if (!email.includes('@') || claims.email_verified !== true) throw new SsoError('email_unverified');
  return {
    identity: {
      subject: String(claims.sub),
      email,
      name: typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 200) : null,
      locale: typeof claims.locale === 'string' ? claims.locale : null,
    },
    returnTo: pending.return_to,
  };
}

/**
 * Finishes a sign-in: the account with the verified e-mail, else one from an open invitation, else (with
 * OIDC_AUTO_CREATE) a new member of the institution its domain maps to. Answers the new session.
 */
export async function finishLogin(
  deps: AppDeps,
  client: OidcClient,
  ctx: RequestContext,
  input: { key: string | undefined; query: string; userAgent: string | null; previousSession: string | null },
): Promise<{ session: NewSession; returnTo: string }> {
  const { identity, returnTo } = await verifyCallback(deps, client, input.key, input.query);
  const session = await keepingReturnTo(returnTo, () => signInAs(deps, client, ctx, identity, input.userAgent));
  // A session this browser already had (maybe someone else's) ends with the new sign-in.
  await logout(deps, input.previousSession);
  return { session, returnTo };
}

async function signInAs(deps: AppDeps, client: OidcClient, ctx: RequestContext, identity: Identity, userAgent: string | null): Promise<NewSession> {
  const domain = identity.email.slice(identity.email.lastIndexOf('@') + 1);
  const institutionCode = client.config.domains[domain];
  // The provider is trusted only for the domains it is configured for.
  if (!institutionCode) throw new SsoError('domain_not_allowed');
  const issuer = client.config.issuer.href;

  return inTransaction(deps.db, async (tx) => {
    let user = await repo.findUserByEmail(tx, identity.email);
    let created: 'invitation' | 'auto_create' | null = null;
    if (!user) {
      const invitation = await repo.findOpenInvitation(tx, identity.email, deps.clock.now());
      if (invitation && (await repo.claimInvitation(tx, invitation.id))) {
        const person = await repo.findPersonByEmail(tx, invitation.institution_id, identity.email);
        user = await repo.insertUser(tx, {
          institution_id: invitation.institution_id,
          email: identity.email,
          display_name: invitation.display_name,
          language: invitation.language,
          roles: invitation.roles,
          person_id: person?.id ?? null,
        });
        created = 'invitation';
      } else if (client.config.autoCreate) {
        const institution = await repo.findInstitutionByCode(tx, institutionCode);
        if (!institution) throw new SsoError('unknown_account', `OIDC_DOMAINS maps ${domain} to ${institutionCode}, which does not exist`);
        const person = await repo.findPersonByEmail(tx, institution.id, identity.email);
        user = await repo.insertUser(tx, {
          institution_id: institution.id,
          email: identity.email,
          display_name: identity.name ?? identity.email.slice(0, identity.email.indexOf('@')),
          language: identity.locale?.toLowerCase().startsWith('en') ? 'en' : 'vi',
          roles: ['member'],
          person_id: person?.id ?? null,
        });
        created = 'auto_create';
      }
    }
    if (!user) throw new SsoError('unknown_account');
    if (user.status !== 'active') throw new SsoError('account_disabled');

    const actorCtx: RequestContext = {
      ...ctx,
      actor: { kind: 'user', userId: user.id, tokenId: null, institutionId: user.institution_id, roles: user.roles as Role[], scopes: null, label: user.email },
    };
    const via = { issuer, subject: identity.subject };
    if (created === 'invitation') {
      await recordAudit(tx, actorCtx, { entity: 'user', entityId: user.id, action: 'accept_invitation', owners: [user.institution_id], after: { email: user.email, roles: user.roles, ...via } });
    } else if (created === 'auto_create') {
      await recordAudit(tx, actorCtx, { entity: 'user', entityId: user.id, action: 'create', owners: [user.institution_id], after: { email: user.email, roles: user.roles, ...via } });
    }
    await recordAudit(tx, actorCtx, { entity: 'user', entityId: user.id, action: 'sso_login', owners: accountAuditOwners(user), after: via });
    return startSession(deps, tx, user.id, userAgent);
  });
}

export function notConfigured() {
  return new AppError('not_found', { params: { entity: 'entities.route' } });
}
