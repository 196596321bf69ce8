import { randomUUID } from 'node:crypto';
import { hashPassword } from '@switchboard/accounts';
import { Membership, ROLES, User, Workspace, type Database, type Role } from '@switchboard/db';

export const TEST_PASSWORD = 'test-password-123';
let hash: Promise<string> | undefined;

/** A workspace with one member per role: `${role}@${slug}.test`, all with TEST_PASSWORD. */
export async function seedWorkspace(db: Database, slug: string) {
  hash ??= hashPassword(TEST_PASSWORD);
  const passwordHash = await hash;
  const em = db.fork();
  const workspace = em.create(Workspace, {
    id: randomUUID(),
    slug,
    name: `Workspace ${slug}`,
  });
  const users = {} as Record<Role, { id: string; email: string }>;
  for (const role of ROLES) {
    const user = em.create(User, {
      id: randomUUID(),
      email: `${role}@${slug}.test`,
      name: `${role} of ${slug}`,
      passwordHash,
    });
    em.create(Membership, {
      id: randomUUID(),
      workspace: workspace.id,
      user: user.id,
      role,
    });
    users[role] = { id: user.id, email: user.email };
  }
  await em.flush();
  return { id: workspace.id, slug, users };
}
