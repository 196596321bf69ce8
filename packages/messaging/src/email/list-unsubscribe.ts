/**
 * RFC 2369 + RFC 8058 headers: the https URI first (mailbox providers use it for one-click), then a mailto for clients
 * that only speak mail. Both headers must be covered by the DKIM signature, which the email adapter ensures.
 */
export function listUnsubscribeHeaders(input: {
  oneClickUrl: string;
  mailto: string;
}): Record<string, string> {
  return {
    'List-Unsubscribe': `<${input.oneClickUrl}>, <mailto:${input.mailto}?subject=unsubscribe>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}
