import { NOTIFICATION_KINDS, type NotificationItem, type NotificationKind, type NotificationPreference } from '../../../contracts/notifications.ts';
import { translate, type Language } from '../../../locales/index.ts';
import { tenantScope } from '../../platform/access.ts';
import { requireActor, type RequestContext } from '../../platform/context.ts';
import type { AppDeps } from '../../platform/deps.ts';
import type { Tx } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { QUEUES } from '../../platform/jobs.ts';
import { queueMail } from '../../platform/mail.ts';
import { type NotificationKindDefinition, kindDefinition, registeredSubjects, subjectDefinition } from './registry.ts';
import * as repo from './repository.ts';

// The one way a module notifies people: in-app and by e-mail, each as the recipient chose per kind, only
// to those who may read the record (checked when sent, and again whenever notifications are listed).

export interface NotifyInput {
  /** The record the notification is about. */
  subjectId: string;
  /** Candidates chosen by the sending module (e.g. the parties' officers and the points of contact). */
  recipients: string[];
  /** Interpolated into `notifications.<kind>` and the e-mail template, with the subject's titles. */
  params?: Record<string, string | number>;
  /**
   * The acting user: gets no notification about their own act, and is who `params.actor` names — stored as
   * their title and name (namesOfUsers), never their e-mail.
   */
  exceptUserId?: string | null;
}

/** Records notifications and queues e-mails in the caller's transaction; returns the mail ids to dispatch after commit. */
export async function notify(tx: Tx, deps: AppDeps, definition: NotificationKindDefinition, input: NotifyInput): Promise<string[]> {
  const { subject } = definition;
  const candidates = [...new Set(input.recipients)].filter((id) => id !== input.exceptUserId);
  const readers = await subject.readersAmong(tx, input.subjectId, candidates);
  const recipients = await repo.recipientsWithPreferences(tx, readers, definition.kind, definition.defaults);
  // Stored language-neutral (both titles, ISO dates) so an in-app notification reads in whatever
  // language its reader uses; an e-mail is written once, in the recipient's language.
  const stored = { ...(await actorNamed(tx, input)), ...(await subject.params(tx, input.subjectId)) };
  const mailIds: string[] = [];
  for (const r of recipients) {
    if (r.in_app_on) {
      await repo.insertNotification(tx, { userId: r.id, kind: definition.kind, subjectType: subject.type, subjectId: input.subjectId, params: stored });
    }
    if (r.email_on) {
      const lang = r.language as Language;
      const params = { ...localizedParams(lang, stored), link: `${deps.config.publicUrl}${subject.path(input.subjectId)}` };
      mailIds.push(
        await queueMail(tx, deps.mailer.configured, {
          to: r.email,
          template: definition.mailTemplate,
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

/** The params with `actor` (the account's label, an e-mail) replaced by the acting user's name. */
async function actorNamed(tx: Tx, input: NotifyInput): Promise<Record<string, string | number>> {
  const params = { ...input.params };
  if (params.actor === undefined || !input.exceptUserId) return params;
  const [named] = await repo.namesOfUsers(tx, { ids: [input.exceptUserId] });
  if (named) params.actor = named.name;
  return params;
}

/**
 * Notifications stored before actors were named hold the actor's e-mail: shown with the account's name
 * instead, when the account still exists.
 */
async function withActorNames(deps: AppDeps, rows: { params: unknown }[]): Promise<Record<string, unknown>[]> {
  const all = rows.map((r) => (r.params ?? {}) as Record<string, unknown>);
  const emails = [...new Set(all.map((p) => p.actor).filter((a): a is string => typeof a === 'string' && a.includes('@')))];
  if (emails.length === 0) return all;
  const byEmail = new Map((await repo.namesOfUsers(deps.db, { emails })).map((u) => [u.email.toLowerCase(), u.name]));
  return all.map((p) => (typeof p.actor === 'string' && byEmail.has(p.actor.toLowerCase()) ? { ...p, actor: byEmail.get(p.actor.toLowerCase()) } : p));
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

function requireUser(ctx: RequestContext) {
  const actor = requireActor(ctx);
  if (!actor.userId) throw new AppError('forbidden');
  return actor.userId;
}

export async function listMyNotifications(deps: AppDeps, ctx: RequestContext, unreadOnly: boolean): Promise<{ unread: number; items: NotificationItem[] }> {
  const userId = requireUser(ctx);
  const scope = tenantScope(ctx);
  const subjects = registeredSubjects();
  const rows = await repo.listNotifications(deps.db, scope, userId, subjects, unreadOnly, 100);
  const unread = await repo.countUnread(deps.db, scope, userId, subjects);
  const params = await withActorNames(deps, rows);
  return {
    unread,
    items: rows.map((n, i) => ({
      id: n.id,
      kind: n.kind as NotificationKind,
      subjectType: n.subject_type,
      subjectId: n.subject_id,
      path: subjectDefinition(n.subject_type)?.path(n.subject_id) ?? '/',
      message: translate(ctx.lang, `notifications.${n.kind}`, localizedParams(ctx.lang, params[i])),
      read: n.read_at !== null,
      createdAt: new Date(n.created_at).toISOString(),
    })),
  };
}

export async function markNotificationsRead(deps: AppDeps, ctx: RequestContext, id: string | null) {
  const userId = requireUser(ctx);
  const marked = await repo.markRead(deps.db, userId, id);
  if (id && marked === 0 && !(await repo.notificationExists(deps.db, userId, id))) throw notFound('notification');
}

export async function getPreferences(deps: AppDeps, ctx: RequestContext): Promise<{ items: NotificationPreference[] }> {
  const userId = requireUser(ctx);
  const byKind = new Map((await repo.preferencesOf(deps.db, userId)).map((r) => [r.kind, r]));
  return {
    items: NOTIFICATION_KINDS.map((kind) => {
      const defaults = kindDefinition(kind)?.defaults ?? { email: true, inApp: true };
      const chosen = byKind.get(kind);
      return { kind, email: chosen?.email ?? defaults.email, inApp: chosen?.in_app ?? defaults.inApp };
    }),
  };
}

export async function setPreferences(deps: AppDeps, ctx: RequestContext, items: NotificationPreference[]) {
  const userId = requireUser(ctx);
  await repo.savePreferences(deps.db, userId, items);
  return getPreferences(deps, ctx);
}
