import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, useTestDatabase } from '@switchboard/testkit';
import { sql } from '@switchboard/contacts';
import { journeyStepMessages } from './journey-step-messages.ts';

const database = await useTestDatabase();
const em = () => database.db.fork();
let workspaceId = '';
const journeyId = randomUUID();
const NOW = Date.parse('2026-11-20T12:00:00Z');

async function message(
  fields: { journey?: string; node: string; channel?: string; status: string; daysAgo?: number },
  events: { kind: string; machine?: boolean }[] = [],
) {
  const id = randomUUID();
  const sentAt = new Date(NOW - (fields.daysAgo ?? 1) * 86_400_000);
  await sql(
    em(),
    `insert into messages (id, workspace_id, idempotency_key, source_kind, source_id, journey_node, channel, purpose,
       content, status, created_at, sent_at, delivered_at, updated_at)
     values (?, ?, ?, 'journey', ?, ?, ?, 'marketing', '{}'::jsonb, ?, ?, ?, ?, now())`,
    [
      id,
      workspaceId,
      `step:${id}`,
      fields.journey ?? journeyId,
      fields.node,
      fields.channel ?? 'email',
      fields.status,
      sentAt,
      sentAt,
      fields.status === 'delivered' ? sentAt : null,
    ],
  );
  for (const event of events)
    await sql(
      em(),
      `insert into message_events (workspace_id, message_id, kind, machine, occurred_at) values (?, ?, ?, ?, ?)`,
      [workspaceId, id, event.kind, event.machine ?? false, new Date(sentAt.getTime() + 60_000)],
    );
}

beforeAll(async () => {
  workspaceId = await createTestWorkspace(database.db);
});

describe('journeyStepMessages', () => {
  it('counts each send step’s messages of the period, people’s opens and clicks apart from machines’', async () => {
    // The email step: four sent, one bounced; a person opened and clicked twice, a scanner opened another.
    await message({ node: 'email-1', status: 'clicked' }, [
      { kind: 'opened' },
      { kind: 'clicked' },
      { kind: 'clicked' },
    ]);
    await message({ node: 'email-1', status: 'opened' }, [{ kind: 'opened', machine: true }]);
    await message({ node: 'email-1', status: 'sent' }, [{ kind: 'unsubscribed' }]);
    await message({ node: 'email-1', status: 'bounced' });
    // The SMS step: one delivered and answered, one still on its way.
    await message({ node: 'sms-2', channel: 'sms', status: 'delivered' }, [{ kind: 'replied' }]);
    await message({ node: 'sms-2', channel: 'sms', status: 'sent' });
    // Not counted: before the period, and another journey's step of the same name.
    await message({ node: 'email-1', status: 'sent', daysAgo: 40 });
    await message({ journey: randomUUID(), node: 'email-1', status: 'sent' });

    const steps = await journeyStepMessages(em(), workspaceId, journeyId, {
      from: new Date(NOW - 30 * 86_400_000),
      to: new Date(NOW),
    });
    expect(Object.keys(steps).sort()).toEqual(['email-1', 'sms-2']);
    expect(steps['email-1']).toMatchObject({
      channel: 'email',
      sent: 4,
      delivered: 3,
      bounced: 1,
      humanOpens: 1,
      machineOpens: 1,
      uniqueClicks: 1,
      clicks: 2,
      unsubscribed: 1,
      replied: 0,
    });
    expect(steps['sms-2']).toMatchObject({
      channel: 'sms',
      sent: 2,
      delivered: 1,
      replied: 1,
      humanOpens: 0,
    });
  });
});
