import { createWorkspaceWithOwner, randomToken } from '@switchboard/accounts';
import { required, type Command } from '../command.ts';

export const workspaceCreate: Command = {
  name: 'workspace create',
  usage: 'workspace create --slug <slug> --name <name> --owner-email <email> [--owner-name <name>]',
  summary:
    'Create a workspace and its owner (password from SWITCHBOARD_OWNER_PASSWORD, or a generated one that is printed)',
  options: {
    slug: { type: 'string' },
    name: { type: 'string' },
    'owner-email': { type: 'string' },
    'owner-name': { type: 'string' },
  },
  async run(values, { db, print }) {
    const generated = !process.env.SWITCHBOARD_OWNER_PASSWORD;
    const password = process.env.SWITCHBOARD_OWNER_PASSWORD ?? randomToken(12);
    const email = required(values, 'owner-email');
    const { workspace, owner } = await createWorkspaceWithOwner(
      db.fork(),
      {
        slug: required(values, 'slug'),
        name: required(values, 'name'),
        owner: {
          email,
          name: typeof values['owner-name'] === 'string' ? values['owner-name'] : email,
          password,
        },
      },
      { type: 'cli', id: null, label: 'operator CLI' },
    );
    print(`Created workspace "${workspace.slug}" (${workspace.id}) owned by ${owner.email}.`);
    if (generated) print(`Owner password (shown once): ${password}`);
  },
};
