import { Membership, User, type EntityManager, type Role } from '@switchboard/db';
import { conflict, forbidden, notFound } from './errors.ts';
import { canGrantRole } from './permissions.ts';
import { recordAudit, type Actor } from './audit-log.ts';

export async function listMembers(em: EntityManager, workspaceId: string) {
  const memberships = await em.find(
    Membership,
    { workspace: workspaceId },
    { orderBy: { createdAt: 'asc' } },
  );
  const users = await em.find(User, { id: { $in: memberships.map((m) => m.user) } });
  const byId = new Map(users.map((u) => [u.id, u]));
  return memberships.map((m) => {
    const user = byId.get(m.user);
    return {
      userId: m.user,
      email: user?.email ?? '',
      name: user?.name ?? '',
      role: m.role,
      joinedAt: m.createdAt,
    };
  });
}

interface MemberChange {
  workspaceId: string;
  actorRole: Role;
  actor: Actor;
  userId: string;
}

export async function changeMemberRole(em: EntityManager, change: MemberChange & { role: Role }) {
  const membership = await em.findOne(Membership, { workspace: change.workspaceId, user: change.userId });
  if (!membership) throw notFound('Member');
  if (
    !canGrantRole(change.actorRole, change.role) ||
    (membership.role === 'owner' && change.actorRole !== 'owner')
  )
    throw forbidden('Only an owner can grant or take away the owner role');
  if (membership.role === 'owner' && change.role !== 'owner')
    await assertAnotherOwner(em, change.workspaceId);
  const previous = membership.role;
  membership.role = change.role;
  recordAudit(em, {
    workspaceId: change.workspaceId,
    actor: change.actor,
    action: 'member.role_changed',
    target: { type: 'user', id: change.userId },
    details: { from: previous, to: change.role },
  });
  await em.flush();
  return { userId: change.userId, role: membership.role };
}

export async function removeMember(em: EntityManager, change: MemberChange) {
  const membership = await em.findOne(Membership, { workspace: change.workspaceId, user: change.userId });
  if (!membership) throw notFound('Member');
  if (membership.role === 'owner') {
    if (change.actorRole !== 'owner') throw forbidden('Only an owner can remove an owner');
    await assertAnotherOwner(em, change.workspaceId);
  }
  em.remove(membership);
  recordAudit(em, {
    workspaceId: change.workspaceId,
    actor: change.actor,
    action: 'member.removed',
    target: { type: 'user', id: change.userId },
  });
  await em.flush();
}

async function assertAnotherOwner(em: EntityManager, workspaceId: string) {
  const owners = await em.count(Membership, { workspace: workspaceId, role: 'owner' });
  if (owners < 2) throw conflict('A workspace needs at least one owner; make someone else owner first');
}
