import { randomUUID } from 'node:crypto';
import type { Actor } from '@switchboard/accounts';
import { sql } from '@switchboard/contacts';
import { createTemplate, publishTemplate, saveDraft } from '@switchboard/content';
import {
  admitContacts,
  createJourney,
  journeyTemporal,
  liveJourney,
  publishJourney,
  saveJourneyDraft,
  type JourneyTemporal,
} from '@switchboard/journeys';
import type { CampaignStack } from './campaign-stack.ts';

const actor: Actor = { type: 'cli', id: null, label: 'journey bench' };
const position = { x: 0, y: 0 };

/**
 * The benchmark journey: send email → wait → send SMS, entered by `trigger` (API/manual, or an event). With
 * `waitFor`, the email waits for that event first (the journey-trigger benchmark's waiting instances).
 */
export async function publishBenchJourney(
  stack: CampaignStack,
  options: { waitSeconds: number; waitFor?: string; emailPurpose?: 'marketing' | 'transactional' },
): Promise<string> {
  const em = () => stack.db.fork();
  const sms = await createTemplate(em(), stack.workspaceId, actor, { name: 'Bench SMS', channel: 'sms' });
  await saveDraft(em(), stack.workspaceId, sms.id, {
    draft: { body: 'Hi {{ contact.first_name }}, still there?' },
  });
  await publishTemplate(em(), stack.workspaceId, actor, sms.id);
  const send = (id: string, channel: 'email' | 'sms', templateId: string, next: string) => ({
    id,
    type: 'send',
    position,
    config: {
      channel,
      templateId,
      purpose: channel === 'email' ? (options.emailPurpose ?? 'transactional') : 'transactional',
    },
    next: { next },
  });
  const nodes = [
    {
      id: 'in',
      type: 'trigger',
      position,
      config: { kind: 'api' },
      next: { next: options.waitFor ? 'wait' : 'email' },
    },
    ...(options.waitFor
      ? [
          {
            id: 'wait',
            type: 'waitForEvent',
            position,
            config: { event: options.waitFor, timeoutSeconds: 86_400 },
            next: { received: 'email', timeout: 'end' },
          },
        ]
      : []),
    send('email', 'email', stack.templateId, 'pause'),
    {
      id: 'pause',
      type: 'wait',
      position,
      config: { mode: 'duration', seconds: options.waitSeconds },
      next: { next: 'text' },
    },
    send('text', 'sms', sms.id, 'end'),
    { id: 'end', type: 'exit', position, config: {}, next: {} },
  ];
  const journey = await createJourney(em(), stack.workspaceId, actor, {
    name: `Bench ${randomUUID().slice(0, 6)}`,
  });
  await saveJourneyDraft(em(), stack.workspaceId, journey.id, {
    draft: { settings: { reentry: { mode: 'always' } }, nodes },
  });
  await publishJourney(em(), stack.workspaceId, actor, journey.id);
  return journey.id;
}

/** N contacts with an email and a phone, named Person 1…N; returns their ids in order. */
export async function benchContacts(stack: CampaignStack, count: number, tag: string): Promise<string[]> {
  const rows = await sql<{ id: string }>(
    stack.db.fork(),
    `insert into contacts (id, workspace_id, email, phone, first_name, tags, created_at, updated_at)
     select gen_random_uuid(), ?, ? || '.p' || i || '@example.org', '+1555' || lpad(i::text, 7, '0'), 'Person ' || i,
       array[?]::text[], now(), now()
     from generate_series(1, ?) i returning id`,
    [stack.workspaceId, tag, tag, count],
  );
  return rows.map((r) => r.id);
}

/** Enrols contacts as a segment entry does: admitted a thousand at a time, each instance started by signal-with-start. */
export async function enrolAll(
  stack: CampaignStack,
  journeyId: string,
  contactIds: string[],
): Promise<JourneyTemporal> {
  const temporal = journeyTemporal(stack.client, {
    taskQueue: stack.taskQueue,
    chatTaskQueue: `${stack.taskQueue}-wechat`,
  });
  const journey = await liveJourney(stack.db.fork(), journeyId);
  if (!journey) throw new Error('The bench journey is not live');
  const run = randomUUID();
  for (let i = 0; i < contactIds.length; i += 1000) {
    const admitted = await admitContacts(
      stack.db.fork(),
      journey,
      contactIds.slice(i, i + 1000).map((contactId) => ({
        contactId,
        key: '',
        triggerRef: `bench:${run}:${contactId}`,
        triggerData: {},
      })),
    );
    await temporal.start(admitted);
  }
  return temporal;
}
