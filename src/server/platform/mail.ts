import { sql } from 'kysely';
import nodemailer from 'nodemailer';
import { translate, type Language } from '../../locales/index.ts';
import type { Db, Tx } from './db.ts';
import { isDatabaseUnavailable } from './errors.ts';

// E-mail goes through the outbox table first, in the same transaction as the change that causes it,
// so a rolled-back change never sends mail and a crash never loses one. A job then delivers it over
// SMTP. Without SMTP configured, mail stays in the outbox (status outbox_only) for admins to read — as
// `display_body`, in which secret links (password reset, invitation) are masked: those reach only the
// recipient, by SMTP.
export interface Mailer {
  configured: boolean;
  /** `id`: the outbox row, which names the message (Message-ID): a mail sent twice after a crash is one message to the receiver. */
  send(message: { id: string; to: string; subject: string; text: string }): Promise<void>;
  close(): void;
}

export function createMailer(smtpUrl: string | undefined, from: string): Mailer {
  if (!smtpUrl) {
    return {
      configured: false,
      send: async () => {
        throw new Error('SMTP is not configured');
      },
      close: () => {},
    };
  }
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    configured: true,
    async send({ id, to, subject, text }) {
      const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'hoptac.invalid';
      await transport.sendMail({ from, to, subject, text, messageId: `<${id}@${domain}>` });
    },
    close: () => transport.close(),
  };
}

export interface QueueMailInput {
  to: string;
  /** Locale keys `mail.<template>.subject` and `.body`. */
  template: string;
  lang: Language;
  params: Record<string, unknown>;
  institutionId: string | null;
  /** The account the mail is written to (null: an address without an account, e.g. an invitee). */
  recipientUserId: string | null;
  /** Params that carry a secret (a reset or invitation link): delivered, but masked wherever the mail is shown. */
  secretParams?: string[];
}

export function renderMail(input: Pick<QueueMailInput, 'template' | 'lang' | 'params'>) {
  const subject = translate(input.lang, `mail.${input.template}.subject`, input.params);
  const body = translate(input.lang, `mail.${input.template}.body`, input.params);
  return { subject, text: `${body}\n\n${translate(input.lang, 'mail.footer')}` };
}

/** Adds a mail to the outbox inside the caller's transaction; returns its id for the delivery job. */
export async function queueMail(db: Db | Tx, smtpConfigured: boolean, input: QueueMailInput): Promise<string> {
  const { subject, text } = renderMail(input);
  const masked = Object.fromEntries((input.secretParams ?? []).map((p) => [p, translate(input.lang, 'mail.secret_hidden')]));
  const shown = input.secretParams?.length ? renderMail({ ...input, params: { ...input.params, ...masked } }).text : text;
  const row = await db
    .insertInto('mail_outbox')
    .values({
      institution_id: input.institutionId,
      recipient_user_id: input.recipientUserId,
      to_address: input.to,
      subject,
      text_body: text,
      display_body: shown,
      template: input.template,
      status: smtpConfigured ? 'queued' : 'outbox_only',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * How long a mail the SMTP server accepted waits for the database to record it as sent (PostgreSQL restarting,
 * say): not recorded, it would be sent again.
 */
const RECORD_SENT_WITHIN_MS = 120_000;

/** Delivers one queued mail; marks it sent, or records the error and rethrows so the job retries. */
export async function deliverMail(db: Db, mailer: Mailer, id: string): Promise<void> {
  const mail = await db
    .selectFrom('mail_outbox')
    .selectAll()
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'failed'])
    .executeTakeFirst();
  if (!mail) return;
  try {
    await mailer.send({ id: mail.id, to: mail.to_address, subject: mail.subject, text: mail.text_body });
  } catch (err) {
    await db
      .updateTable('mail_outbox')
      .set({ status: 'failed', error: String((err as Error).message ?? err), attempts: mail.attempts + 1 })
      .where('id', '=', id)
      .execute();
    throw err;
  }
  // Sent: from here on, a failure must not make it `failed` (sent again), and a database that went away while the
  // SMTP server took the mail (reliability/faults.ts saw it sent twice) is waited for.
  for (let wait = 250, deadline = Date.now() + RECORD_SENT_WITHIN_MS; ; wait = Math.min(wait * 2, 4000)) {
    try {
      await db.updateTable('mail_outbox').set({ status: 'sent', sent_at: new Date(), error: null, attempts: mail.attempts + 1 }).where('id', '=', id).execute();
      return;
    } catch (err) {
      if (!isDatabaseUnavailable(err) || Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/** After this many failed attempts a mail stays `failed` (the outbox shows it with its error). */
export const MAIL_MAX_ATTEMPTS = 18;

/**
 * The mail to put on the queue again: queued for over a minute (written while no worker ran, or its job was lost),
 * or failed with attempts left (its job ran out of retries: an SMTP server down for longer than ~15 minutes) once
 * 30 s × 2^attempts have passed since it was written — so it goes out once the server is back, within about twice
 * the outage, for up to ~3 days.
 */
export function mailDue(db: Db, now: Date) {
  return db
    .selectFrom('mail_outbox')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'queued'), eb('created_at', '<', new Date(now.getTime() - 60_000))]),
        eb.and([
          eb('status', '=', 'failed'),
          eb('attempts', '<', MAIL_MAX_ATTEMPTS),
          eb('created_at', '<', sql<Date>`${now}::timestamptz - interval '30 seconds' * power(2, mail_outbox.attempts)`),
        ]),
      ]),
    )
    .orderBy('created_at')
    .limit(500)
    .execute();
}
