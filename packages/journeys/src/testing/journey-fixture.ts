import { randomUUID } from 'node:crypto';
import { Context } from '@temporalio/activity';
import { Client, Connection } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Actor } from '@switchboard/accounts';
import {
  createSmtpEmailSender,
  createTwilioSmsSender,
  type EmailSender,
  type SmsSender,
} from '@switchboard/channels';
import { sql } from '@switchboard/contacts';
import { createTemplate, publishTemplate, saveDraft } from '@switchboard/content';
import { startSandboxPeers, type SandboxPeers } from '@switchboard/sandbox';
import {
  createTestWorkspace,
  temporalAddress,
  timeSkippingEnvironment,
  useTestDatabase,
  type TestDatabase,
} from '@switchboard/testkit';
import { createJourney, publishJourney, saveJourneyDraft } from '../store/journey-store.ts';
import {
  createJourneyActivities,
  type JourneyActivities,
  type JourneyActivityDeps,
} from '../engine/journey-activities.ts';
import { admitContacts, liveJourney } from '../engine/enrolment.ts';
import { RECIPES, recipeGraph, type RecipeKey } from '../definition/recipes.ts';
import { startJourneyWorker } from './journey-worker.ts';
import { journeyTemporal, type JourneyTemporal } from '../engine/start-instances.ts';
import { JourneyDispatcher } from '../dispatch/journey-dispatcher.ts';
import type { WebhookTransport } from '@switchboard/webhooks/transport';

/** The time the running activity was scheduled at by the server (the wall clock outside an activity). */
function activityClock(): Date {
  try {
    return new Date(Context.current().info.currentAttemptScheduledTimestampMs);
  } catch {
    return new Date();
  }
}

export const fixtureActor: Actor = { type: 'cli', id: null, label: 'journey test' };

export interface JourneyFixture {
  database: TestDatabase;
  peers: SandboxPeers;
  client: Client;
  temporal: JourneyTemporal;
  dispatcher: JourneyDispatcher;
  /** The journey activities on the worker's dependencies, to call one as a retry of Temporal's would. */
  activities: JourneyActivities;
  workspaceId: string;
  templates: { email: string; sms: string; wechat: string };
  /** A recipe with this fixture's templates on its sends, published; returns its id. */
  recipe(key: RecipeKey): Promise<string>;
  /** Enrols a contact as the API does, whatever the trigger. */
  enrol(journeyId: string, contactId: string, data?: Record<string, unknown>): Promise<string>;
  em(): ReturnType<TestDatabase['db']['fork']>;
  /** Creates, saves (the store validates the graph) and publishes a journey; returns its id. */
  journey(name: string, graph: object): Promise<string>;
  contact(fields: {
    email?: string;
    phone?: string;
    first_name?: string;
    timezone?: string;
    attributes?: object;
  }): Promise<string>;
  /** Stores an event the way ingestion does and lets the dispatcher handle it. */
  track(contactId: string, name: string, properties?: Record<string, unknown>): Promise<void>;
  instances(journeyId: string): Promise<
    {
      id: string;
      contact_id: string;
      status: string;
      current_node: string | null;
      key: string;
      end_reason: string | null;
    }[]
  >;
  steps(instanceId: string): Promise<{ node_id: string; outcome: string }[]>;
  /** The id of the workflow that runs an instance. */
  workflowIdOf(instanceId: string): Promise<string>;
  until<T>(what: string, probe: () => Promise<T | undefined | null | false>, ms?: number): Promise<T>;
  stop(): Promise<void>;
}

/**
 * A workspace with published email and SMS templates, the sandbox's SMTP and Twilio peers as the far side, and a
 * worker running the production journey and delivery code — on the shared dev server, or on a time-skipping test
 * server (`timeSkipping`) for journeys that last days.
 */
export async function startJourneyFixture(
  options: { timeSkipping?: boolean; webhookTransport?: WebhookTransport } = {},
): Promise<JourneyFixture & { env: TestWorkflowEnvironment | null }> {
  const database = await useTestDatabase();
  const peers = await startSandboxPeers({ smtpPort: 0, httpPort: 0 });
  const workspaceId = await createTestWorkspace(database.db);
  const em = () => database.db.fork();

  const email: EmailSender = createSmtpEmailSender({
    url: peers.smtpUrl,
    poolSize: 2,
    from: 'Acme <news@acme.example>',
  });
  const sms: SmsSender = createTwilioSmsSender({ ...peers.twilio, apiBaseUrl: peers.httpUrl });

  const env = options.timeSkipping ? await timeSkippingEnvironment() : null;
  const connection = env ? null : await Connection.connect({ address: temporalAddress() });
  const client = env ? env.client : new Client({ connection: connection! });
  const taskQueue = `journeys-${randomUUID()}`;
  const queues = { taskQueue, chatTaskQueue: `${taskQueue}-wechat` };
  const deps: JourneyActivityDeps = {
    db: database.db,
    channels: { email, sms },
    email: {
      baseUrl: 'https://sb.acme.example',
      trackingSecret: 'journey-test-tracking-secret-'.padEnd(48, 'j'),
      defaultFrom: 'Acme <news@acme.example>',
      inboundDomain: null,
    },
    smsStatusCallbackUrl: null,
    webhookSecret: (id) => `whsec-${id}`,
    // On the time-skipping server the gate (quiet hours, caps) must see the workflows' clock, not the wall clock:
    // an activity's scheduled time is the server's skipped time.
    ...(env ? { now: activityClock } : {}),
    ...(options.webhookTransport ? { webhookTransport: options.webhookTransport } : {}),
  };
  const worker = await startJourneyWorker({
    ...deps,
    taskQueue,
    ...(env ? { connection: env.nativeConnection } : {}),
  });
  const temporal = journeyTemporal(client, queues);
  const dispatcher = new JourneyDispatcher({
    db: database.db,
    databaseUrl: database.url,
    temporal,
    log: (level, message, fields) => console.error(level, message, fields),
  });

  const template = async (channel: 'email' | 'sms' | 'wechat', draft: object) => {
    const created = await createTemplate(em(), workspaceId, fixtureActor, {
      name: `${channel} for journeys`,
      channel,
      ...(channel === 'email' ? { format: 'html' as const } : {}),
    });
    await saveDraft(em(), workspaceId, created.id, { draft });
    await publishTemplate(em(), workspaceId, fixtureActor, created.id);
    return created.id;
  };
  const templates = {
    email: await template('email', {
      subject: 'Your cart {{ event.cart_id | default: "is waiting" }}',
      preheader: '',
      fromName: 'Acme',
      fromAddress: 'news@acme.example',
      replyTo: '',
      source:
        '<p>Hi {{ contact.first_name }}, you left {% for item in event.items %}{{ item.name }}; {% endfor %}behind.</p>' +
        '<p>{{ workspace.postal_address }} <a href="{{ unsubscribe_url }}">Unsubscribe</a></p>',
    }),
    sms: await template('sms', {
      body: 'Hi {{ contact.first_name }}, cart {{ event.cart_id }} is still here',
    }),
    wechat: await template('wechat', { text: '{{ contact.first_name }}，您的购物车还在等您' }),
  };

  const fixture: JourneyFixture & { env: TestWorkflowEnvironment | null } = {
    env,
    database,
    peers,
    client,
    temporal,
    dispatcher,
    activities: createJourneyActivities(deps),
    workspaceId,
    templates,
    em,
    async journey(name, graph) {
      const created = await createJourney(em(), workspaceId, fixtureActor, { name });
      await saveJourneyDraft(em(), workspaceId, created.id, { draft: graph });
      await publishJourney(em(), workspaceId, fixtureActor, created.id);
      return created.id;
    },
    async recipe(key) {
      const graph = recipeGraph(key);
      for (const node of graph.nodes)
        if (node.type === 'send') node.config.templateId = templates[node.config.channel];
      return fixture.journey(RECIPES[key].name, graph);
    },
    async enrol(journeyId, contactId, data = {}) {
      const journey = await liveJourney(em(), journeyId);
      if (!journey) throw new Error(`Journey ${journeyId} is not live`);
      const [admitted] = await admitContacts(em(), journey, [
        { contactId, key: '', triggerRef: `test:${randomUUID()}`, triggerData: data },
      ]);
      if (!admitted) throw new Error('Not admitted');
      await temporal.start([admitted]);
      return admitted.instanceId;
    },
    async contact(fields) {
      const id = randomUUID();
      await sql(
        em(),
        `insert into contacts (id, workspace_id, email, phone, first_name, timezone, attributes, tags, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?::jsonb, '{}', now(), now())`,
        [
          id,
          workspaceId,
          fields.email ?? null,
          fields.phone ?? null,
          fields.first_name ?? null,
          fields.timezone ?? null,
          JSON.stringify(fields.attributes ?? {}),
        ],
      );
      return id;
    },
    async track(contactId, name, properties = {}) {
      await sql(
        em(),
        `insert into events (workspace_id, contact_id, name, properties, source, occurred_at, received_at)
         values (?, ?, ?, ?::jsonb, 'api', now(), now())`,
        [workspaceId, contactId, name, JSON.stringify(properties)],
      );
      await dispatcher.pass();
    },
    instances: (journeyId) =>
      sql(
        em(),
        'select id, contact_id, status, current_node, key, end_reason from journey_instances where journey_id = ? order by entered_at, id',
        [journeyId],
      ),
    steps: (instanceId) =>
      sql(em(), 'select node_id, outcome from journey_step_events where instance_id = ? order by id', [
        instanceId,
      ]),
    async workflowIdOf(instanceId) {
      const [row] = await sql<{ workflow_id: string }>(
        em(),
        'select workflow_id from journey_instances where id = ?',
        [instanceId],
      );
      if (!row) throw new Error(`No journey instance ${instanceId}`);
      return row.workflow_id;
    },
    async until(what, probe, ms = 30_000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const value = await probe();
        if (value) return value;
        if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async stop() {
      await dispatcher.stop();
      await worker.stop();
      await connection?.close();
      await env?.teardown();
      email.close();
      await peers.stop();
    },
  };
  // The dispatcher's cursor starts at the newest event: take the position now, before any test event.
  await dispatcher.pass();
  return fixture;
}
