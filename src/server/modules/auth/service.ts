import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { AcceptInvitation, ChangePassword, Login, Me, ResetPassword, UpdateMe } from '../../../contracts/accounts.ts';
import type { Language } from '../../../locales/index.ts';
import { recordAudit } from '../../platform/audit.ts';
import { accountAuditOwners } from '../accounts/policy.ts';
import { type Actor, requireActor, type RequestContext, type Role } from '../../platform/context.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { inTransaction, type Tx } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { queueMail } from '../../platform/mail.ts';
import { clearRateEvents, takeAttempt } from '../../platform/rate-limit.ts';
import { QUEUES } from '../../platform/jobs.ts';
import { hashPassword, newSecret, sha256, verifyPassword } from '../../platform/secrets.ts';
import { assertVersion } from '../../platform/versioning.ts';
import { mePermissions } from './policy.ts';
import * as repo from './repository.ts';

const RESET_HOURS = 2;
// Verifying against a fixed hash when the e-mail is unknown keeps the response time the same,
// so timing does not reveal which e-mails have accounts.
let dummyHash: Promise<string> | undefined;

/** The account as it acts when signed in (what its session's requests carry, platform/authn.ts). */
const actorOf = (row: repo.MeRecord): Actor => ({
  kind: 'user',
  userId: row.id,
  tokenId: null,
  institutionId: row.institution_id,
  roles: row.roles as Role[],
  scopes: null,
  label: row.email,
});

export function presentMe(row: repo.MeRecord, csrfToken: string | null, config: AppDeps['config']): Me {
  const roles = row.roles as Role[];
  return {
    user: {
      id: row.id,
      email: row.email,
      displayName: row.display_name,
      language: row.language as Language,
      roles,
      personId: row.person_id,
      isSample: row.is_sample,
      version: row.version,
    },
    institution: {
      id: row.institution_id,
      code: row.institution_code,
      nameVi: row.institution_name_vi,
      nameEn: row.institution_name_en,
      kind: row.institution_kind,
    },
    roles,
    permissions: mePermissions(actorOf(row)),
    dates: { minYear: config.DATE_MIN_YEAR, maxYear: config.DATE_MAX_YEAR },
    csrfToken,
  };
}

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  me: Me;
}

/**
 * The one way a session starts, whatever proved who the user is (password, invitation, single sign-on):
 * the caller sets the cookie from the result with `sessionCookieOptions`.
 */
export async function startSession(deps: AppDeps, db: AppDeps['db'] | Tx, userId: string, userAgent: string | null): Promise<NewSession> {
  const { secret, hash } = newSecret();
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(deps.clock.now().getTime() + deps.config.SESSION_DAYS * 86_400_000);
  await repo.insertSession(db, { token_hash: hash, user_id: userId, csrf_token: csrfToken, user_agent: userAgent, expires_at: expiresAt });
  await repo.touchLastLogin(db, userId);
  const me = await repo.findMe(db, userId);
  return { token: secret, csrfToken, expiresAt, me: presentMe(me!, csrfToken, deps.config) };
}

/** Options of the `hoptac_session` cookie for a session from `startSession`. */
export function sessionCookieOptions(deps: AppDeps, session: NewSession) {
  const secure = deps.config.COOKIE_SECURE ?? deps.config.publicUrl.startsWith('https://');
  return { httpOnly: true, sameSite: 'lax' as const, secure, path: '/', expires: session.expiresAt };
}

export async function login(deps: AppDeps, ctx: RequestContext, input: z.infer<typeof Login>, userAgent: string | null) {
  const { LOGIN_MAX_FAILURES: max, LOGIN_WINDOW_MINUTES: minutes } = deps.config;
  const limit = { max, maxPerIp: max * 10, windowMinutes: minutes };
  // The attempt counts as a failure until the password proves right (then the e-mail's failures clear).
  if (!(await takeAttempt(deps.db, 'login_failure', input.email, ctx.ip, limit, deps.clock.now()))) {
    throw new AppError('rate_limited', { params: { minutes } });
  }

  const user = await repo.findUserByEmail(deps.db, input.email);
  dummyHash ??= hashPassword('not-a-real-password');
  const ok = await verifyPassword(user?.password_hash ?? (await dummyHash), input.password);
  if (!user || !user.password_hash || !ok) throw new AppError('invalid_credentials');
  if (user.status !== 'active') throw new AppError('forbidden', { messageKey: 'errors.account_disabled' });
  await clearRateEvents(deps.db, 'login_failure', input.email);
  return startSession(deps, deps.db, user.id, userAgent);
}

export async function logout(deps: AppDeps, sessionHash: string | null) {
  if (sessionHash) await repo.deleteSession(deps.db, sessionHash);
}

export async function getMe(deps: AppDeps, ctx: RequestContext, csrfToken: string | null): Promise<Me> {
  const actor = requireActor(ctx);
  if (!actor.userId) throw new AppError('forbidden');
  const row = await repo.findMe(deps.db, actor.userId);
  if (!row) throw new AppError('unauthenticated');
  return presentMe(row, csrfToken, deps.config);
}

export async function updateMe(deps: AppDeps, ctx: RequestContext, input: z.infer<typeof UpdateMe>, csrfToken: string | null) {
  const actor = requireActor(ctx);
  if (!actor.userId) throw new AppError('forbidden');
  const userId = actor.userId;
  return inTransaction(deps.db, async (tx) => {
    const current = await repo.lockUser(tx, userId);
    assertVersion(current, input.version, (u) => ({ displayName: u.display_name, language: u.language, version: u.version }));
    await repo.updateProfile(tx, userId, { display_name: input.displayName, language: input.language });
    await recordAudit(tx, ctx, {
      entity: 'user',
      entityId: userId,
      action: 'update_profile',
      owners: accountAuditOwners(current),
      before: { displayName: current.display_name, language: current.language },
      after: { displayName: input.displayName ?? current.display_name, language: input.language ?? current.language },
    });
    return presentMe((await repo.findMe(tx, userId))!, csrfToken, deps.config);
  });
}

export async function changePassword(deps: AppDeps, ctx: RequestContext, input: z.infer<typeof ChangePassword>, keepSession: string | null) {
  const actor = requireActor(ctx);
  if (!actor.userId) throw new AppError('forbidden');
  const user = await repo.findUserById(deps.db, actor.userId);
  if (!user?.password_hash || !(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw new AppError('validation_failed', { messageKey: 'errors.wrong_password', fields: [{ field: 'currentPassword', code: 'wrong_password' }] });
  }
  const hash = await hashPassword(input.newPassword);
  await inTransaction(deps.db, async (tx) => {
    await repo.setPassword(tx, user.id, hash);
    // Other sessions end and reset links die: whoever knew the old password or holds a link is out.
    await repo.endSessionsOf(tx, user.id, keepSession);
    await repo.spendResetLinksOf(tx, user.id);
    await recordAudit(tx, ctx, { entity: 'user', entityId: user.id, action: 'change_password', owners: accountAuditOwners(user) });
  });
}

/**
 * Always answers the same, whether or not the e-mail has an account. Every request counts towards the
 * limit (known e-mail or not), so the limit reveals nothing either and nobody floods an inbox.
 */
export async function requestPasswordReset(deps: AppDeps, ctx: RequestContext, email: string) {
  const { RESET_MAX_REQUESTS: max, RESET_WINDOW_MINUTES: minutes } = deps.config;
  const now = deps.clock.now();
  if (!(await takeAttempt(deps.db, 'password_reset', email, ctx.ip, { max, maxPerIp: max * 10, windowMinutes: minutes }, now))) {
    throw new AppError('rate_limited', { params: { minutes }, messageKey: 'errors.reset_rate_limited' });
  }
  const user = await repo.findUserByEmail(deps.db, email);
  if (!user || user.status !== 'active') return;
  const { secret, hash } = newSecret();
  const expires = new Date(deps.clock.now().getTime() + RESET_HOURS * 3_600_000);
  const lang = user.language as Language;
  const mailId = await inTransaction(deps.db, async (tx) => {
    await repo.insertPasswordReset(tx, { user_id: user.id, token_hash: hash, expires_at: expires });
    await recordAudit(tx, { ...ctx, actor: null }, { entity: 'user', entityId: user.id, action: 'request_password_reset', owners: accountAuditOwners(user) });
    return queueMail(tx, deps.mailer.configured, {
      to: user.email,
      template: 'password_reset',
      lang,
      institutionId: user.institution_id,
      recipientUserId: user.id,
      secretParams: ['link'],
      params: {
        name: user.display_name,
        email: user.email,
        link: `${deps.config.publicUrl}/reset-password?token=${secret}`,
        expires: expires.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: 'Asia/Ho_Chi_Minh' }),
      },
    });
  });
  if (deps.mailer.configured) await deps.jobs?.send(QUEUES.mailSend, { id: mailId });
}

export async function resetPassword(deps: AppDeps, ctx: RequestContext, input: z.infer<typeof ResetPassword>) {
  const hash = await hashPassword(input.newPassword);
  await inTransaction(deps.db, async (tx) => {
    const reset = await repo.lockPasswordReset(tx, sha256(input.token));
    if (!reset || reset.used_at || reset.expires_at <= deps.clock.now()) throw new AppError('token_invalid');
    await repo.markPasswordResetUsed(tx, reset.id);
    // The other links sent to this account die with this one: whoever holds them is not the new owner.
    await repo.spendResetLinksOf(tx, reset.user_id);
    const user = await repo.setPassword(tx, reset.user_id, hash);
    await repo.endSessionsOf(tx, user.id);
    await recordAudit(tx, ctx, { entity: 'user', entityId: user.id, action: 'reset_password', owners: accountAuditOwners(user) });
  });
}

async function findOpenInvitation(db: AppDeps['db'] | Tx, token: string, now: Date) {
  const inv = await repo.findInvitationByToken(db, sha256(token));
  if (!inv || inv.accepted_at || inv.revoked_at || inv.expires_at <= now) throw new AppError('token_invalid');
  return inv;
}

export async function previewInvitation(deps: AppDeps, token: string) {
  const inv = await findOpenInvitation(deps.db, token, deps.clock.now());
  return {
    email: inv.email,
    displayName: inv.display_name,
    institutionNameVi: inv.institution_name_vi,
    institutionNameEn: inv.institution_name_en,
    roles: inv.roles as Role[],
  };
}

export async function acceptInvitation(deps: AppDeps, ctx: RequestContext, input: z.infer<typeof AcceptInvitation>, userAgent: string | null) {
  const hash = await hashPassword(input.password);
  return inTransaction(deps.db, async (tx) => {
    const inv = await findOpenInvitation(tx, input.token, deps.clock.now());
    if (!(await repo.claimInvitation(tx, inv.id))) throw new AppError('token_invalid');
    const person = await repo.findPersonByEmail(tx, inv.institution_id, inv.email);
    const user = await repo.insertUser(tx, {
      institution_id: inv.institution_id,
      email: inv.email,
      display_name: inv.display_name,
      password_hash: hash,
      language: inv.language,
      roles: inv.roles,
      person_id: person?.id ?? null,
    });
    const actorCtx: RequestContext = {
      ...ctx,
      actor: { kind: 'user', userId: user.id, tokenId: null, institutionId: inv.institution_id, roles: user.roles as Role[], scopes: null, label: user.email },
    };
    await recordAudit(tx, actorCtx, { entity: 'user', entityId: user.id, action: 'accept_invitation', owners: [inv.institution_id], after: { email: user.email, roles: user.roles } });
    return startSession(deps, tx, user.id, userAgent);
  });
}
