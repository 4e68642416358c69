import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { AcceptInvitation, ChangePassword, Login, Me, ResetPassword, UpdateMe } from '../../../contracts/accounts.ts';
import type { Language } from '../../../locales/index.ts';
import { recordAudit } from '../../platform/audit.ts';
import { accountAuditOwners } from '../accounts/policy.ts';
import { requireActor, type RequestContext, type Role } from '../../platform/context.ts';
import type { AppDeps } from '../../platform/deps.ts';
import type { Tx } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { queueMail } from '../../platform/mail.ts';
import { clearRateEvents, isRateLimited, recordRateEvent } from '../../platform/rate-limit.ts';
import { QUEUES } from '../../platform/jobs.ts';
import { hashPassword, newSecret, sha256, verifyPassword } from '../../platform/secrets.ts';
import { assertVersion, nextVersion } from '../../platform/versioning.ts';
import * as repo from './repository.ts';

const RESET_HOURS = 2;
// Verifying against a fixed hash when the e-mail is unknown keeps the response time the same,
// so timing does not reveal which e-mails have accounts.
let dummyHash: Promise<string> | undefined;

export function presentMe(row: repo.MeRecord, csrfToken: string | null): Me {
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
  await db.updateTable('users').set({ last_login_at: sql`now()` }).where('id', '=', userId).execute();
  const me = await repo.findMe(db, userId);
  return { token: secret, csrfToken, expiresAt, me: presentMe(me!, csrfToken) };
}

/** Options of the `hoptac_session` cookie for a session from `startSession`. */
export function sessionCookieOptions(deps: AppDeps, session: NewSession) {
  const secure = deps.config.COOKIE_SECURE ?? deps.config.publicUrl.startsWith('https://');
  return { httpOnly: true, sameSite: 'lax' as const, secure, path: '/', expires: session.expiresAt };
}

export async function login(deps: AppDeps, ctx: RequestContext, input: z.infer<typeof Login>, userAgent: string | null) {
  const { LOGIN_MAX_FAILURES: max, LOGIN_WINDOW_MINUTES: minutes } = deps.config;
  const limit = { max, maxPerIp: max * 10, windowMinutes: minutes };
  if (await isRateLimited(deps.db, 'login_failure', input.email, ctx.ip, limit, deps.clock.now())) {
    throw new AppError('rate_limited', { params: { minutes } });
  }

  const user = await repo.findUserByEmail(deps.db, input.email);
  dummyHash ??= hashPassword('not-a-real-password');
  const ok = await verifyPassword(user?.password_hash ?? (await dummyHash), input.password);
  if (!user || !user.password_hash || !ok) {
    await recordRateEvent(deps.db, 'login_failure', input.email, ctx.ip, deps.clock.now());
    throw new AppError('invalid_credentials');
  }
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
  return presentMe(row, csrfToken);
}

export async function updateMe(deps: AppDeps, ctx: RequestContext, input: z.infer<typeof UpdateMe>, csrfToken: string | null) {
  const actor = requireActor(ctx);
  if (!actor.userId) throw new AppError('forbidden');
  const userId = actor.userId;
  return deps.db.transaction().execute(async (tx) => {
    const current = await tx.selectFrom('users').selectAll().where('id', '=', userId).forUpdate().executeTakeFirstOrThrow();
    assertVersion(current, input.version, (u) => ({ displayName: u.display_name, language: u.language, version: u.version }));
    await tx
      .updateTable('users')
      .set({ display_name: input.displayName, language: input.language, ...nextVersion() })
      .where('id', '=', userId)
      .execute();
    await recordAudit(tx, ctx, {
      entity: 'user',
      entityId: userId,
      action: 'update_profile',
      owners: accountAuditOwners(current),
      before: { displayName: current.display_name, language: current.language },
      after: { displayName: input.displayName ?? current.display_name, language: input.language ?? current.language },
    });
    return presentMe((await repo.findMe(tx, userId))!, csrfToken);
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
  await deps.db.transaction().execute(async (tx) => {
    await tx.updateTable('users').set({ password_hash: hash, updated_at: sql`now()` }).where('id', '=', user.id).execute();
    // Other sessions end: whoever knew the old password is signed out.
    let del = tx.deleteFrom('sessions').where('user_id', '=', user.id);
    if (keepSession) del = del.where('token_hash', '<>', keepSession);
    await del.execute();
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
  if (await isRateLimited(deps.db, 'password_reset', email, ctx.ip, { max, maxPerIp: max * 10, windowMinutes: minutes }, now)) {
    throw new AppError('rate_limited', { params: { minutes }, messageKey: 'errors.reset_rate_limited' });
  }
  await recordRateEvent(deps.db, 'password_reset', email, ctx.ip, now);
  const user = await repo.findUserByEmail(deps.db, email);
  if (!user || user.status !== 'active') return;
  const { secret, hash } = newSecret();
  const expires = new Date(deps.clock.now().getTime() + RESET_HOURS * 3_600_000);
  const lang = user.language as Language;
  const mailId = await deps.db.transaction().execute(async (tx) => {
    await tx.insertInto('password_resets').values({ user_id: user.id, token_hash: hash, expires_at: expires }).execute();
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
  await deps.db.transaction().execute(async (tx) => {
    const reset = await tx
      .selectFrom('password_resets')
      .selectAll()
      .where('token_hash', '=', sha256(input.token))
      .forUpdate()
      .executeTakeFirst();
    if (!reset || reset.used_at || reset.expires_at <= deps.clock.now()) throw new AppError('token_invalid');
    await tx.updateTable('password_resets').set({ used_at: sql`now()` }).where('id', '=', reset.id).execute();
    const user = await tx
      .updateTable('users')
      .set({ password_hash: hash, updated_at: sql`now()` })
      .where('id', '=', reset.user_id)
      .returning(['id', 'institution_id', 'roles'])
      .executeTakeFirstOrThrow();
    await tx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
    await recordAudit(tx, ctx, { entity: 'user', entityId: user.id, action: 'reset_password', owners: accountAuditOwners(user) });
  });
}

async function findOpenInvitation(db: AppDeps['db'] | Tx, token: string, now: Date) {
  const inv = await db
    .selectFrom('invitations as v')
    .innerJoin('institutions as i', 'i.id', 'v.institution_id')
    .selectAll('v')
    .select(['i.name_vi as institution_name_vi', 'i.name_en as institution_name_en'])
    .where('v.token_hash', '=', sha256(token))
    .executeTakeFirst();
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
  return deps.db.transaction().execute(async (tx) => {
    const inv = await findOpenInvitation(tx, input.token, deps.clock.now());
    const claimed = await tx
      .updateTable('invitations')
      .set({ accepted_at: sql`now()` })
      .where('id', '=', inv.id)
      .where('accepted_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!claimed) throw new AppError('token_invalid');
    const person = await tx
      .selectFrom('people')
      .select('id')
      .where('institution_id', '=', inv.institution_id)
      .where('email', '=', inv.email)
      .executeTakeFirst();
    const user = await tx
      .insertInto('users')
      .values({
        institution_id: inv.institution_id,
        email: inv.email,
        display_name: inv.display_name,
        password_hash: hash,
        language: inv.language,
        roles: inv.roles,
        person_id: person?.id ?? null,
      })
      .returning(['id', 'email', 'roles'])
      .executeTakeFirstOrThrow();
    const actorCtx: RequestContext = {
      ...ctx,
      actor: { kind: 'user', userId: user.id, tokenId: null, institutionId: inv.institution_id, roles: user.roles as Role[], scopes: null, label: user.email },
    };
    await recordAudit(tx, actorCtx, { entity: 'user', entityId: user.id, action: 'accept_invitation', owners: [inv.institution_id], after: { email: user.email, roles: user.roles } });
    return startSession(deps, tx, user.id, userAgent);
  });
}
