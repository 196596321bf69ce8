/** The one thing accounts needs from the email channel: send a transactional message now. */
export interface TransactionalMailer {
  sendTransactional(message: {
    to: string;
    subject: string;
    text: string;
    html: string;
  }): Promise<{ messageId: string }>;
}
