import type { z } from 'zod';
import type { CreateApiToken, CreateInvitation, Invitation, UpdateUser, User, UserListQuery } from '../../../contracts/accounts.ts';
import type { Language } from '../../../locales/index.ts';
import { tenantScope } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { TOKEN_PREFIX } from '../../platform/authn.ts';
import type { RequestContext, Role, TokenScope } from '../../platform/context.ts';
import { inTransaction, serialize } from '../../platform/db.ts';
import type { UserRow } from '../../platform/db-schema.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { QUEUES } from '../../platform/jobs.ts';
import { queueMail } from '../../platform/mail.ts';
import { decodeCursor, pageOf } from '../../platform/pagination.ts';
import { hashPassword, newSecret } from '../../platform/secrets.ts';
import { assertVersion } from '../../platform/versioning.ts';
import { getInstitution } from '../institutions/service.ts';
import { accountAuditOwners, assertMayGrant, hiddenAccountRoles, requireAccountAdmin, requireTokenIssuer } from './policy.ts';
import * as repo from './repository.ts';

const INVITATION_DAYS = 7;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

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
  const actor = requireAccountAdmin(ctx);
  const rows = await repo.listUsers(deps.db, tenantScope(ctx), hiddenAccountRoles(actor), {
    q: query.q,
    role: query.role,
    status: query.status,
    limit: query.limit,
    cursor: decodeCursor(query.cursor, repo.USER_CURSOR),
  });
  const page = pageOf(rows, query.limit, (u) => u.email);
  return { items: page.items.map(presentUser), nextCursor: page.nextCursor };
}

export async function updateUser(deps: AppDeps, ctx: RequestContext, id: string, input: z.infer<typeof UpdateUser>) {
  const actor = requireAccountAdmin(ctx);
  const scope = tenantScope(ctx);
  assertMayGrant(actor, input.roles);
  return inTransaction(deps.db, async (tx) => {
    // Changes of one institution's accounts run one at a time, so two admins stepping down together
    // cannot both count the other as the remaining admin.
    const institutionId = await repo.institutionOfUser(tx, id);
    if (institutionId) await serialize(tx, `accounts:${institutionId}`);
    // An account above the admin's rank (the operator's) is not theirs to see: 404, as for other institutions'.
    const current = await repo.lockManageableUser(tx, scope, hiddenAccountRoles(actor), id);
    if (!current) throw notFound('user');
    assertVersion(current, input.version, presentUser);
    // The person an account speaks for is one of the account's own institution's people.
    if (input.personId && !(await repo.isPersonOfInstitution(tx, input.personId, current.institution_id))) {
      throw new AppError('invalid_reference', { fields: [{ field: 'personId', code: 'unknown_reference' }] });
    }
    const losesAdmin =
      current.roles.includes('institution_admin') &&
      ((input.roles && !input.roles.includes('institution_admin')) || input.status === 'disabled');
    if (losesAdmin && (await repo.countOtherActiveAdmins(tx, current.institution_id, id)) === 0) {
      throw new AppError('conflict', { messageKey: 'errors.last_admin', fields: [{ field: 'roles', code: 'invalid' }] });
    }
    const updated = await repo.updateUser(tx, id, {
      roles: input.roles,
      status: input.status,
      display_name: input.displayName,
      person_id: input.personId,
    });
    if (input.status === 'disabled') await repo.endSessionsOf(tx, id);
    await recordAudit(tx, ctx, { entity: 'user', entityId: id, action: 'update', owners: accountAuditOwners(updated), before: presentUser(current), after: presentUser(updated) });
    return presentUser(updated);
  });
}

/**
 * The operator's account, from the command line (`hoptac user create-admin`): created, or given back its
 * password, roles and active status. Audited as the system; the entry belongs to nobody (platform admins
 * read it). Answers null when no institution has the code.
 */
export async function createPlatformAdmin(
  deps: Pick<AppDeps, 'db'>,
  ctx: RequestContext,
  input: { email: string; password: string; displayName?: string; institutionCode: string },
): Promise<User | null> {
  const institution = await repo.findInstitutionByCode(deps.db, input.institutionCode);
  if (!institution) return null;
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  return inTransaction(deps.db, async (tx) => {
    const user = await repo.upsertPlatformAdmin(tx, {
      institution_id: institution.id,
      email,
      display_name: input.displayName ?? email,
      password_hash: passwordHash,
      roles: ['platform_admin', 'institution_admin'],
    });
    await recordAudit(tx, ctx, { entity: 'user', entityId: user.id, action: 'create_admin', owners: accountAuditOwners(user), after: { email } });
    return presentUser(user);
  });
}

// ---- invitations
function invitationStatus(v: { accepted_at: Date | null; revoked_at: Date | null; expires_at: Date }, now: Date) {
  if (v.accepted_at) return 'accepted' as const;
  if (v.revoked_at) return 'revoked' as const;
  return v.expires_at <= now ? ('expired' as const) : ('pending' as const);
}

function presentInvitation(v: repo.InvitationRecord, now: Date): Invitation {
  return {
    id: v.id,
    email: v.email,
    displayName: v.display_name,
    roles: v.roles as Role[],
    status: invitationStatus(v, now),
    expiresAt: v.expires_at.toISOString(),
    createdAt: new Date(v.created_at).toISOString(),
  };
}

export async function listInvitations(deps: AppDeps, ctx: RequestContext) {
  requireAccountAdmin(ctx);
  const rows = await repo.listInvitations(deps.db, tenantScope(ctx));
  const now = deps.clock.now();
  return { items: rows.map((v) => presentInvitation(v, now)) };
}

export async function inviteUser(deps: AppDeps, ctx: RequestContext, input: z.infer<typeof CreateInvitation>) {
  const actor = requireAccountAdmin(ctx);
  assertMayGrant(actor, input.roles);
  if (await repo.emailHasAccount(deps.db, input.email)) throw new AppError('duplicate', { fields: [{ field: 'email', code: 'duplicate' }] });
  const { secret, hash } = newSecret();
  const expires = new Date(deps.clock.now().getTime() + INVITATION_DAYS * 86_400_000);
  const institution = await getInstitution(deps, ctx, actor.institutionId);
  const result = await inTransaction(deps.db, async (tx) => {
    const inv = await repo.insertInvitation(tx, {
      institution_id: actor.institutionId,
      email: input.email,
      display_name: input.displayName,
      roles: input.roles,
      language: input.language,
      token_hash: hash,
      invited_by: actor.userId,
      expires_at: expires,
    });
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
        institution: input.language === 'vi' ? institution.nameVi : institution.nameEn,
        link: `${deps.config.publicUrl}/accept-invitation?token=${secret}`,
        expires: expires.toLocaleDateString(input.language === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: 'Asia/Ho_Chi_Minh' }),
      },
    });
    const present = { ...presentInvitation(inv, deps.clock.now()), status: 'pending' as const };
    await recordAudit(tx, ctx, { entity: 'invitation', entityId: inv.id, action: 'create', owners: [actor.institutionId], after: present });
    return { present, mailId };
  });
  if (deps.mailer.configured) await deps.jobs?.send(QUEUES.mailSend, { id: result.mailId });
  return result.present;
}

export async function revokeInvitation(deps: AppDeps, ctx: RequestContext, id: string) {
  requireAccountAdmin(ctx);
  await inTransaction(deps.db, async (tx) => {
    const row = await repo.revokeInvitation(tx, tenantScope(ctx), id);
    if (!row) throw notFound('invitation');
    await recordAudit(tx, ctx, { entity: 'invitation', entityId: id, action: 'revoke', owners: [row.institution_id] });
  });
}

// ---- API tokens
function presentToken(t: repo.ApiTokenRecord) {
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
  requireAccountAdmin(ctx);
  const rows = await repo.listApiTokens(deps.db, tenantScope(ctx));
  return { items: rows.map(presentToken) };
}

export async function createApiToken(deps: AppDeps, ctx: RequestContext, input: z.infer<typeof CreateApiToken>) {
  const actor = requireTokenIssuer(ctx);
  const { secret, hash } = newSecret(TOKEN_PREFIX);
  return inTransaction(deps.db, async (tx) => {
    const row = await repo.insertApiToken(tx, {
      institution_id: actor.institutionId,
      name: input.name,
      token_hash: hash,
      token_prefix: secret.slice(0, TOKEN_PREFIX.length + 6),
      scopes: [...new Set(input.scopes)],
      created_by: actor.userId,
      expires_at: input.expiresInDays ? new Date(deps.clock.now().getTime() + input.expiresInDays * 86_400_000) : null,
    });
    await recordAudit(tx, ctx, { entity: 'api_token', entityId: row.id, action: 'create', owners: [actor.institutionId], after: presentToken(row) });
    return { ...presentToken(row), token: secret };
  });
}

export async function revokeApiToken(deps: AppDeps, ctx: RequestContext, id: string) {
  requireAccountAdmin(ctx);
  await inTransaction(deps.db, async (tx) => {
    const row = await repo.revokeApiToken(tx, tenantScope(ctx), id);
    if (!row) throw notFound('api_token');
    await recordAudit(tx, ctx, { entity: 'api_token', entityId: id, action: 'revoke', owners: [row.institution_id] });
  });
}
