import { readReturnAddress } from '../email/bounce-address.ts';

/** Role mailboxes where reports may arrive besides our signed addresses (RFC 5321 requires postmaster). */
const ROLE_MAILBOXES = new Set(['postmaster', 'abuse', 'fbl']);

export type RecipientVerdict = { accept: true } | { accept: false; code: number; reason: string };

/**
 * Who the inbound SMTP listener takes mail for: only our own domains (exactly; no subdomains, lookalikes or
 * source routes such as `victim%gmail.com@…`), and there only the signed per-message addresses (bounces+, reply+,
 * unsubscribe+) and the role mailboxes. Everything else is refused at RCPT TO, before any data is read.
 */
export function judgeInboundRecipient(
  address: string,
  ourDomains: ReadonlySet<string>,
  trackingSecret: string,
): RecipientVerdict {
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at).toLowerCase();
  const domain = address
    .slice(at + 1)
    .toLowerCase()
    .replace(/\.$/, '');
  if (at <= 0 || !ourDomains.has(domain))
    return { accept: false, code: 550, reason: `<${address}>: relay access denied` };
  if (ROLE_MAILBOXES.has(local) || readReturnAddress(trackingSecret, address) !== null)
    return { accept: true };
  return { accept: false, code: 550, reason: `<${address}>: no such mailbox` };
}
