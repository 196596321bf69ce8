/** A workspace member an agent can mention in a note. */
export interface Mentionable {
  id: string;
  name: string;
  email: string;
}

/**
 * The members a note mentions: "@" followed by a member's name (any case, spaces allowed, longest name first so
 * "@Ann Lee" is not taken for "@Ann") or the part of their email before the "@".
 */
export function mentionedMembers(text: string, members: Mentionable[]): Mentionable[] {
  const found = new Map<string, Mentionable>();
  const lower = text.toLowerCase();
  const handles = members
    .flatMap((m) => [
      { member: m, handle: m.name.trim().toLowerCase() },
      { member: m, handle: m.email.slice(0, m.email.indexOf('@')).toLowerCase() },
    ])
    .filter((h) => h.handle.length > 0)
    .sort((a, b) => b.handle.length - a.handle.length);
  for (let at = lower.indexOf('@'); at !== -1; at = lower.indexOf('@', at + 1)) {
    // An email address in the text ("ann@example.com") mentions no one; Chinese text has no space before "@".
    if (at > 0 && /[a-z0-9._%+-]/.test(lower.charAt(at - 1))) continue;
    const rest = lower.slice(at + 1);
    const hit = handles.find(
      (h) => rest.startsWith(h.handle) && !/[\p{L}\p{N}_]/u.test(rest.charAt(h.handle.length)),
    );
    if (hit) found.set(hit.member.id, hit.member);
  }
  return [...found.values()];
}
