import { randomUUID } from 'node:crypto';
import { Invite, Membership, User, Workspace, type EntityManager, type Role } from '@switchboard/db';
import { conflict, DomainError, forbidden, notFound, validationError } from './errors.ts';
import { assertPasswordStrength, normaliseEmail } from './email-address.ts';
import { hashPassword, randomToken, sha256Hex, verifyPassword } from './secrets.ts';
import { canGrantRole } from './permissions.ts';
import { recordAudit, type Actor } from './audit-log.ts';
import type { TransactionalMailer } from './mailer-port.ts';
import { createSession } from './sessions.ts';
import { renderInviteEmail } from './invite-email.ts';
import { userLocale } from './user-locale.ts';

export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface InviteRequest {
  workspaceId: string;
  actorRole: Role;
  actor: Actor;
  inviterName: string;
  email: string;
  role: Role;
  /** Where the web app lives, e.g. https://switchboard.example.com; the link is `${publicUrl}/invite/<token>`. */
  publicUrl: string;
}

/** Records the invite and emails the link; if the email cannot be sent, nothing is recorded. */
export async function inviteMember(em: EntityManager, mailer: TransactionalMailer, request: InviteRequest) {
  const email = normaliseEmail(request.email);
  if (!canGrantRole(request.actorRole, request.role))
    throw forbidden(`Your role cannot invite someone as ${request.role}`);
  const workspace = await em.findOneOrFail(Workspace, { id: request.workspaceId });
  const existingUser = await em.findOne(User, { email });
  if (existingUser && (await em.count(Membership, { workspace: workspace.id, user: existingUser.id })))
    throw conflict(`${email} is already a member of this workspace`, 'email');

  const token = randomToken(32);
  const invite = em.create(Invite, {
    id: randomUUID(),
    workspace: workspace.id,
    email,
    role: request.role,
    tokenHash: sha256Hex(token),
    invitedBy: request.actor.type === 'user' ? request.actor.id : null,
    expiresAt: new Date(Date.now() + INVITE_TTL_MS),
  });
  recordAudit(em, {
    workspaceId: workspace.id,
    actor: request.actor,
    action: 'member.invited',
    target: { type: 'invite', id: invite.id },
    details: { email, role: request.role },
  });
  const link = `${request.publicUrl}/invite/${token}`;
  const inviter = request.actor.type === 'user' ? await em.findOne(User, { id: request.actor.id }) : null;
  // Send first: an invite nobody received must not sit in the list as if it had been.
  await mailer.sendTransactional(
    renderInviteEmail({
      to: email,
      inviterName: request.inviterName,
      workspaceName: workspace.name,
      role: request.role,
      link,
      locale: userLocale(existingUser?.locale ?? inviter?.locale),
    }),
  );
  await em.flush();
  return { id: invite.id, email, role: invite.role, expiresAt: invite.expiresAt };
}

export async function listPendingInvites(em: EntityManager, workspaceId: string) {
  const invites = await em.find(
    Invite,
    { workspace: workspaceId, acceptedAt: null, revokedAt: null, expiresAt: { $gt: new Date() } },
    { orderBy: { createdAt: 'desc' } },
  );
  return invites.map((i) => ({
    id: i.id,
    email: i.email,
    role: i.role,
    createdAt: i.createdAt,
    expiresAt: i.expiresAt,
  }));
}

export async function revokeInvite(em: EntityManager, workspaceId: string, inviteId: string, actor: Actor) {
  const invite = await em.findOne(Invite, { id: inviteId, workspace: workspaceId, acceptedAt: null });
  if (!invite) throw notFound('Invite');
  invite.revokedAt = new Date();
  recordAudit(em, { workspaceId, actor, action: 'invite.revoked', target: { type: 'invite', id: inviteId } });
  await em.flush();
}

async function findUsableInvite(em: EntityManager, token: string) {
  const invite = await em.findOne(Invite, { tokenHash: sha256Hex(token) });
  if (!invite || invite.revokedAt) throw notFound('Invite');
  if (invite.acceptedAt)
    throw new DomainError('conflict', 'This invite has already been used; sign in instead');
  if (invite.expiresAt <= new Date())
    throw new DomainError('conflict', 'This invite has expired; ask for a new one');
  return invite;
}

/** What the invite page shows before the person accepts. */
export async function describeInvite(em: EntityManager, token: string) {
  const invite = await findUsableInvite(em, token);
  const workspace = await em.findOneOrFail(Workspace, { id: invite.workspace });
  const hasAccount = (await em.count(User, { email: invite.email })) > 0;
  return { email: invite.email, role: invite.role, workspaceName: workspace.name, hasAccount };
}

export interface AcceptInput {
  token: string;
  name?: string;
  password: string;
  ip: string;
  userAgent?: string | null;
  sessionSecret: string;
}

/** New people choose a password; people who already have an account confirm theirs. Signs them in. */
export async function acceptInvite(em: EntityManager, input: AcceptInput) {
  const invite = await findUsableInvite(em, input.token);
  let user = await em.findOne(User, { email: invite.email });
  if (user) {
    if (!(await verifyPassword(input.password, user.passwordHash)))
      throw validationError('password', 'That is not the password of your existing account');
  } else {
    assertPasswordStrength(input.password);
    const name = input.name?.trim();
    if (!name) throw validationError('name', 'Tell your colleagues your name');
    user = em.create(User, {
      id: randomUUID(),
      email: invite.email,
      name,
      passwordHash: await hashPassword(input.password),
    });
  }
  const userId = user.id;
  await em.transactional(async (tx) => {
    // Claim the invite atomically so two tabs cannot both accept it.
    const claimed = await tx.nativeUpdate(
      Invite,
      { id: invite.id, acceptedAt: null },
      { acceptedAt: new Date() },
    );
    if (claimed !== 1)
      throw new DomainError('conflict', 'This invite has already been used; sign in instead');
    tx.create(Membership, {
      id: randomUUID(),
      workspace: invite.workspace,
      user: userId,
      role: invite.role,
    });
    recordAudit(tx, {
      workspaceId: invite.workspace,
      actor: { type: 'user', id: userId, label: invite.email, ip: input.ip },
      action: 'invite.accepted',
      target: { type: 'invite', id: invite.id },
      details: { role: invite.role },
    });
  });
  const session = await createSession(em, {
    userId,
    workspaceId: invite.workspace,
    secret: input.sessionSecret,
    ip: input.ip,
    userAgent: input.userAgent ?? null,
  });
  return { ...session, userId, workspaceId: invite.workspace };
}
