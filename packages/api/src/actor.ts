import type { Actor, SessionContext } from '@switchboard/accounts';

export const actorOf = (session: SessionContext, ip: string): Actor => ({
  type: 'user',
  id: session.user.id,
  label: session.user.email,
  ip,
});
