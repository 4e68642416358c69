import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../platform/config.ts';
import type { Role } from '../../platform/context.ts';
import { buildPerson, buildTenant, buildUser } from '../../testing/factories.ts';
import { type ApiClient, startTestApp, type TestApp, TEST_PASSWORD } from '../../testing/test-app.ts';

// Security review (issue 7), findings 1, 2 and 4: who may manage which account, what the outbox shows,
// where an account's person may be, and what the rate limits key on.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('account management by rank', () => {
  // Each admin kind × each target account kind × each action. `operator` is a platform admin filed under
  // the same institution as the institution admin — the demo's operator, whom HUST's admin could take over.
  type Target = 'member' | 'officer' | 'otherAdmin' | 'operator';
  const targetRoles: Record<Target, Role[]> = {
    member: ['member'],
    officer: ['cooperation_officer'],
    otherAdmin: ['institution_admin'],
    operator: ['platform_admin'],
  };
  const cases: { admin: 'institution_admin' | 'platform_admin'; target: Target; allowed: boolean }[] = [];
  for (const admin of ['institution_admin', 'platform_admin'] as const) {
    for (const target of Object.keys(targetRoles) as Target[]) {
      cases.push({ admin, target, allowed: admin === 'platform_admin' || target !== 'operator' });
    }
  }

  it.each(cases)('$admin on $target: list, rename, disable, re-role → allowed=$allowed', async ({ admin, target, allowed }) => {
    const db = t.database.db;
    const tenant = await buildTenant(db);
    const actor = admin === 'institution_admin' ? tenant.admin : await buildUser(db, tenant.institution.id, ['platform_admin']);
    const victim = await buildUser(db, tenant.institution.id, targetRoles[target]);
    const c = await t.login(actor.email);

    const listed = await c.get(`/api/v1/admin/users?limit=200`);
    expect(listed.status).toBe(200);
    expect(listed.body.items.some((u: { id: string }) => u.id === victim.id)).toBe(allowed);
    const byEmail = await c.get(`/api/v1/admin/users?q=${encodeURIComponent(victim.email)}`);
    expect(JSON.stringify(byEmail.body).includes(victim.email)).toBe(allowed);

    const rename = await c.patch(`/api/v1/admin/users/${victim.id}`, { displayName: 'Đổi Tên', version: 1 });
    expect(rename.status).toBe(allowed ? 200 : 404);
    const version = allowed ? 2 : 1;
    const disable = await c.patch(`/api/v1/admin/users/${victim.id}`, { status: 'disabled', version });
    expect(disable.status).toBe(allowed ? 200 : 404);
    const reRole = await c.patch(`/api/v1/admin/users/${victim.id}`, { roles: ['member'], version: allowed ? 3 : 1 });
    expect(reRole.status).toBe(allowed ? 200 : 404);

    const after = await db.selectFrom('users').selectAll().where('id', '=', victim.id).executeTakeFirstOrThrow();
    if (!allowed) {
      expect(after.display_name).toBe(victim.display_name);
      expect(after.status).toBe('active');
      expect(after.roles).toEqual(victim.roles);
      expect(after.version).toBe(1);
    } else {
      expect(after.status).toBe('disabled');
    }
  });

  it('lets nobody grant a role above their own, by edit or by invitation', async () => {
    const { admin, member } = await buildTenant(t.database.db);
    const a = await t.login(admin.email);
    const grant = await a.patch(`/api/v1/admin/users/${member.id}`, { roles: ['platform_admin'], version: 1 });
    expect(grant.status).toBe(403);
    expect(grant.body.error.details.fields[0].field).toBe('roles');
    const peer = await a.patch(`/api/v1/admin/users/${member.id}`, { roles: ['institution_admin'], version: 1 });
    expect(peer.status).toBe(200);
    const invite = await a.post('/api/v1/admin/invitations', { email: 'boss@example.test', displayName: 'Boss', roles: ['platform_admin'] });
    expect(invite.status).toBe(400); // not an institution role at all
  });

  it('refuses every account action to officers, members and students', async () => {
    const tenant = await buildTenant(t.database.db);
    for (const who of [tenant.officer, tenant.member, tenant.student]) {
      const c = await t.login(who.email);
      expect((await c.get('/api/v1/admin/users')).status).toBe(403);
      expect((await c.patch(`/api/v1/admin/users/${tenant.member.id}`, { displayName: 'X', version: 1 })).status).toBe(403);
      expect((await c.get('/api/v1/admin/outbox')).status).toBe(403);
    }
  });
});

describe('the outbox', () => {
  it('never shows an institution admin the operator’s mail, another admin’s mail, or any secret link', async () => {
    const db = t.database.db;
    const tenant = await buildTenant(db);
    const operator = await buildUser(db, tenant.institution.id, ['platform_admin']);
    const otherAdmin = await buildUser(db, tenant.institution.id, ['institution_admin']);
    const anonymous = t.client();
    for (const who of [operator, otherAdmin, tenant.member]) {
      expect((await anonymous.post('/api/v1/auth/password-reset/request', { email: who.email })).status).toBe(200);
    }
    const a = await t.login(tenant.admin.email);
    const outbox = await a.get('/api/v1/admin/outbox');
    expect(outbox.status).toBe(200);
    const recipients = outbox.body.items.map((m: { toAddress: string }) => m.toAddress);
    expect(recipients).toContain(tenant.member.email); // an ordinary member's mail, for support
    expect(recipients).not.toContain(operator.email);
    expect(recipients).not.toContain(otherAdmin.email);
    const text = JSON.stringify(outbox.body);
    expect(text).not.toMatch(/token=/);

    // Resetting needs the link from the mail itself, which only the recipient receives.
    const stored = await db.selectFrom('mail_outbox').select('text_body').where('to_address', '=', operator.email).executeTakeFirstOrThrow();
    expect(stored.text_body).toMatch(/reset-password\?token=/);

    // The platform admin sees every mail, still without secrets.
    const p = await t.login(operator.email);
    const all = await p.get('/api/v1/admin/outbox?limit=200');
    expect(all.body.items.map((m: { toAddress: string }) => m.toAddress)).toEqual(expect.arrayContaining([operator.email, otherAdmin.email]));
    expect(JSON.stringify(all.body)).not.toMatch(/token=/);
  });
});

describe('an account’s person', () => {
  it('must be a person of the account’s own institution (service and database)', async () => {
    const db = t.database.db;
    const a = await buildTenant(db);
    const b = await buildTenant(db);
    const foreign = await buildPerson(db, b.institution.id, { fullName: 'Người Của B' });
    const own = await buildPerson(db, a.institution.id);
    const admin = await t.login(a.admin.email);
    const link = await admin.patch(`/api/v1/admin/users/${a.admin.id}`, { personId: foreign.id, version: 1 });
    expect(link.status).toBe(400);
    expect(link.body.error.details.fields[0].field).toBe('personId');
    // …so the foreign person is not "self": editing it stays forbidden.
    const edit = await admin.patch(`/api/v1/people/${foreign.id}`, { fullName: 'Đã Chiếm', version: 1 });
    expect([403, 404]).toContain(edit.status);
    expect((await db.selectFrom('people').select('full_name').where('id', '=', foreign.id).executeTakeFirstOrThrow()).full_name).toBe('Người Của B');
    // The database refuses the link too, whoever writes it.
    await expect(db.updateTable('users').set({ person_id: foreign.id }).where('id', '=', a.admin.id).execute()).rejects.toThrow(/users_person_fk/);
    const ok = await admin.patch(`/api/v1/admin/users/${a.admin.id}`, { personId: own.id, version: 1 });
    expect(ok.status).toBe(200);
  });
});

describe('sessions and rate limits', () => {
  it('ends the other sessions when the password changes, and keeps the one that changed it', async () => {
    const { member } = await buildTenant(t.database.db);
    const here = await t.login(member.email);
    const elsewhere = await t.login(member.email);
    expect((await elsewhere.get('/api/v1/me')).status).toBe(200);
    const change = await here.post('/api/v1/me/password', { currentPassword: TEST_PASSWORD, newPassword: 'a-brand-new-password' });
    expect(change.status).toBe(200);
    expect((await elsewhere.get('/api/v1/me')).status).toBe(401);
    expect((await here.get('/api/v1/me')).status).toBe(200);
  });

  it('limits password-reset requests per e-mail, known or not, with its own message', async () => {
    const { member } = await buildTenant(t.database.db);
    const c = t.client();
    for (const email of [member.email, 'nobody.here@example.test']) {
      for (let i = 0; i < 3; i++) expect((await c.post('/api/v1/auth/password-reset/request', { email })).status).toBe(200);
      const limited = await c.post('/api/v1/auth/password-reset/request', { email });
      expect(limited.status).toBe(429);
      expect(limited.body.error.message).toMatch(/đặt lại mật khẩu/);
    }
    const mails = await t.database.db.selectFrom('mail_outbox').select('id').where('to_address', '=', member.email).execute();
    expect(mails).toHaveLength(3);
  });

  async function failLogins(c: ApiClient, count: number, forwardedFor: (i: number) => string) {
    const statuses: number[] = [];
    for (let i = 0; i < count; i++) {
      const res = await c.request('POST', '/api/v1/auth/login', { email: `spray${i}@example.test`, password: 'wrong-password' }, { 'x-forwarded-for': forwardedFor(i) });
      statuses.push(res.status);
    }
    return statuses;
  }

  it('keys the sign-in limit on the socket address unless a proxy is configured', async () => {
    // LOGIN_MAX_FAILURES=1 → at most 10 failures per address in the window.
    const direct = await startTestApp({ env: { LOGIN_MAX_FAILURES: '1' } });
    try {
      const statuses = await failLogins(direct.client(), 12, (i) => `203.0.113.${i}`);
      expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(10)).toEqual([429, 429]); // a forged X-Forwarded-For changes nothing
    } finally {
      await direct.close();
    }
    // Behind a configured proxy (the test client connects from 127.0.0.1), each client address counts apart.
    const proxied = await startTestApp({ env: { LOGIN_MAX_FAILURES: '1', TRUST_PROXY: '127.0.0.1' } });
    try {
      const statuses = await failLogins(proxied.client(), 12, (i) => `203.0.113.${i}`);
      expect(statuses.every((s) => s === 401)).toBe(true);
      const rows = await proxied.database.db.selectFrom('rate_events').select('ip').execute();
      expect(new Set(rows.map((r) => r.ip)).size).toBe(12);
    } finally {
      await proxied.close();
    }
  });

  it('validates TRUST_PROXY at boot', () => {
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.5, 10.1.0.0/16,loopback' }).trustProxy).toEqual(['10.0.0.5', '10.1.0.0/16', 'loopback']);
    expect(loadConfig({ TRUST_PROXY: '::1' }).trustProxy).toEqual(['::1']);
    expect(loadConfig({}).trustProxy).toBe(false);
    for (const bad of ['true', '0', 'proxy.internal', '10.0.0.0/33', '10.0.0.1/8/1']) {
      expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY/);
    }
  });
});
