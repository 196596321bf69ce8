import { randomUUID } from 'node:crypto';
import { Membership, User, Workspace, type EntityManager } from '@switchboard/db';
import { conflict, validationError } from './errors.ts';
import { assertPasswordStrength, normaliseEmail } from './email-address.ts';
import { hashPassword } from './secrets.ts';
import { recordAudit, type Actor } from './audit-log.ts';

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export interface NewWorkspace {
  slug: string;
  name: string;
  owner: { email: string; name: string; password: string };
}

/** Creates a workspace and its first owner (a new user, or an existing one joining with their current password). */
export async function createWorkspaceWithOwner(em: EntityManager, input: NewWorkspace, actor: Actor) {
  if (!SLUG.test(input.slug))
    throw validationError(
      'slug',
      'Use 1–63 lower-case letters, digits and dashes, not starting or ending with a dash',
    );
  if (!input.name.trim()) throw validationError('name', 'Give the workspace a name');
  const email = normaliseEmail(input.owner.email, 'owner.email');
  if (await em.count(Workspace, { slug: input.slug }))
    throw conflict(`A workspace "${input.slug}" already exists`, 'slug');

  return em.transactional(async (tx) => {
    let user = await tx.findOne(User, { email });
    if (!user) {
      assertPasswordStrength(input.owner.password, 'owner.password');
      user = tx.create(User, {
        id: randomUUID(),
        email,
        name: input.owner.name.trim() || email,
        passwordHash: await hashPassword(input.owner.password),
      });
    }
    const workspace = tx.create(Workspace, {
      id: randomUUID(),
      slug: input.slug,
      name: input.name.trim(),
    });
    tx.create(Membership, {
      id: randomUUID(),
      workspace: workspace.id,
      user: user.id,
      role: 'owner',
    });
    recordAudit(tx, {
      workspaceId: workspace.id,
      actor,
      action: 'workspace.created',
      target: { type: 'workspace', id: workspace.id },
      details: { slug: input.slug, owner: email },
    });
    return { workspace, owner: user };
  });
}

export async function findWorkspaceBySlug(em: EntityManager, slug: string) {
  return em.findOne(Workspace, { slug });
}
