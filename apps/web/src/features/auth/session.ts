import { createResource } from 'solid-js';
import { api, setCsrfToken } from '../../lib/trpc.ts';
import { locale } from '../../i18n/i18n.ts';

async function loadSession() {
  const me = await api.auth.me.query();
  setCsrfToken(me?.csrfToken ?? null);
  // The language this device shows is the one Switchboard's emails to the person use too.
  if (me && me.user.locale !== locale())
    void api.auth.setLocale.mutate({ locale: locale() }).catch(() => undefined);
  return me;
}

const [session, { refetch, mutate }] = createResource(loadSession);

export type Session = NonNullable<Awaited<ReturnType<typeof loadSession>>>;
export { session };
export const reloadSession = () => refetch();

export async function signOut() {
  await api.auth.signOut.mutate();
  setCsrfToken(null);
  mutate(null);
}

export function isAdmin(s: Session | null | undefined) {
  return s?.role === 'owner' || s?.role === 'admin';
}

/** Custom fields, scoring and assignment rules: marketers shape the audience too. */
export function canConfigureAudience(s: Session | null | undefined) {
  return isAdmin(s) || s?.role === 'marketer';
}
