import { sql } from 'kysely';
import type { z } from 'zod';
import type { CreateApiToken, CreateInvitation, UpdateUser, User, UserListQuery } from '../../../contracts/accounts.ts';
import { tenantScope } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { TOKEN_PREFIX } from '../../platform/authn.ts';
import type { RequestContext, Role, TokenScope } from '../../platform/context.ts';
import type { AppDeps } from '../../platform/deps.ts';
import type { UserRow } from '../../platform/db-schema.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { QUEUES } from '../../platform/jobs.ts';
import { queueMail } from '../../platform/mail.ts';
import { decodeCursor, pageOf } from '../../platform/pagination.ts';
import { newSecret } from '../../platform/secrets.ts';
import { assertVersion, nextVersion } from '../../platform/versioning.ts';
import type { Language } from '../../../locales/index.ts';
import { accountAuditOwners, assertMayGrant, manageableBy, requireAccountAdmin } from './policy.ts';

const INVITATION_DAYS = 7;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

const requireAdmin = requireAccountAdmin;

export function presentUser(u: UserRow): User {
  return {
    id: u.id,
    institutionId: u.institution_id,
    email: u.email,
    displayName: u.display_name,
    language: u.language as Language,
    roles: u.roles as Role[],
    status: u.status as User['status'],
    personId: u.person_id,
    isSample: u.is_sample,
    lastLoginAt: iso(u.last_login_at),
    version: u.version,
  };
}

export async function listUsers(deps: AppDeps, ctx: RequestContext, query: z.infer<typeof UserListQuery>) {
  const actor = requireAdmin(ctx);
  const scope = tenantScope(ctx);
  let q = deps.db.selectFrom('users').selectAll().where(scope.own('users.institution_id')).where(manageableBy(actor, 'users'));
  if (query.q) {
    q = q.where(sql<boolean>`hoptac_fold(users.display_name || ' ' || users.email) LIKE '%' || hoptac_fold(${query.q}) || '%'`);
  }
  if (query.role) q = q.where(sql<boolean>`${query.role} = ANY(users.roles)`);
  if (query.status) q = q.where('status', '=', query.status);
  const cursor = decodeCursor(query.cursor, { key: 'text' });
  if (cursor) q = q.where(sql<boolean>`(users.email::text, users.id) > (${cursor.k}, ${cursor.id}::uuid)`);
  const rows = await q.orderBy(sql`email::text`).orderBy('id').limit(query.limit + 1).execute();
  const page = pageOf(rows, query.limit, (u) => u.email);
  return { items: page.items.map(presentUser), nextCursor: page.nextCursor };
}

export async function updateUser(deps: AppDeps, ctx: RequestContext, id: string, input: z.infer<typeof UpdateUser>) {
  const actor = requireAdmin(ctx);
  const scope = tenantScope(ctx);
  assertMayGrant(actor, input.roles);
  return deps.db.transaction().execute(async (tx) => {
    // An account above the admin's rank (the operator's) is not theirs to see: 404, as for other institutions'.
    const current = await tx
      .selectFrom('users')
      .selectAll()
      .where('id', '=', id)
      .where(scope.own('users.institution_id'))
      .where(manageableBy(actor, 'users'))
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw notFound('user');
    assertVersion(current, input.version, presentUser);
    if (input.personId) {
      // The person an account speaks for is one of the account's own institution's people.
      const person = await tx.selectFrom('people').select('id').where('id', '=', input.personId).where('institution_id', '=', current.institution_id).executeTakeFirst();
      if (!person) throw new AppError('invalid_reference', { fields: [{ field: 'personId', code: 'unknown_reference' }] });
    }
    const losesAdmin =
      current.roles.includes('institution_admin') &&
      ((input.roles && !input.roles.includes('institution_admin')) || input.status === 'disabled');
    if (losesAdmin) {
      const others = await tx
        .selectFrom('users')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('institution_id', '=', current.institution_id)
        .where('id', '<>', id)
        .where('status', '=', 'active')
        .where(sql<boolean>`'institution_admin' = ANY(roles)`)
        .executeTakeFirstOrThrow();
      if (others.n === 0) throw new AppError('conflict', { messageKey: 'errors.last_admin', fields: [{ field: 'roles', code: 'invalid' }] });
    }
    const updated = await tx
      .updateTable('users')
      .set({
        roles: input.roles,
        status: input.status,
        display_name: input.displayName,
        person_id: input.personId,
        ...nextVersion(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (input.status === 'disabled') await tx.deleteFrom('sessions').where('user_id', '=', id).execute();
    await recordAudit(tx, ctx, { entity: 'user', entityId: id, action: 'update', owners: accountAuditOwners(updated), before: presentUser(current), after: presentUser(updated) });
    return presentUser(updated);
  });
}

// ---- invitations
function invitationStatus(v: { accepted_at: Date | null; revoked_at: Date | null; expires_at: Date }, now: Date) {
  if (v.accepted_at) return 'accepted' as const;
  if (v.revoked_at) return 'revoked' as const;
  return v.expires_at <= now ? ('expired' as const) : ('pending' as const);
}

export async function listInvitations(deps: AppDeps, ctx: RequestContext) {
  requireAdmin(ctx);
  const rows = await deps.db
    .selectFrom('invitations')
    .selectAll()
    .where(tenantScope(ctx).own('invitations.institution_id'))
    .orderBy('created_at', 'desc')
    .limit(500)
    .execute();
  const now = deps.clock.now();
  return {
    items: rows.map((v) => ({
      id: v.id,
      email: v.email,
      displayName: v.display_name,
      roles: v.roles as Role[],
      status: invitationStatus(v, now),
      expiresAt: v.expires_at.toISOString(),
      createdAt: new Date(v.created_at).toISOString(),
    })),
  };
}

export async function inviteUser(deps: AppDeps, ctx: RequestContext, input: z.infer<typeof CreateInvitation>) {
  const actor = requireAdmin(ctx);
  assertMayGrant(actor, input.roles);
  const existing = await deps.db.selectFrom('users').select('id').where('email', '=', input.email).executeTakeFirst();
  if (existing) throw new AppError('duplicate', { fields: [{ field: 'email', code: 'duplicate' }] });
  const { secret, hash } = newSecret();
  const expires = new Date(deps.clock.now().getTime() + INVITATION_DAYS * 86_400_000);
  const institution = await deps.db.selectFrom('institutions').select(['name_vi', 'name_en']).where('id', '=', actor.institutionId).executeTakeFirstOrThrow();
  const result = await deps.db.transaction().execute(async (tx) => {
    const inv = await tx
      .insertInto('invitations')
      .values({
        institution_id: actor.institutionId,
        email: input.email,
        display_name: input.displayName,
        roles: input.roles,
        language: input.language,
        token_hash: hash,
        invited_by: actor.userId,
        expires_at: expires,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const mailId = await queueMail(tx, deps.mailer.configured, {
      to: input.email,
      template: 'invitation',
      lang: input.language,
      institutionId: actor.institutionId,
      recipientUserId: null,
      secretParams: ['link'],
      params: {
        name: input.displayName,
        inviter: actor.label,
        institution: input.language === 'vi' ? institution.name_vi : institution.name_en,
        link: `${deps.config.publicUrl}/accept-invitation?token=${secret}`,
        expires: expires.toLocaleDateString(input.language === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: 'Asia/Ho_Chi_Minh' }),
      },
    });
    const present = { id: inv.id, email: inv.email, displayName: inv.display_name, roles: inv.roles as Role[], status: 'pending' as const, expiresAt: inv.expires_at.toISOString(), createdAt: new Date(inv.created_at).toISOString() };
    await recordAudit(tx, ctx, { entity: 'invitation', entityId: inv.id, action: 'create', owners: [actor.institutionId], after: present });
    return { present, mailId };
  });
  if (deps.mailer.configured) await deps.jobs?.send(QUEUES.mailSend, { id: result.mailId });
  return result.present;
}

export async function revokeInvitation(deps: AppDeps, ctx: RequestContext, id: string) {
  requireAdmin(ctx);
  await deps.db.transaction().execute(async (tx) => {
    const row = await tx
      .updateTable('invitations')
      .set({ revoked_at: sql`coalesce(revoked_at, now())` })
      .where('id', '=', id)
      .where(tenantScope(ctx).own('invitations.institution_id'))
      .where('accepted_at', 'is', null)
      .returning(['id', 'institution_id'])
      .executeTakeFirst();
    if (!row) throw notFound('invitation');
    await recordAudit(tx, ctx, { entity: 'invitation', entityId: id, action: 'revoke', owners: [row.institution_id] });
  });
}

// ---- API tokens
function presentToken(t: { id: string; name: string; token_prefix: string; scopes: string[]; created_at: Date | string; expires_at: Date | null; last_used_at: Date | null; revoked_at: Date | null }) {
  return {
    id: t.id,
    name: t.name,
    prefix: t.token_prefix,
    scopes: t.scopes as TokenScope[],
    createdAt: new Date(t.created_at).toISOString(),
    expiresAt: iso(t.expires_at),
    lastUsedAt: iso(t.last_used_at),
    revoked: t.revoked_at !== null,
  };
}

export async function listApiTokens(deps: AppDeps, ctx: RequestContext) {
  requireAdmin(ctx);
  const rows = await deps.db.selectFrom('api_tokens').selectAll().where(tenantScope(ctx).own('api_tokens.institution_id')).orderBy('created_at', 'desc').execute();
  return { items: rows.map(presentToken) };
}

export async function createApiToken(deps: AppDeps, ctx: RequestContext, input: z.infer<typeof CreateApiToken>) {
  const actor = requireAdmin(ctx);
  if (actor.kind === 'token') throw new AppError('forbidden');
  const { secret, hash } = newSecret(TOKEN_PREFIX);
  return deps.db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('api_tokens')
      .values({
        institution_id: actor.institutionId,
        name: input.name,
        token_hash: hash,
        token_prefix: secret.slice(0, TOKEN_PREFIX.length + 6),
        scopes: [...new Set(input.scopes)],
        created_by: actor.userId,
        expires_at: input.expiresInDays ? new Date(deps.clock.now().getTime() + input.expiresInDays * 86_400_000) : null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, { entity: 'api_token', entityId: row.id, action: 'create', owners: [actor.institutionId], after: presentToken(row) });
    return { ...presentToken(row), token: secret };
  });
}

export async function revokeApiToken(deps: AppDeps, ctx: RequestContext, id: string) {
  requireAdmin(ctx);
  await deps.db.transaction().execute(async (tx) => {
    const row = await tx
      .updateTable('api_tokens')
      .set({ revoked_at: sql`coalesce(revoked_at, now())` })
      .where('id', '=', id)
      .where(tenantScope(ctx).own('api_tokens.institution_id'))
      .returning(['id', 'institution_id'])
      .executeTakeFirst();
    if (!row) throw notFound('api_token');
    await recordAudit(tx, ctx, { entity: 'api_token', entityId: id, action: 'revoke', owners: [row.institution_id] });
  });
}
