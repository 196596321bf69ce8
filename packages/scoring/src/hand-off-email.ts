import { escapeHtml } from '@switchboard/accounts';
import type { HandOff } from './engine/hand-off.ts';

/** The email telling an owner a contact was handed to them, with the reason and a link to the 360 page. */
export function handOffEmail(handOff: HandOff, publicUrl: string) {
  const link = `${publicUrl.replace(/\/$/, '')}/contacts/${handOff.contactId}`;
  return {
    to: handOff.ownerEmail,
    subject: `New lead for you: ${handOff.contactName}`,
    text: `Hi ${handOff.ownerName},\n\n${handOff.contactName} is now yours.\n${handOff.reason}.\n\nOpen the profile: ${link}\n`,
    html: `<p>Hi ${escapeHtml(handOff.ownerName)},</p><p><strong>${escapeHtml(handOff.contactName)}</strong> is now yours.<br>${escapeHtml(handOff.reason)}.</p><p><a href="${escapeHtml(link)}">Open the profile</a></p>`,
  };
}
