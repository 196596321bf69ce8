import { DEMO, findWorkspaceBySlug, seedDemoWorkspace } from '@switchboard/accounts';
import type { EntityManager } from '@switchboard/db';
import { seedDemoAudience } from './seed-demo-audience.ts';

/** The demo workspace with its users, then its audience; each part is created once and kept afterwards. */
export async function seedDemo(em: EntityManager) {
  const workspaceCreated = await seedDemoWorkspace(em);
  const workspace = await findWorkspaceBySlug(em, DEMO.slug);
  const audience = workspace ? await seedDemoAudience(em, workspace.id) : { contacts: 0, events: 0 };
  return { workspaceCreated, ...audience };
}
