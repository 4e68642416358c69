import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant, buildUser } from '../../testing/factories.ts';
import { type SmtpCapture, startSmtpCapture } from '../../testing/smtp-capture.ts';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../testing/test-app.ts';

let t: TestApp;
let smtp: SmtpCapture;
beforeAll(async () => {
  smtp = await startSmtpCapture();
  t = await startTestApp({ smtpUrl: smtp.url, jobs: true, env: { LOGIN_MAX_FAILURES: '3' } });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

describe('sessions', () => {
  it('logs in, answers /me with user, institution and roles, and logs out', async () => {
    const { institution, officer } = await buildTenant(t.database.db);
    const c = t.client();
    const login = await c.post('/api/v1/auth/login', { email: officer.email.toUpperCase(), password: TEST_PASSWORD });
    expect(login.status).toBe(200);
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await c.get('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe(officer.email);
    expect(me.body.institution.id).toBe(institution.id);
    expect(me.body.roles).toEqual(['cooperation_officer']);
    expect((await c.post('/api/v1/auth/logout')).status).toBe(200);
    expect((await c.get('/api/v1/me')).status).toBe(401);
  });

  it('stores sessions in PostgreSQL, not in the process', async () => {
    const { officer } = await buildTenant(t.database.db);
    const c = await t.login(officer.email);
    const rows = await t.database.db.selectFrom('sessions').select('user_id').where('user_id', '=', officer.id).execute();
    expect(rows).toHaveLength(1);
    await t.database.db.deleteFrom('sessions').where('user_id', '=', officer.id).execute();
    expect((await c.get('/api/v1/me')).status).toBe(401);
  });

  it('refuses cookie-authenticated writes without the CSRF token', async () => {
    const { officer } = await buildTenant(t.database.db);
    const c = await t.login(officer.email);
    const me = await c.get('/api/v1/me');
    const token = c.csrf;
    c.csrf = undefined;
    const res = await c.patch('/api/v1/me', { language: 'en', version: me.body.user.version });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('csrf_invalid');
    c.csrf = token;
    expect((await c.patch('/api/v1/me', { language: 'en', version: me.body.user.version })).status).toBe(200);
  });

  it('remembers the language per user and answers errors in it', async () => {
    const { officer } = await buildTenant(t.database.db);
    const c = await t.login(officer.email);
    const me = await c.get('/api/v1/me');
    await c.patch('/api/v1/me', { language: 'en', version: me.body.user.version });
    const again = await t.login(officer.email);
    expect((await again.get('/api/v1/me')).body.user.language).toBe('en');
    const err = await again.get('/api/v1/people/00000000-0000-4000-8000-000000000000');
    expect(err.status).toBe(404);
    expect(err.body.error.message).toBe('Person not found.');
  });

  it('rate-limits failed logins per e-mail with a clear message', async () => {
    const { member } = await buildTenant(t.database.db);
    const c = t.client();
    for (let i = 0; i < 3; i++) {
      expect((await c.post('/api/v1/auth/login', { email: member.email, password: 'wrong-password' })).status).toBe(401);
    }
    const limited = await c.post('/api/v1/auth/login', { email: member.email, password: TEST_PASSWORD });
    expect(limited.status).toBe(429);
    expect(limited.body.error.message).toBe('Đăng nhập sai quá nhiều lần. Hãy thử lại sau 15 phút.');
  });

  it('does not tell which e-mails exist', async () => {
    const c = t.client();
    const res = await c.post('/api/v1/auth/login', { email: 'nobody@example.test', password: 'whatever-123' });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('invalid_credentials');
    expect((await c.post('/api/v1/auth/password-reset/request', { email: 'nobody@example.test' })).status).toBe(200);
  });
});

describe('mail: password reset and invitations over real SMTP', () => {
  it('e-mails a reset link that sets a new password once, and ends old sessions', async () => {
    const { member } = await buildTenant(t.database.db);
    const old = await t.login(member.email);
    expect((await t.client().post('/api/v1/auth/password-reset/request', { email: member.email })).status).toBe(200);
    const mail = await smtp.waitFor((m) => m.to.includes(member.email));
    expect(mail.subject).toBe('Đặt lại mật khẩu hoptac');
    const token = /token=([\w-]+)/.exec(mail.text)?.[1];
    expect(token).toBeTruthy();
    const reset = await t.client().post('/api/v1/auth/password-reset', { token, newPassword: 'a-brand-new-password' });
    expect(reset.status).toBe(200);
    expect((await old.get('/api/v1/me')).status).toBe(401);
    expect((await t.client().post('/api/v1/auth/password-reset', { token, newPassword: 'another-password-1' })).status).toBe(400);
    await t.login(member.email, 'a-brand-new-password');
    const outbox = await t.database.db.selectFrom('mail_outbox').select(['status']).where('to_address', '=', member.email).execute();
    expect(outbox.map((o) => o.status)).toEqual(['sent']);
  });

  it('invites a user by e-mail; accepting creates the account with the invited roles and signs in', async () => {
    const { admin, institution } = await buildTenant(t.database.db);
    const a = await t.login(admin.email);
    const inv = await a.post('/api/v1/admin/invitations', { email: 'new.lecturer@example.test', displayName: 'Giảng viên Mới', roles: ['member'], language: 'en' });
    expect(inv.status).toBe(201);
    const mail = await smtp.waitFor((m) => m.to.includes('new.lecturer@example.test'));
    expect(mail.subject).toContain('Invitation to hoptac');
    const token = /token=([\w-]+)/.exec(mail.text)![1];
    const preview = await t.client().get(`/api/v1/auth/invitations/${token}`);
    expect(preview.body.institutionNameEn).toBe(institution.name_en);
    const c = t.client();
    const accepted = await c.post('/api/v1/auth/invitations/accept', { token, password: 'my-own-password' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.roles).toEqual(['member']);
    expect((await c.get('/api/v1/me')).body.user.email).toBe('new.lecturer@example.test');
    expect((await t.client().post('/api/v1/auth/invitations/accept', { token, password: 'my-own-password' })).status).toBe(400);
    const list = await a.get('/api/v1/admin/invitations');
    expect(list.body.items[0].status).toBe('accepted');
  });

  it('keeps mail in the outbox for admins when SMTP is not configured, with the secret link masked', async () => {
    const plain = await startTestApp();
    try {
      const { admin } = await buildTenant(plain.database.db);
      const a = await plain.login(admin.email);
      await a.post('/api/v1/admin/invitations', { email: 'outbox.only@example.test', displayName: 'Chỉ Hộp Thư', roles: ['student'] });
      const outbox = await a.get('/api/v1/admin/outbox');
      expect(outbox.status).toBe(200);
      expect(outbox.body.items).toHaveLength(1);
      expect(outbox.body.items[0].status).toBe('outbox_only');
      // The invitation link reaches only the invitee (by SMTP); the outbox names what was sent.
      expect(outbox.body.items[0].textBody).not.toContain('token=');
      expect(outbox.body.items[0].textBody).toContain('[liên kết bí mật — chỉ gửi tới người nhận]');
      expect(outbox.body.items[0].textBody).toContain('Chỉ Hộp Thư');
    } finally {
      await plain.close();
    }
  });
});

describe('accounts administration', () => {
  it('lets an institution admin change roles but never remove the last admin', async () => {
    const { admin, member } = await buildTenant(t.database.db);
    const a = await t.login(admin.email);
    const res = await a.patch(`/api/v1/admin/users/${member.id}`, { roles: ['member', 'coordinator'], version: 1 });
    expect(res.status).toBe(200);
    expect(res.body.roles).toEqual(['member', 'coordinator']);
    const self = await a.patch(`/api/v1/admin/users/${admin.id}`, { roles: ['member'], version: 1 });
    expect(self.status).toBe(409);
    const grant = await a.patch(`/api/v1/admin/users/${member.id}`, { roles: ['platform_admin'], version: 2 });
    expect(grant.status).toBe(403);
  });

  it('refuses admin pages to non-admins', async () => {
    const { officer } = await buildTenant(t.database.db);
    const c = await t.login(officer.email);
    for (const url of ['/api/v1/admin/users', '/api/v1/admin/invitations', '/api/v1/admin/api-tokens', '/api/v1/admin/audit', '/api/v1/admin/outbox']) {
      expect((await c.get(url)).status, url).toBe(403);
    }
  });

  it('issues API tokens whose scopes limit what a machine client may do', async () => {
    const { admin, institution } = await buildTenant(t.database.db);
    const a = await t.login(admin.email);
    const created = await a.post('/api/v1/admin/api-tokens', { name: 'HR sync', scopes: ['directory:read'] });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^hoptac_/);
    const machine = t.client().withToken(created.body.token);
    expect((await machine.get(`/api/v1/people?institutionId=${institution.id}`)).status).toBe(200);
    const write = await machine.post(`/api/v1/institutions/${institution.id}/people`, { fullName: 'Máy Tạo' });
    expect(write.status).toBe(403);
    expect((await machine.get('/api/v1/admin/audit')).status).toBe(403);
    await a.delete(`/api/v1/admin/api-tokens/${created.body.id}`);
    expect((await machine.get(`/api/v1/people`)).status).toBe(401);
  });

  it('disabling an account ends its sessions', async () => {
    const { admin, institution } = await buildTenant(t.database.db);
    const user = await buildUser(t.database.db, institution.id, ['student']);
    const s = await t.login(user.email);
    const a = await t.login(admin.email);
    expect((await a.patch(`/api/v1/admin/users/${user.id}`, { status: 'disabled', version: 1 })).status).toBe(200);
    expect((await s.get('/api/v1/me')).status).toBe(401);
    const again = await t.client().post('/api/v1/auth/login', { email: user.email, password: TEST_PASSWORD });
    expect(again.status).toBe(403);
  });
});
