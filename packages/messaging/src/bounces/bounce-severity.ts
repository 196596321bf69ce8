/**
 * Whether a bounce proves the address is dead. RFC 3463's class 5 is "permanent", but only some subjects say the
 * *address* is the problem: 5.1.x (no such user, bad domain) and 5.4.4 (no route to the domain). A full mailbox
 * (x.2.2), policy or spam blocks (x.7.x) and network trouble say nothing final about the person, so they count as
 * soft and suppress only after repeating (the workspace's soft-bounce threshold).
 */
export function isHardBounce(status: string): boolean {
  const match = /^([245])\.(\d{1,3})\.(\d{1,3})$/.exec(status.trim());
  if (!match) return false;
  const [, klass, subject, detail] = match;
  if (klass !== '5') return false;
  if (subject === '1') return true;
  if (subject === '4' && detail === '4') return true;
  return subject === '0' && detail === '0';
}
