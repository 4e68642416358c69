import { sql } from 'kysely';
import { translate, type Language } from '../../../locales/index.ts';
import { agreementVisibleTo, tenantScope } from '../../platform/access.ts';
import { requireActor, type RequestContext } from '../../platform/context.ts';
import type { AppDeps } from '../../platform/deps.ts';
import type { Tx } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { QUEUES } from '../../platform/jobs.ts';
import { queueMail } from '../../platform/mail.ts';

// In-app notifications and e-mails about agreements, sent to the parties' officers and the points of
// contact, each as they chose (preferences per kind; both channels on by default).
export const NOTIFICATION_KINDS = ['approved', 'commented', 'changed', 'activated', 'expiry', 'status'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface NotifyInput {
  agreementId: string;
  kind: NotificationKind;
  /** Interpolated into `notifications.<kind>` and the e-mail `mail.agreement_<kind>`. */
  params: Record<string, string | number>;
  /** The acting user gets no notification about their own act. */
  exceptUserId?: string | null;
}

/** Records notifications and queues e-mails in the caller's transaction; returns the mail ids to dispatch after commit. */
export async function notifyAgreementParticipants(tx: Tx, deps: AppDeps, input: NotifyInput): Promise<string[]> {
  // Officers and admins of the parties, and the points of contact — each only while their institution
  // may read the agreement (a person's account is always of the person's institution: users_person_fk).
  const recipients = await sql<{ id: string; email: string; language: string; institution_id: string; email_on: boolean; in_app_on: boolean }>`
    SELECT DISTINCT u.id, u.email, u.language, u.institution_id,
      coalesce(np.email, true) AS email_on, coalesce(np.in_app, true) AS in_app_on
    FROM users u
    JOIN agreements a ON a.id = ${input.agreementId}::uuid
    LEFT JOIN notification_preferences np ON np.user_id = u.id AND np.kind = ${input.kind}
    WHERE u.status = 'active'
      AND (
        (u.institution_id IN (SELECT institution_id FROM agreement_parties WHERE agreement_id = ${input.agreementId}::uuid)
          AND (u.roles && ARRAY['cooperation_officer', 'institution_admin']::text[]))
        OR u.person_id IN (SELECT person_id FROM agreement_contacts WHERE agreement_id = ${input.agreementId}::uuid)
      )
      AND ${agreementVisibleTo('a', sql`u.institution_id`)}`.execute(tx);
  const agreement = await tx.selectFrom('agreements').select(['title_vi', 'title_en']).where('id', '=', input.agreementId).executeTakeFirstOrThrow();
  // Stored language-neutral (both titles, ISO dates) so an in-app notification reads in whatever
  // language its reader uses; an e-mail is written once, in the recipient's language.
  const stored = { ...input.params, titleVi: agreement.title_vi, titleEn: agreement.title_en };
  const mailIds: string[] = [];
  for (const r of recipients.rows) {
    if (r.id === input.exceptUserId) continue;
    if (r.in_app_on) {
      await tx.insertInto('notifications').values({ user_id: r.id, kind: input.kind, agreement_id: input.agreementId, params: JSON.stringify(stored) }).execute();
    }
    if (r.email_on) {
      const lang = r.language as Language;
      const params = { ...localizedParams(lang, stored), link: `${deps.config.publicUrl}/agreements/${input.agreementId}` };
      mailIds.push(
        await queueMail(tx, deps.mailer.configured, {
          to: r.email,
          template: `agreement_${input.kind}`,
          lang,
          params,
          institutionId: r.institution_id,
          recipientUserId: r.id,
        }),
      );
    }
  }
  return mailIds;
}

/** The title in the reader's language and dates in its convention (15/01/2027, 15 Jan 2027). */
function localizedParams(lang: Language, params: Record<string, unknown>): Record<string, unknown> {
  const title = (lang === 'vi' ? params.titleVi : params.titleEn) ?? params.title;
  const endDate =
    typeof params.endDate === 'string'
      ? new Date(`${params.endDate}T00:00:00Z`).toLocaleDateString(lang === 'vi' ? 'vi-VN' : 'en-GB', {
          timeZone: 'UTC',
          day: '2-digit',
          month: lang === 'vi' ? '2-digit' : 'short',
          year: 'numeric',
        })
      : params.endDate;
  return { ...params, title, endDate };
}

/** After the transaction that queued them has committed: hand the mails to the delivery job. */
export async function dispatchMail(deps: AppDeps, mailIds: string[]) {
  if (!deps.mailer.configured || !deps.jobs) return;
  for (const id of mailIds) await deps.jobs.send(QUEUES.mailSend, { id });
}

export async function listMyNotifications(deps: AppDeps, ctx: RequestContext, unreadOnly: boolean) {
  const actor = requireActor(ctx);
  if (!actor.userId) throw new AppError('forbidden');
  const userId = actor.userId;
  const scope = tenantScope(ctx);
  // Checked again when listed: a notification about an agreement the reader may no longer see (they
  // moved institution, the agreement stopped being shared) is not shown, nor counted.
  const mine = () =>
    deps.db
      .selectFrom('notifications as n')
      .leftJoin('agreements as a', 'a.id', 'n.agreement_id')
      .where('n.user_id', '=', userId)
      .where((eb) => eb.or([eb('n.agreement_id', 'is', null), scope.agreementVisible('a')]));
  let q = mine().selectAll('n');
  if (unreadOnly) q = q.where('n.read_at', 'is', null);
  const rows = await q.orderBy('n.created_at', 'desc').limit(100).execute();
  const unread = await mine().select(sql<number>`count(*)::int`.as('n')).where('n.read_at', 'is', null).executeTakeFirstOrThrow();
  return {
    unread: unread.n,
    items: rows.map((n) => ({
      id: n.id,
      kind: n.kind as NotificationKind,
      agreementId: n.agreement_id,
      message: translate(ctx.lang, `notifications.${n.kind}`, localizedParams(ctx.lang, n.params as Record<string, unknown>)),
      read: n.read_at !== null,
      createdAt: new Date(n.created_at).toISOString(),
    })),
  };
}

export async function markNotificationsRead(deps: AppDeps, ctx: RequestContext, id: string | null) {
  const actor = requireActor(ctx);
  if (!actor.userId) throw new AppError('forbidden');
  let q = deps.db.updateTable('notifications').set({ read_at: sql`now()` }).where('user_id', '=', actor.userId).where('read_at', 'is', null);
  if (id) q = q.where('id', '=', id);
  const res = await q.executeTakeFirst();
  if (id && Number(res.numUpdatedRows) === 0) {
    const exists = await deps.db.selectFrom('notifications').select('id').where('id', '=', id).where('user_id', '=', actor.userId).executeTakeFirst();
    if (!exists) throw notFound('notification');
  }
}

export async function getPreferences(deps: AppDeps, ctx: RequestContext) {
  const actor = requireActor(ctx);
  if (!actor.userId) throw new AppError('forbidden');
  const rows = await deps.db.selectFrom('notification_preferences').selectAll().where('user_id', '=', actor.userId).execute();
  const byKind = new Map(rows.map((r) => [r.kind, r]));
  return {
    items: NOTIFICATION_KINDS.map((kind) => ({ kind, email: byKind.get(kind)?.email ?? true, inApp: byKind.get(kind)?.in_app ?? true })),
  };
}

export async function setPreferences(deps: AppDeps, ctx: RequestContext, items: { kind: NotificationKind; email: boolean; inApp: boolean }[]) {
  const actor = requireActor(ctx);
  if (!actor.userId) throw new AppError('forbidden');
  const userId = actor.userId;
  await deps.db.transaction().execute(async (tx) => {
    for (const p of items) {
      await tx
        .insertInto('notification_preferences')
        .values({ user_id: userId, kind: p.kind, email: p.email, in_app: p.inApp })
        .onConflict((oc) => oc.columns(['user_id', 'kind']).doUpdateSet({ email: p.email, in_app: p.inApp }))
        .execute();
    }
  });
  return getPreferences(deps, ctx);
}
