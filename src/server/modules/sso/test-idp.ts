import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Account, type OidcContext } from 'oidc-provider';

// A real OpenID Connect provider (oidc-provider) on a random loopback port, for the SSO tests. Its
// login screen is replaced by `nextLogin`: the test says who signs in (or that the user refuses).

export interface IdpAccount {
  email: string;
  email_verified: boolean;
  name?: string;
  locale?: string;
}

export interface TestIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Adds an account; answers its subject (the id to put in `nextLogin`). */
  addAccount(account: IdpAccount): string;
  /** Who signs in at the next login screen, or the error the user chooses there. */
  nextLogin: string | { error: string };
  close(): Promise<void>;
}

type Payload = Record<string, unknown> & { uid?: string; grantId?: string; userCode?: string; consumed?: number };

/** oidc-provider's storage for this test provider: a Map per provider (its own would warn on every run). */
function mapAdapter() {
  const store = new Map<string, Payload>();
  return class MapAdapter {
    constructor(private readonly model: string) {}
    private key(id: string) {
      return `${this.model}:${id}`;
    }
    async upsert(id: string, payload: Payload) {
      store.set(this.key(id), payload);
    }
    async find(id: string) {
      return store.get(this.key(id));
    }
    async findByUid(uid: string) {
      return [...store.entries()].find(([k, p]) => k.startsWith(`${this.model}:`) && p.uid === uid)?.[1];
    }
    async findByUserCode(userCode: string) {
      return [...store.entries()].find(([k, p]) => k.startsWith(`${this.model}:`) && p.userCode === userCode)?.[1];
    }
    async consume(id: string) {
      const payload = store.get(this.key(id));
      if (payload) payload.consumed = Math.floor(Date.now() / 1000);
    }
    async destroy(id: string) {
      store.delete(this.key(id));
    }
    async revokeByGrantId(grantId: string) {
      for (const [k, p] of store) if (p.grantId === grantId) store.delete(k);
    }
  };
}

export async function startTestIdp(options: { redirectUri: string }): Promise<TestIdp> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const accounts = new Map<string, IdpAccount>();
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

  const idp: TestIdp = {
    issuer,
    clientId: 'hoptac-test',
    clientSecret: 'hoptac-test-secret-0123456789',
    addAccount(account) {
      const sub = `sub-${accounts.size + 1}`;
      accounts.set(sub, account);
      return sub;
    },
    nextLogin: { error: 'login_required' },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: idp.clientId,
        client_secret: idp.clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: ['test-idp-cookie-key-0123456789'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'locale'] },
    features: { devInteractions: { enabled: false } },
    adapter: mapAdapter(),
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
    pkce: { required: () => true },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx: unknown, sub: string): Promise<Account | undefined> {
      const account = accounts.get(sub);
      return account && { accountId: sub, claims: () => ({ sub, ...account }) };
    },
    // First-party client: consent is implied, so the only screen is the login.
    async loadExistingGrant(ctx: OidcContext) {
      const { client, session, result, provider: p } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grantId = result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) return p.Grant.find(grantId);
      const grant = new p.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });

  const handle = provider.callback();
  server.on('request', (req, res) => {
    if (!req.url?.startsWith('/interaction/')) return handle(req, res);
    void (async () => {
      const interaction = await provider.interactionDetails(req, res);
      if (interaction.prompt.name !== 'login') throw new Error(`unexpected prompt ${interaction.prompt.name}`);
      const next = idp.nextLogin;
      const result = typeof next === 'string' ? { login: { accountId: next } } : { error: next.error, error_description: 'refused in the test' };
      await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
    })().catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  return idp;
}
