import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@switchboard/db';
import type { Actor } from '@switchboard/accounts';
import { sql } from '@switchboard/contacts';
import { createTemplate, publishTemplate, saveDraft } from '@switchboard/content';
import { recipeGraph } from '../definition/recipes.ts';
import type { JourneyGraph, JourneyNode } from '../definition/journey-graph.ts';
import { stableHash } from '../definition/journey-steps.ts';
import { createJourney, publishJourney, saveJourneyDraft } from '../store/journey-store.ts';
import { journeyWorkflowId } from '../engine/enrolment.ts';

const actor: Actor = { type: 'cli', id: null, label: 'demo seed' };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const CART_EMAIL = `<!doctype html>
<html><body style="font-family: Arial, sans-serif; color: #1f2937">
<h1>{{ contact.first_name | default: "Hi" }}, your cart is waiting</h1>
<p>You left these behind:</p>
<ul>
{% for item in event.items %}<li>{{ item.quantity }} × {{ item.name }} — €{{ item.price }}</li>
{% endfor %}</ul>
<p><a href="https://shop.example.com/cart">Return to your cart</a></p>
<p style="font-size: 12px; color: #6b7280">{{ workspace.postal_address }} ·
<a href="{{ unsubscribe_url }}">Unsubscribe</a></p>
</body></html>`;

const WELCOME_EMAIL = `<!doctype html>
<html><body style="font-family: Arial, sans-serif; color: #1f2937">
<h1>Welcome, {{ contact.first_name | default: "friend" }}!</h1>
<p>Thanks for signing up. Here is how to get the most out of your first week.</p>
<p><a href="https://example.com/getting-started">Get started</a></p>
<p style="font-size: 12px; color: #6b7280">{{ workspace.postal_address }} ·
<a href="{{ unsubscribe_url }}">Unsubscribe</a></p>
</body></html>`;

async function publishedTemplate(
  em: EntityManager,
  workspaceId: string,
  name: string,
  channel: 'email' | 'sms' | 'wechat',
  draft: Record<string, unknown>,
): Promise<string> {
  const created = await createTemplate(em, workspaceId, actor, {
    name,
    channel,
    format: channel === 'email' ? 'html' : 'text',
  });
  await saveDraft(em, workspaceId, created.id, { draft });
  await publishTemplate(em, workspaceId, actor, created.id);
  return created.id;
}

const withTemplates = (graph: JourneyGraph, templates: Record<string, string>): JourneyGraph => ({
  ...graph,
  nodes: graph.nodes.map((node): JourneyNode => {
    if (node.type !== 'send' || !templates[node.id]) return node;
    return { ...node, config: { ...node.config, templateId: templates[node.id]! } };
  }),
});

/** One demo instance's story: the steps it went through (outcomes taken) and where it is or ended. */
interface Story {
  status: 'active' | 'completed' | 'converted' | 'exited';
  steps: [node: string, outcomes: string[]][];
  /** Where an active instance waits now, or where a finished one ended. */
  at: string;
}

const cartStories: Story[] = [
  // Bought after the email: the goal.
  {
    status: 'converted',
    steps: [
      ['email', ['reached', 'sent']],
      ['bought1', ['reached', 'received']],
      ['won', ['reached']],
    ],
    at: 'won',
  },
  // No purchase, SMS reachable, bought after the SMS.
  {
    status: 'converted',
    steps: [
      ['email', ['reached', 'sent']],
      ['bought1', ['reached', 'timeout']],
      ['smsOk', ['reached', 'yes']],
      ['sms', ['reached', 'sent']],
      ['bought2', ['reached', 'received']],
      ['won', ['reached']],
    ],
    at: 'won',
  },
  // The whole fallback, ending without a purchase.
  {
    status: 'completed',
    steps: [
      ['email', ['reached', 'sent']],
      ['bought1', ['reached', 'timeout']],
      ['smsOk', ['reached', 'yes']],
      ['sms', ['reached', 'sent']],
      ['bought2', ['reached', 'timeout']],
      ['wechatOk', ['reached', 'no']],
      ['done', ['reached']],
    ],
    at: 'done',
  },
  // Waiting after the email, and after the SMS.
  {
    status: 'active',
    steps: [
      ['email', ['reached', 'sent']],
      ['bought1', ['reached']],
    ],
    at: 'bought1',
  },
  {
    status: 'active',
    steps: [
      ['email', ['reached', 'sent']],
      ['bought1', ['reached', 'timeout']],
      ['smsOk', ['reached', 'yes']],
      ['sms', ['reached', 'sent']],
      ['bought2', ['reached']],
    ],
    at: 'bought2',
  },
];

const welcomeStories: Story[] = [
  {
    status: 'completed',
    steps: [
      ['welcome', ['reached', 'sent']],
      ['wait2d', ['reached', 'next']],
      ['tips', ['reached', 'sent']],
      ['done', ['reached']],
    ],
    at: 'done',
  },
  {
    status: 'active',
    steps: [
      ['welcome', ['reached', 'sent']],
      ['wait2d', ['reached']],
    ],
    at: 'wait2d',
  },
];

/**
 * Places demo contacts in a live journey as if they had gone through it: finished ones with their step history,
 * active ones at a waiting step with no workflow yet — the journey dispatcher's sweep starts their workflows,
 * which resume at that step.
 */
async function placeContacts(
  em: EntityManager,
  workspaceId: string,
  journey: { id: string; versionId: string },
  people: { contactId: string; enteredAt: Date; key: string; data: Record<string, unknown> }[],
  stories: Story[],
  activeWithinMs: number,
): Promise<number> {
  const now = Date.now();
  // Recent entries are still inside (the waits have not passed); older ones have finished. Each group takes its
  // stories in turn, so every step has someone.
  const inside = stories.filter((s) => s.status === 'active');
  const through = stories.filter((s) => s.status !== 'active');
  let turn = 0;
  for (const [index, person] of people.entries()) {
    const pool = now - person.enteredAt.getTime() < activeWithinMs ? inside : through;
    const story = pool[(turn++ + stableHash(journey.id)) % pool.length]!;
    const instanceId = randomUUID();
    const steps = story.steps.length;
    const span = story.status === 'active' ? now - person.enteredAt.getTime() : activeWithinMs;
    const stepAt = (i: number) => new Date(person.enteredAt.getTime() + (span * i) / Math.max(1, steps));
    const finishedAt = story.status === 'active' ? null : stepAt(steps);
    await sql(
      em,
      `insert into journey_instances (id, workspace_id, journey_id, version_id, contact_id, key, status, current_node,
         end_reason, workflow_id, trigger_ref, trigger_data, entered_at, started_at, finished_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)`,
      [
        instanceId,
        workspaceId,
        journey.id,
        journey.versionId,
        person.contactId,
        person.key,
        story.status,
        story.at,
        story.status === 'converted'
          ? 'Reached the goal step'
          : story.status === 'active'
            ? null
            : 'Reached the end of the journey',
        journeyWorkflowId(journey.id, person.contactId, person.key),
        `demo:${index}`,
        JSON.stringify(person.data),
        person.enteredAt,
        story.status === 'active' ? null : person.enteredAt,
        finishedAt,
      ],
    );
    const rows = story.steps.flatMap(([node, outcomes], i) =>
      // A waiting step's outcome is not known yet: only "reached" is recorded for it.
      outcomes.map((outcome) => ({ node, outcome, at: stepAt(i).toISOString() })),
    );
    await sql(
      em,
      `insert into journey_step_events (journey_id, instance_id, node_id, outcome, at)
       select ?, ?, r.node, r.outcome, r.at from jsonb_to_recordset(?::jsonb) as r(node text, outcome text, at timestamptz)`,
      [journey.id, instanceId, JSON.stringify(rows)],
    );
  }
  return people.length;
}

async function liveJourney(
  em: EntityManager,
  workspaceId: string,
  name: string,
  graph: JourneyGraph,
): Promise<{ id: string; versionId: string }> {
  const created = await createJourney(em, workspaceId, actor, { name });
  await saveJourneyDraft(em, workspaceId, created.id, { draft: graph });
  const published = await publishJourney(em, workspaceId, actor, created.id);
  return { id: created.id, versionId: published.versionId };
}

/**
 * The demo's journeys, once per workspace: an abandoned-cart recovery (email → SMS → WeChat, keyed by cart) and a
 * welcome series, both live, with a few hundred demo contacts at various steps so the list, the canvas counts and
 * the contact pages have something to show.
 */
export async function seedDemoJourneys(
  em: EntityManager,
  workspaceId: string,
  now = new Date(),
): Promise<{ journeys: number; instances: number }> {
  const [existing] = await sql(em, 'select 1 from journeys where workspace_id = ? limit 1', [workspaceId]);
  if (existing) return { journeys: 0, instances: 0 };

  const cartEmail = await publishedTemplate(em, workspaceId, 'Cart reminder', 'email', {
    subject: 'You left something in your cart',
    fromName: 'Switchboard Demo',
    source: CART_EMAIL,
  });
  const cartSms = await publishedTemplate(em, workspaceId, 'Cart reminder SMS', 'sms', {
    body: '{{ contact.first_name | default: "Hi" }}, your cart is still waiting: {{ event.items[0].name }}. Reply STOP to opt out.',
  });
  const cartWechat = await publishedTemplate(em, workspaceId, 'Cart reminder WeChat', 'wechat', {
    text: '{{ contact.first_name }}，您的购物车里还有 {{ event.items[0].name }}，需要帮忙下单吗？',
  });
  const welcomeEmail = await publishedTemplate(em, workspaceId, 'Welcome email', 'email', {
    subject: 'Welcome to Switchboard Demo',
    fromName: 'Switchboard Demo',
    source: WELCOME_EMAIL,
  });

  // The demo's purchases are `order_completed` events.
  const cartGraph = withTemplates(recipeGraph('abandonedCart'), {
    email: cartEmail,
    sms: cartSms,
    wechat: cartWechat,
  });
  for (const node of cartGraph.nodes)
    if (node.type === 'waitForEvent') node.config = { ...node.config, event: 'order_completed' };
  cartGraph.settings = {
    ...cartGraph.settings,
    goals: [{ kind: 'event', event: 'order_completed', filters: [] }],
  };
  const cart = await liveJourney(em, workspaceId, 'Abandoned cart recovery', cartGraph);
  const welcome = await liveJourney(
    em,
    workspaceId,
    'Welcome series',
    withTemplates(recipeGraph('welcome'), { welcome: welcomeEmail, tips: welcomeEmail }),
  );

  const carts = await sql<{ id: string; contact_id: string; properties: Record<string, unknown>; at: Date }>(
    em,
    `select e.id, e.contact_id, e.properties, e.occurred_at as at from events e
     where e.workspace_id = ? and e.name = 'cart_abandoned' and e.occurred_at > ?
     order by e.occurred_at desc limit 250`,
    [workspaceId, new Date(now.getTime() - 30 * DAY)],
  );
  const seenCart = new Set<string>();
  const cartPeople = carts
    .filter((c) => !seenCart.has(c.contact_id) && seenCart.add(c.contact_id))
    .map((c, i) => ({
      contactId: c.contact_id,
      enteredAt: new Date(c.at),
      key: `demo-cart-${1000 + i}`,
      data: { ...c.properties, cart_id: `demo-cart-${1000 + i}` },
    }));
  const signups = await sql<{ id: string; created_at: Date }>(
    em,
    `select id, created_at from contacts where workspace_id = ? and email is not null
     order by created_at desc limit 150`,
    [workspaceId],
  );
  const welcomePeople = signups.map((c, i) => ({
    contactId: c.id,
    // Spread over the last two weeks so some are still waiting between the two emails.
    enteredAt: new Date(now.getTime() - ((i * 13) % 14) * DAY - (i % 24) * HOUR),
    key: '',
    data: {},
  }));
  const instances =
    (await placeContacts(em, workspaceId, cart, cartPeople, cartStories, 2 * DAY)) +
    (await placeContacts(em, workspaceId, welcome, welcomePeople, welcomeStories, 2 * DAY));
  return { journeys: 2, instances };
}
