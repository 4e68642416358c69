import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { CapturedMail } from '../../src/server/testing/smtp-capture.ts';

// The tests' SMTP capture (src/server/testing/smtp-capture.ts: a real SMTP server on loopback that keeps what it
// receives), on a port chosen beforehand: the app is started with SMTP_URL pointing at a port where nothing
// listens yet, and the capture starts there later ("the mail server comes back").

/** A captured mail and when it arrived (Date.now()). */
export type ReceivedMail = CapturedMail & { at: number };

export interface PortCapture {
  messages: ReceivedMail[];
  close(): Promise<void>;
}

export async function startCaptureOn(port: number): Promise<PortCapture> {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          messages.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            at: Date.now(),
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return { messages, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The key a delivered mail is matched to its outbox row by (the outbox holds no message id). */
export const mailKey = (to: string, subject: string, text: string) => `${to.toLowerCase()}\u0000${subject}\u0000${text.trim()}`;
