import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../platform/config.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { buildInstitution, buildUser } from '../../testing/factories.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';
import { CALLBACK_PATH, safeReturnTo } from './service.ts';
import { TestBrowser } from './test-browser.ts';
import { startTestIdp, type TestIdp } from './test-idp.ts';

// Single sign-on against a real OpenID Connect provider (oidc-provider on 127.0.0.1), driven with real
// HTTP requests: the IdP's redirects, the app's callback, then the session cookie on /api/v1/me.
// PUBLIC is the app's public address; the test browser sends it to the listening app process.
const PUBLIC = 'http://hoptac.test';

let idp: TestIdp;
let t: TestApp;
let auto: TestApp;
const extraApps: FastifyInstance[] = [];

function oidcEnv(extra: Record<string, string> = {}) {
  return {
    PUBLIC_URL: PUBLIC,
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: idp.clientId,
    OIDC_CLIENT_SECRET: idp.clientSecret,
    OIDC_NAME: 'VNU SSO',
    OIDC_DOMAINS: 'uni.test=SSOUNI, hospital.test=SSOHOSP',
    ...extra,
  };
}

beforeAll(async () => {
  idp = await startTestIdp({ redirectUri: `${PUBLIC}${CALLBACK_PATH}` });
  t = await startTestApp({ listen: true, env: oidcEnv() });
  auto = await startTestApp({ listen: true, env: oidcEnv({ OIDC_AUTO_CREATE: '1' }) });
  for (const app of [t, auto]) {
    await buildInstitution(app.database.db, { code: 'SSOUNI', kind: 'university' });
    await buildInstitution(app.database.db, { code: 'SSOHOSP', kind: 'hospital' });
  }
});
afterAll(async () => {
  for (const app of extraApps) await app.close();
  await t?.close();
  await auto?.close();
  await idp?.close();
});

const institutionId = async (app: TestApp, code: string) =>
  (await app.database.db.selectFrom('institutions').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;

/** A second app process on the same database (as behind a load balancer). */
async function anotherProcess(deps: AppDeps) {
  const app = await buildApp(deps, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  extraApps.push(app);
  return { app, url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
}

interface SignIn {
  returnTo?: string;
  browser?: TestBrowser;
  /** Changes the IdP's redirect to the callback before the browser follows it. */
  beforeCallback?: (url: URL, browser: TestBrowser) => void;
}

/** Clicks "Sign in with …" and follows the redirects until the app sends the browser to one of its pages. */
async function signIn(app: TestApp, login: TestIdp['nextLogin'], options: SignIn = {}) {
  const browser = options.browser ?? new TestBrowser({ [PUBLIC]: app.url });
  idp.nextLogin = login;
  const query = options.returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(options.returnTo)}`;
  let url = `${PUBLIC}/api/v1/auth/oidc/start${query}`;
  for (let hop = 0; hop < 12; hop++) {
    if (url.startsWith(`${PUBLIC}${CALLBACK_PATH}`) && options.beforeCallback) {
      const changed = new URL(url);
      options.beforeCallback(changed, browser);
      url = changed.href;
    }
    const res = await browser.get(url);
    if (!res.location) throw new Error(`${url} answered ${res.status} without a redirect: ${res.body.slice(0, 300)}`);
    if (url.startsWith(PUBLIC) && res.location.startsWith(PUBLIC)) return { browser, location: res.location.slice(PUBLIC.length), callbackUrl: url, setCookie: res.setCookie };
    url = res.location;
  }
  throw new Error('too many redirects');
}

async function me(browser: TestBrowser) {
  const res = await browser.get(`${PUBLIC}/api/v1/me`);
  return { status: res.status, body: JSON.parse(res.body) };
}

describe('single sign-on with OpenID Connect', () => {
  it('tells the login page whether it is enabled, and its name', async () => {
    const res = await t.client().get('/api/v1/auth/oidc');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ enabled: true, name: 'VNU SSO' });
  });

  it('signs in an existing account, starts the normal session and goes back to returnTo', async () => {
    const user = await buildUser(t.database.db, await institutionId(t, 'SSOUNI'), ['cooperation_officer'], { email: 'an.nguyen@uni.test' });
    const sub = idp.addAccount({ email: 'An.Nguyen@uni.test', email_verified: true, name: 'Nguyễn An' });
    const result = await signIn(t, sub, { returnTo: '/agreements?status=active' });
    expect(result.location).toBe('/agreements?status=active');
    const cookie = result.setCookie.find((c) => c.startsWith('hoptac_session='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(result.browser.cookie(PUBLIC, 'hoptac_oidc')).toBeUndefined();

    const res = await me(result.browser);
    expect(res.status).toBe(200);
    expect(res.body.user.id).toBe(user.id);
    expect(res.body.roles).toEqual(['cooperation_officer']);
    const session = await t.database.db.selectFrom('sessions').select('csrf_token').where('user_id', '=', user.id).executeTakeFirstOrThrow();
    expect(res.body.csrfToken).toBe(session.csrf_token);

    const audit = await t.database.db.selectFrom('audit_log').selectAll().where('entity_id', '=', user.id).where('action', '=', 'sso_login').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].actor_user_id).toBe(user.id);
    expect(audit[0].after).toEqual({ issuer: `${idp.issuer}/`, subject: sub });
    // The pending sign-in was used up.
    expect(await t.database.db.selectFrom('oidc_logins').selectAll().execute()).toHaveLength(0);
  });

  it('keeps the pending sign-in in PostgreSQL: another app process can finish it', async () => {
    await buildUser(t.database.db, await institutionId(t, 'SSOUNI'), ['member'], { email: 'binh.tran@uni.test' });
    const sub = idp.addAccount({ email: 'binh.tran@uni.test', email_verified: true });
    const other = await anotherProcess(t.deps);
    const result = await signIn(t, sub, {
      beforeCallback: (_url, browser) => {
        browser.hosts[PUBLIC] = other.url;
      },
    });
    expect(result.location).toBe('/');
    expect((await me(result.browser)).body.user.email).toBe('binh.tran@uni.test');
  });

  it('refuses an e-mail without an account when accounts are not created automatically', async () => {
    const sub = idp.addAccount({ email: 'stranger@uni.test', email_verified: true });
    const result = await signIn(t, sub, { returnTo: '/people?q=an' });
    // The login page keeps where the user was going, for another attempt.
    expect(result.location).toBe('/login?sso_error=unknown_account&next=%2Fpeople%3Fq%3Dan');
    expect(result.browser.cookie(PUBLIC, 'hoptac_session')).toBeUndefined();
    expect(await t.database.db.selectFrom('users').select('id').where('email', '=', 'stranger@uni.test').executeTakeFirst()).toBeUndefined();
  });

  it('lets an invited person in: the account gets the invitation’s institution and roles', async () => {
    const institution = await buildInstitution(t.database.db);
    const admin = await buildUser(t.database.db, institution.id, ['institution_admin']);
    const a = await t.login(admin.email);
    const inv = await a.post('/api/v1/admin/invitations', { email: 'invited@hospital.test', displayName: 'Bác sĩ Mời', roles: ['coordinator'] });
    expect(inv.status).toBe(201);
    const result = await signIn(t, idp.addAccount({ email: 'invited@hospital.test', email_verified: true }));
    expect(result.location).toBe('/');
    const res = await me(result.browser);
    expect(res.body.user.displayName).toBe('Bác sĩ Mời');
    expect(res.body.institution.id).toBe(institution.id);
    expect(res.body.roles).toEqual(['coordinator']);
    expect((await a.get('/api/v1/admin/invitations')).body.items[0].status).toBe('accepted');
  });

  it('refuses an e-mail the provider has not verified', async () => {
    await buildUser(t.database.db, await institutionId(t, 'SSOUNI'), ['member'], { email: 'unverified@uni.test' });
    const result = await signIn(t, idp.addAccount({ email: 'unverified@uni.test', email_verified: false }));
    expect(result.location).toBe('/login?sso_error=email_unverified');
    expect((await me(result.browser)).status).toBe(401);
  });

  it('refuses e-mail domains the provider is not configured for, even with an account', async () => {
    await buildUser(t.database.db, await institutionId(t, 'SSOUNI'), ['member'], { email: 'someone@elsewhere.test' });
    const result = await signIn(t, idp.addAccount({ email: 'someone@elsewhere.test', email_verified: true }));
    expect(result.location).toBe('/login?sso_error=domain_not_allowed');
  });

  it('refuses a disabled account', async () => {
    const user = await buildUser(t.database.db, await institutionId(t, 'SSOUNI'), ['member'], { email: 'disabled@uni.test' });
    await t.database.db.updateTable('users').set({ status: 'disabled' }).where('id', '=', user.id).execute();
    const result = await signIn(t, idp.addAccount({ email: 'disabled@uni.test', email_verified: true }));
    expect(result.location).toBe('/login?sso_error=account_disabled');
  });

  it('refuses a tampered state, a missing pending sign-in and a replayed callback', async () => {
    await buildUser(t.database.db, await institutionId(t, 'SSOUNI'), ['member'], { email: 'chi.le@uni.test' });
    const sub = idp.addAccount({ email: 'chi.le@uni.test', email_verified: true });

    const tampered = await signIn(t, sub, { beforeCallback: (url) => url.searchParams.set('state', `${url.searchParams.get('state')}x`) });
    expect(tampered.location).toBe('/login?sso_error=bad_state');
    expect((await me(tampered.browser)).status).toBe(401);

    // The IdP's answer, opened in a browser that did not start this sign-in (login CSRF).
    let stolen = '';
    const elsewhere = await signIn(t, sub, {
      beforeCallback: (url) => {
        stolen = url.href;
      },
    });
    expect(elsewhere.location).toBe('/');
    const attacker = new TestBrowser({ [PUBLIC]: t.url });
    const replay = await attacker.get(stolen);
    expect(replay.location).toBe(`${PUBLIC}/login?sso_error=bad_state`);
    expect((await me(attacker)).status).toBe(401);
  });

  it('answers an error of the identity provider with idp_error', async () => {
    const result = await signIn(t, { error: 'access_denied' });
    expect(result.location).toBe('/login?sso_error=idp_error');
  });

  it('ignores a returnTo that leaves the site', async () => {
    await buildUser(t.database.db, await institutionId(t, 'SSOUNI'), ['member'], { email: 'dung.pham@uni.test' });
    const sub = idp.addAccount({ email: 'dung.pham@uni.test', email_verified: true });
    for (const returnTo of ['https://evil.test/steal', '//evil.test/steal', '/\\evil.test', 'javascript:alert(1)']) {
      const result = await signIn(t, sub, { returnTo });
      expect(result.location, returnTo).toBe('/');
    }
    expect(safeReturnTo('/people?q=an#top')).toBe('/people?q=an#top');
    expect(safeReturnTo('/\t/evil.test')).toBe('/');
  });

  it('sends the browser back to the login page when the provider cannot be reached', async () => {
    const oidc = t.deps.config.oidc!;
    const app = await buildApp({ ...t.deps, config: { ...t.deps.config, oidc: { ...oidc, issuer: new URL('http://127.0.0.1:9/') } } }, { logger: false });
    extraApps.push(app);
    const res = await app.inject({ method: 'GET', url: '/api/v1/auth/oidc/start' });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/login?sso_error=idp_error');
  });
});

describe('automatic accounts (OIDC_AUTO_CREATE=1)', () => {
  it('creates a member of the institution the e-mail domain maps to', async () => {
    const sub = idp.addAccount({ email: 'new.doctor@hospital.test', email_verified: true, name: 'Bác sĩ Mới', locale: 'en-US' });
    const result = await signIn(auto, sub, { returnTo: '/people' });
    expect(result.location).toBe('/people');
    const res = await me(result.browser);
    expect(res.status).toBe(200);
    expect(res.body.user.email).toBe('new.doctor@hospital.test');
    expect(res.body.user.displayName).toBe('Bác sĩ Mới');
    expect(res.body.user.language).toBe('en');
    expect(res.body.roles).toEqual(['member']);
    expect(res.body.institution.id).toBe(await institutionId(auto, 'SSOHOSP'));
    const user = await auto.database.db.selectFrom('users').selectAll().where('email', '=', 'new.doctor@hospital.test').executeTakeFirstOrThrow();
    expect(user.password_hash).toBeNull();
    const actions = await auto.database.db.selectFrom('audit_log').select('action').where('entity_id', '=', user.id).orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual(['create', 'sso_login']);

    // The second time, the same account signs in.
    const again = await signIn(auto, sub);
    expect((await me(again.browser)).body.user.id).toBe(user.id);
  });

  it('still refuses unverified e-mails and unmapped domains', async () => {
    expect((await signIn(auto, idp.addAccount({ email: 'x@uni.test', email_verified: false }))).location).toBe('/login?sso_error=email_unverified');
    expect((await signIn(auto, idp.addAccount({ email: 'x@other.test', email_verified: true }))).location).toBe('/login?sso_error=domain_not_allowed');
    const users = await auto.database.db.selectFrom('users').select('email').where('email', 'in', ['x@uni.test', 'x@other.test']).execute();
    expect(users).toEqual([]);
  });
});

describe('without single sign-on configured', () => {
  it('says so, and its routes answer a clean 404', async () => {
    const app = await buildApp({ ...t.deps, config: { ...t.deps.config, oidc: null } }, { logger: false });
    extraApps.push(app);
    const info = await app.inject({ method: 'GET', url: '/api/v1/auth/oidc' });
    expect(info.json()).toEqual({ enabled: false, name: null });
    for (const url of ['/api/v1/auth/oidc/start?returnTo=/x', '/api/v1/auth/oidc/callback?code=a&state=b']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
  });
});

describe('configuration', () => {
  const base = { OIDC_ISSUER: 'https://sso.vnu.edu.vn/realms/vnu', OIDC_CLIENT_ID: 'hoptac', OIDC_CLIENT_SECRET: 's3cret', OIDC_DOMAINS: 'vnu.edu.vn=VNU,hus.edu.vn=VNU' };

  it('reads the OIDC variables', () => {
    expect(loadConfig({}).oidc).toBeNull();
    const c = loadConfig({ ...base, OIDC_NAME: 'VNU SSO' }).oidc!;
    expect(c.issuer.href).toBe('https://sso.vnu.edu.vn/realms/vnu');
    expect(c.domains).toEqual({ 'vnu.edu.vn': 'VNU', 'hus.edu.vn': 'VNU' });
    expect(c.name).toBe('VNU SSO');
    expect(c.autoCreate).toBe(false);
    expect(loadConfig({ ...base, OIDC_AUTO_CREATE: '1' }).oidc!.autoCreate).toBe(true);
  });

  it('names the variable that is missing or wrong', () => {
    expect(() => loadConfig({ OIDC_ISSUER: base.OIDC_ISSUER })).toThrow(/OIDC_CLIENT_ID: required[\s\S]*OIDC_CLIENT_SECRET: required[\s\S]*OIDC_DOMAINS: required/);
    expect(() => loadConfig({ ...base, OIDC_ISSUER: 'http://sso.example.org' })).toThrow(/OIDC_ISSUER: must be an https/);
    expect(() => loadConfig({ ...base, OIDC_DOMAINS: 'vnu.edu.vn:VNU' })).toThrow(/OIDC_DOMAINS: expected domain=CODE/);
    expect(() => loadConfig({ ...base, OIDC_AUTO_CREATE: 'maybe' })).toThrow(/OIDC_AUTO_CREATE/);
    expect(loadConfig({ ...base, OIDC_ISSUER: 'http://127.0.0.1:8080' }).oidc!.issuer.port).toBe('8080');
  });
});
