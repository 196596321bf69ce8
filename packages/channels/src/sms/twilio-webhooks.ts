import twilio from 'twilio';

/**
 * Twilio's side of the port for incoming webhooks: signature checking with the SDK's own algorithm, the mapping of
 * Twilio message statuses onto ledger statuses, and the fields of an inbound message.
 */
export function isValidTwilioSignature(
  authToken: string,
  signature: string | undefined,
  url: string,
  params: Record<string, string>,
): boolean {
  if (!signature) return false;
  return twilio.validateRequest(authToken, signature, url, params);
}

export type MappedSmsStatus = 'sent' | 'delivered' | 'failed' | 'bounced' | null;

/** queued/accepted/sending are ours already; "undelivered" is the carrier refusing it (a bounce for SMS). */
export function mapTwilioStatus(status: string | undefined): MappedSmsStatus {
  switch (status) {
    case 'sent':
      return 'sent';
    case 'delivered':
    case 'read':
      return 'delivered';
    case 'undelivered':
      return 'bounced';
    case 'failed':
      return 'failed';
    default:
      return null;
  }
}

export interface InboundSms {
  providerMessageId: string;
  accountSid: string;
  from: string;
  to: string;
  body: string;
}

export function parseTwilioInbound(params: Record<string, string>): InboundSms | null {
  const providerMessageId = params.MessageSid ?? params.SmsSid;
  if (!providerMessageId || !params.From) return null;
  return {
    providerMessageId,
    accountSid: params.AccountSid ?? '',
    from: params.From,
    to: params.To ?? '',
    body: params.Body ?? '',
  };
}
