import type { EntityManager } from '@switchboard/db';
import { escapeHtml, notificationCopy, userLocale, type TransactionalMailer } from '@switchboard/accounts';
import { sql } from '@switchboard/contacts';

/** A notification waiting for its email, with the recipient. */
export interface OwedEmail {
  id: string;
  title: string;
  body: string;
  link: string | null;
  email: string;
  name: string;
  /** The recipient's language: the email around the notification is written in it. */
  locale: string | null;
  email_attempts: number;
}

/** Sending gives up on a notification's email after this many failed tries (the notification stays in the app). */
export const EMAIL_ATTEMPTS = 5;
const BATCH = 50;
const BATCHES_PER_PASS = 20;

/** The email for a notification (a contact handed to its new owner…): the reason and a link into the app. */
export function notificationEmail(owed: OwedEmail, publicUrl: string) {
  const link = owed.link ? `${publicUrl.replace(/\/$/, '')}${owed.link}` : null;
  const copy = notificationCopy(userLocale(owed.locale));
  return {
    to: owed.email,
    subject: owed.title,
    text: `${copy.greeting(owed.name)}\n\n${owed.title}\n${owed.body}\n${link ? `\n${copy.openLink}: ${link}\n` : ''}`,
    html: `<p>${escapeHtml(copy.greeting(owed.name))}</p><p><strong>${escapeHtml(owed.title)}</strong><br>${escapeHtml(owed.body)}</p>${link ? `<p><a href="${escapeHtml(link)}">${escapeHtml(copy.openLink)}</a></p>` : ''}`,
  };
}

/**
 * Sends the emails owed for notifications. A notification that wants one is written with `email_status =
 * 'pending'` in the same transaction as the change it reports, so a crash between that commit and the send only
 * delays the email to the next pass; rows are locked while sent, so two workers never send the same one. A failed
 * send is tried again on later passes, up to EMAIL_ATTEMPTS. Without a mailer nothing is owed: pending emails are
 * marked skipped rather than sent in a flood once email is configured. Returns how many were sent.
 */
export async function sendOwedEmails(
  em: EntityManager,
  mailer: TransactionalMailer | null,
  publicUrl: string,
  log: (message: string, fields: Record<string, unknown>) => void,
): Promise<number> {
  if (!mailer) {
    await sql(em, `update notifications set email_status = 'skipped' where email_status = 'pending'`);
    return 0;
  }
  let sent = 0;
  for (let batch = 0; batch < BATCHES_PER_PASS; batch++) {
    const { owed, failed } = await em.transactional(async (tx) => {
      const rows = await sql<OwedEmail>(
        tx,
        `select n.id, n.title, n.body, n.link, u.email, u.name, u.locale, n.email_attempts
         from notifications n join users u on u.id = n.user_id
         where n.email_status = 'pending' order by n.id limit ? for update of n skip locked`,
        [BATCH],
      );
      let failed = 0;
      for (const row of rows) {
        try {
          await mailer.sendTransactional(notificationEmail(row, publicUrl));
          await sql(tx, `update notifications set email_status = 'sent' where id = ?`, [row.id]);
          sent++;
        } catch (error) {
          failed++;
          const attempts = row.email_attempts + 1;
          log('notification email failed', {
            notificationId: row.id,
            to: row.email,
            attempt: attempts,
            error: (error as Error).message,
          });
          await sql(tx, 'update notifications set email_attempts = ?, email_status = ? where id = ?', [
            attempts,
            attempts >= EMAIL_ATTEMPTS ? 'failed' : 'pending',
            row.id,
          ]);
        }
      }
      return { owed: rows.length, failed };
    });
    // A failure usually means the relay is down: the next pass tries again, rather than this one spending every
    // remaining attempt of the same rows within seconds.
    if (owed < BATCH || failed > 0) break;
  }
  return sent;
}
