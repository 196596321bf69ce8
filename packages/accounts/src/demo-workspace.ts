import { randomUUID } from 'node:crypto';
import { Membership, User, Workspace, type EntityManager, type Role } from '@switchboard/db';
import { hashPassword } from './secrets.ts';
import { recordAudit } from './audit-log.ts';

export const DEMO = {
  slug: 'demo',
  name: 'Demo Company',
  password: 'switchboard-demo',
  users: [
    { email: 'owner@demo.switchboard.local', name: 'Olivia Owner', role: 'owner' },
    { email: 'admin@demo.switchboard.local', name: 'Adam Admin', role: 'admin' },
    { email: 'marketer@demo.switchboard.local', name: 'Mia Marketer', role: 'marketer' },
    { email: 'agent@demo.switchboard.local', name: 'Aiden Agent', role: 'agent' },
    { email: 'analyst@demo.switchboard.local', name: 'Ana Analyst', role: 'analyst' },
  ] satisfies { email: string; name: string; role: Role }[],
} as const;

/** Seeds the demo workspace once; returns false when it already exists (a second start reuses the data). */
export async function seedDemoWorkspace(em: EntityManager): Promise<boolean> {
  if (await em.count(Workspace, { slug: DEMO.slug })) return false;
  const passwordHash = await hashPassword(DEMO.password);
  await em.transactional(async (tx) => {
    const workspace = tx.create(Workspace, {
      id: randomUUID(),
      slug: DEMO.slug,
      name: DEMO.name,
      postalAddress: 'Demo Company, 1 Example Street, 10115 Berlin, Germany',
    });
    for (const person of DEMO.users) {
      const user =
        (await tx.findOne(User, { email: person.email })) ??
        tx.create(User, {
          id: randomUUID(),
          email: person.email,
          name: person.name,
          passwordHash,
        });
      tx.create(Membership, {
        id: randomUUID(),
        workspace: workspace.id,
        user: user.id,
        role: person.role,
      });
    }
    recordAudit(tx, {
      workspaceId: workspace.id,
      actor: { type: 'cli', id: null, label: 'demo seed' },
      action: 'workspace.created',
      target: { type: 'workspace', id: workspace.id },
      details: { slug: DEMO.slug, seeded: true },
    });
  });
  return true;
}
