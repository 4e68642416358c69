import type { Expression, SqlBool } from 'kysely';
import type { NotificationKind } from '../../../contracts/notifications.ts';
import type { TenantScope } from '../../platform/access.ts';
import type { Tx } from '../../platform/db.ts';

// What a module tells the notifications module about the notifications it sends. A module declares, in its
// own `notifications.ts`, the kind of record its notifications are about (a subject: how to tell who may
// read it, its titles, its page) and each of its kinds (preference defaults, e-mail template), and hands
// them to `notify` when it sends. `registerModules` registers every module's definitions so the lists
// and preferences know all of them.

/** The kind of record notifications are about (an agreement, later an activity, a placement, …). */
export interface NotificationSubject {
  type: string;
  /**
   * SQL condition: the record whose id is in `idColumn` is readable, now, by the user whose id is in
   * `userColumn` (the notification's recipient, who is the reader: their roles and what they are part of
   * count, within `scope`). Notifications are filtered by it whenever they are listed, so what the reader may
   * no longer read is not shown. One condition, evaluated per listed row.
   */
  readableIn(scope: TenantScope, idColumn: string, userColumn: string): Expression<SqlBool>;
  /** Of these users, those who may read the record now, by the same rule (a notification goes to nobody else). */
  readersAmong(tx: Tx, id: string, userIds: string[]): Promise<string[]>;
  /** Stored with every notification about the record, language-neutral (both titles). */
  params(tx: Tx, id: string): Promise<{ titleVi: string; titleEn: string } & Record<string, string>>;
  /** The record's page in the web app. */
  path(id: string): string;
}

export interface NotificationKindDefinition {
  kind: NotificationKind;
  subject: NotificationSubject;
  /** E-mail template: `mail.<template>.subject` / `.body` in the locale files. */
  mailTemplate: string;
  /** What a user receives until they choose. */
  defaults: { email: boolean; inApp: boolean };
}

const kinds = new Map<NotificationKind, NotificationKindDefinition>();
const subjects = new Map<string, NotificationSubject>();

export function registerNotificationKinds(definitions: readonly NotificationKindDefinition[]) {
  for (const d of definitions) {
    const known = kinds.get(d.kind);
    if (known && known !== d) throw new Error(`notification kind ${d.kind} is defined twice`);
    const subject = subjects.get(d.subject.type);
    if (subject && subject !== d.subject) throw new Error(`notification subject ${d.subject.type} is defined twice`);
    kinds.set(d.kind, d);
    subjects.set(d.subject.type, d.subject);
  }
}

export const registeredKinds = (): NotificationKindDefinition[] => [...kinds.values()];
export const registeredSubjects = (): NotificationSubject[] => [...subjects.values()];
export const kindDefinition = (kind: string) => kinds.get(kind as NotificationKind);
export const subjectDefinition = (type: string) => subjects.get(type);
