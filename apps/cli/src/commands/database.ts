import { migrateDatabase } from '@switchboard/db';
import { DEMO, findWorkspaceBySlug } from '@switchboard/accounts';
import { seedDemo as seedDemoData } from '@switchboard/audience';
import { seedDemoJourneys } from '@switchboard/journeys';
import { seedDemoAnalytics } from '@switchboard/analytics';
import { seedDemoInbox } from '@switchboard/messaging';
import type { Command } from '../command.ts';

export const migrate: Command = {
  name: 'migrate',
  usage: 'migrate',
  summary: 'Apply pending database migrations (safe to run from several machines at once)',
  options: {},
  async run(_values, { db, print }) {
    const applied = await migrateDatabase(db);
    print(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
  },
};

export const seedDemo: Command = {
  name: 'seed-demo',
  usage: 'seed-demo [--json]',
  summary: `Create the demo workspace "${DEMO.slug}": one user per role, 5,000 contacts with consent and 90 days of events, companies, deals, segments, scoring rules, templates, campaigns, two live journeys, purchases to attribute and an inbox of conversations (each part only once); --json prints what was added as one JSON line`,
  options: { json: { type: 'boolean' } },
  async run(values, { db, print }) {
    const seeded = await seedDemoData(db.fork());
    const workspace = await findWorkspaceBySlug(db.fork(), DEMO.slug);
    const journeys = workspace
      ? await seedDemoJourneys(db.fork(), workspace.id)
      : { journeys: 0, instances: 0 };
    // After the journeys: their demo histories' sends and the purchases that follow them.
    const analytics = workspace ? await seedDemoAnalytics(db.fork(), workspace.id) : { purchases: 0 };
    const inbox = workspace ? await seedDemoInbox(db.fork(), workspace.id) : { conversations: 0 };
    if (values.json) {
      print(JSON.stringify({ ...seeded, ...journeys, ...analytics, ...inbox }));
      return;
    }
    const created = seeded.workspaceCreated;
    print(
      created
        ? `Seeded "${DEMO.slug}"; sign in as ${DEMO.users.map((u) => u.email).join(', ')} with password ${DEMO.password}`
        : `"${DEMO.slug}" already exists.`,
    );
    if (seeded.contacts) print(`Added ${seeded.contacts} demo contacts and ${seeded.events} events.`);
    if (seeded.companies)
      print(`Added ${seeded.companies} companies, ${seeded.deals} deals and ${seeded.notes} notes.`);
    if (seeded.scoringRules)
      print(
        `Added ${seeded.scoringRules} scoring rules, lifecycle thresholds, assignment rules and ${seeded.segments} segments.`,
      );
    if (journeys.journeys)
      print(
        `Added ${journeys.journeys} live journeys with ${journeys.instances} demo contacts inside or through them.`,
      );
    if (analytics.purchases) print(`Added ${analytics.purchases} purchases that follow the demo's messages.`);
    if (inbox.conversations)
      print(`Added ${inbox.conversations} inbox conversations (SMS, email and WeChat) and canned responses.`);
  },
};
