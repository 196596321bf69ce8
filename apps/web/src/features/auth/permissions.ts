import { can, type Permission } from '@switchboard/accounts/permissions';
import { session } from './session.ts';

export type { Permission };

/**
 * Whether the signed-in person's role may do this. It reads the server's own permission table, so a screen never
 * offers what the API would refuse and a role change is still a one-line edit in one place.
 */
export function may(permission: Permission): boolean {
  const role = session()?.role;
  return role !== undefined && can(role, permission);
}
