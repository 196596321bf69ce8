import { DEMO, findWorkspaceBySlug, seedDemoWorkspace } from '@switchboard/accounts';
import type { EntityManager } from '@switchboard/db';
import { seedDemoAudience } from './seed-demo-audience.ts';
import { seedDemoCrm } from './seed-demo-crm.ts';

/** The demo workspace with its users, its audience, companies, deals and notes; each part is created once. */
export async function seedDemo(em: EntityManager) {
  const workspaceCreated = await seedDemoWorkspace(em);
  const workspace = await findWorkspaceBySlug(em, DEMO.slug);
  const audience = workspace ? await seedDemoAudience(em, workspace.id) : { contacts: 0, events: 0 };
  const crm = workspace ? await seedDemoCrm(em, workspace.id) : { companies: 0, deals: 0, notes: 0 };
  return { workspaceCreated, workspaceId: workspace?.id ?? null, ...audience, ...crm };
}
