import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJourneyFixture, type JourneyFixture } from '../testing/journey-fixture.ts';

/**
 * A send runs as a local activity, which Temporal retries when its answer is lost: everything a send writes besides
 * its message (the end of the wait before it, its arrival and outcome, the next wait's arrival, the instance's end)
 * must be written once however often it is asked.
 */
let f: JourneyFixture;
beforeAll(async () => {
  f = await startJourneyFixture();
}, 120_000);
afterAll(() => f?.stop());

const position = { x: 0, y: 0 };

describe('a journey send asked again', () => {
  it('a send asked again (a retried local activity) writes the wait before it, itself and the wait after once', async () => {
    const journeyId = await f.journey('Retried send', {
      settings: { reentry: { mode: 'always' } },
      nodes: [
        { id: 'in', type: 'trigger', position, config: { kind: 'manual' }, next: { next: 'go' } },
        {
          id: 'go',
          type: 'waitForEvent',
          position,
          config: { event: 'go_ahead', timeoutSeconds: 600 },
          next: { received: 'mail', timeout: 'end' },
        },
        {
          id: 'mail',
          type: 'send',
          position,
          config: { channel: 'email', templateId: f.templates.email, purpose: 'transactional' },
          next: { next: 'pause' },
        },
        {
          id: 'pause',
          type: 'wait',
          position,
          config: { mode: 'duration', seconds: 2 },
          next: { next: 'end' },
        },
        { id: 'end', type: 'exit', position, config: {}, next: {} },
      ],
    });
    const contact = await f.contact({ email: 'twice@example.org', first_name: 'Tw' });
    await f.enrol(journeyId, contact);
    const [instance] = await f.until('waiting', async () => {
      const rows = await f.instances(journeyId);
      return rows[0]?.current_node === 'go' && rows;
    });
    // What the workflow hands its send when the event has come: the first attempt did everything, its answer was
    // lost, and the attempt after it asks the same.
    const ask = {
      instanceId: instance!.id,
      nodeId: 'mail',
      visit: 1,
      waited: { nodeId: 'go', outcome: 'received', eventId: 'retry-test', visit: 1 },
      then: { nodeId: 'pause', visit: 1 },
    };
    expect(await f.activities.journeySend(ask)).toMatchObject({ outcome: 'sent' });
    expect(await f.activities.journeySend(ask)).toMatchObject({ outcome: 'sent' });
    // The workflow then gets its event and takes the same step itself: nothing is sent or written a second time.
    // (Directly: the first attempt already dropped the wait the dispatcher would have found.)
    await f.temporal.signal(await f.workflowIdOf(instance!.id), {
      instanceId: instance!.id,
      eventId: 'retry-test',
      kind: 'received',
      nodeId: 'go',
    });
    await f.until('completed', async () => (await f.instances(journeyId))[0]?.status === 'completed');
    const outcomes = (await f.steps(instance!.id)).map((s) => `${s.node_id}:${s.outcome}`);
    expect(outcomes).toEqual([
      'go:reached',
      'go:received',
      'mail:reached',
      'mail:sent',
      'pause:reached',
      'pause:next',
      'end:reached',
      'end:completed',
    ]);
    expect(f.peers.smtp.list(100).filter((m) => m.to.includes('twice@example.org'))).toHaveLength(1);
  }, 60_000);

  it('a last send asked again writes the wait before it, itself and the end of the journey once', async () => {
    const journeyId = await f.journey('Retried last send', {
      settings: { reentry: { mode: 'always' } },
      nodes: [
        { id: 'in', type: 'trigger', position, config: { kind: 'manual' }, next: { next: 'pause' } },
        {
          id: 'pause',
          type: 'wait',
          position,
          config: { mode: 'duration', seconds: 3 },
          next: { next: 'mail' },
        },
        {
          id: 'mail',
          type: 'send',
          position,
          config: { channel: 'email', templateId: f.templates.email, purpose: 'transactional' },
          next: { next: 'end' },
        },
        { id: 'end', type: 'exit', position, config: {}, next: {} },
      ],
    });
    const contact = await f.contact({ email: 'last-twice@example.org', first_name: 'Lt' });
    await f.enrol(journeyId, contact);
    const [instance] = await f.until('pausing', async () => {
      const rows = await f.instances(journeyId);
      return rows[0]?.current_node === 'pause' && rows;
    });
    // What the workflow hands its last send when the wait is over: a first attempt stops after sending, before it
    // ends the instance (a crash), the retry asks the same, and a third ask (the retry's answer lost) comes too.
    const ask = {
      instanceId: instance!.id,
      nodeId: 'mail',
      visit: 1,
      passed: { nodeId: 'pause', visit: 1 },
      end: { nodeId: 'end', status: 'completed' as const, reason: 'Reached the end of the journey' },
    };
    const { end: _end, ...stoppedBeforeTheEnd } = ask;
    expect(await f.activities.journeySend(stoppedBeforeTheEnd)).toMatchObject({ outcome: 'sent' });
    expect(await f.activities.journeySend(ask)).toMatchObject({ outcome: 'sent' });
    expect(await f.activities.journeySend(ask)).toMatchObject({ outcome: 'ended' });
    expect((await f.instances(journeyId))[0]).toMatchObject({ status: 'completed', current_node: 'end' });
    // The workflow's own timer then ends its wait and it asks the same: the instance has ended, nothing more happens.
    await f.client.workflow.getHandle(await f.workflowIdOf(instance!.id)).result();
    const outcomes = (await f.steps(instance!.id)).map((s) => `${s.node_id}:${s.outcome}`);
    expect(outcomes).toEqual([
      'pause:reached',
      'pause:next',
      'mail:reached',
      'mail:sent',
      'end:reached',
      'end:completed',
    ]);
    expect(f.peers.smtp.list(100).filter((m) => m.to.includes('last-twice@example.org'))).toHaveLength(1);
  }, 60_000);
});
