import { describe, expect, it } from 'vitest';
import { eraseContact, sql } from '@switchboard/contacts';
import { createTestWorkspace } from '@switchboard/testkit';
import { deliverDueWebhooks } from './activities/deliver-due-webhooks.ts';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  updateWebhookEndpoint,
} from './store/webhook-endpoints.ts';
import { sendTestWebhook } from './store/webhook-deliveries.ts';
import { publicInternet } from './transport/post-webhook.ts';
import { useWebhookFixture } from './testing/webhook-fixture.ts';

// What webhooks must never do: cost writers when nobody listens, carry an erased person, reach a private address.
const { database, em, actor, port, waker, at, until, endpoint, identify } = await useWebhookFixture();

const changeTriggers = async () =>
  (
    await sql<{ tgname: string }>(
      em(),
      `select tgname from pg_trigger where tgname like 'webhooks_from_%' and not tgisinternal order by tgname`,
    )
  ).map((row) => row.tgname);

describe('outbound webhooks, safely', () => {
  it('costs writers no trigger until some workspace has an enabled endpoint', async () => {
    expect(await changeTriggers()).toEqual([]);
    const { workspaceId, id } = await endpoint('/switching', ['contact.created']);
    expect(await changeTriggers()).toHaveLength(7);
    await updateWebhookEndpoint(em(), workspaceId, id, { enabled: false }, actor);
    expect(await changeTriggers()).toEqual([]);
    await updateWebhookEndpoint(em(), workspaceId, id, { enabled: true }, actor);
    expect(await changeTriggers()).toHaveLength(7);
    await deleteWebhookEndpoint(em(), workspaceId, id, actor);
    expect(await changeTriggers()).toEqual([]);
  });

  it('keeps the triggers right when admins add and remove endpoints at the same time', async () => {
    const created = await Promise.all(
      Array.from({ length: 6 }, (_, i) => endpoint(`/parallel-${i}`, ['contact.created'])),
    );
    expect(await changeTriggers()).toHaveLength(7);
    // Half go while the others are switched off and on again, all at once.
    await Promise.all(
      created.map(({ workspaceId, id }, i) =>
        i % 2
          ? deleteWebhookEndpoint(em(), workspaceId, id, actor)
          : updateWebhookEndpoint(em(), workspaceId, id, { enabled: false }, actor).then(() =>
              updateWebhookEndpoint(em(), workspaceId, id, { enabled: true }, actor),
            ),
      ),
    );
    expect(await changeTriggers()).toHaveLength(7);
    await Promise.all(
      created
        .filter((_, i) => i % 2 === 0)
        .map(({ workspaceId, id }) => deleteWebhookEndpoint(em(), workspaceId, id, actor)),
    );
    expect(await changeTriggers()).toEqual([]);
  });

  it('forgets an erased person: undelivered events are dropped, delivered ones lose their content', async () => {
    const path = '/erasure';
    const { workspaceId, id } = await endpoint(path, ['contact.created', 'contact.erased']);
    await waker.stop();
    const { contact } = await identify(workspaceId, 'er@example.com', { firstName: 'Eve' });
    await eraseContact(em(), contact, actor);
    const rows = await sql<{ type: string; payload: Record<string, unknown> }>(
      em(),
      'select type, payload from webhook_deliveries where endpoint_id = ? order by id',
      [id],
    );
    expect(rows).toEqual([{ type: 'contact.erased', payload: { contactId: contact.id } }]);
    waker.start();
    await until('the erasure told', () => at(path).length === 1);
  });

  it('refuses private targets by address, including a name that resolves to one, and writes nothing', async () => {
    const workspaceId = await createTestWorkspace(database.db);
    for (const url of [
      'http://127.0.0.1/hook',
      'http://10.1.2.3/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]/hook',
      'http://[::ffff:127.0.0.1]/hook',
      'http://localhost:8080/hook',
      'ftp://crm.example.com/hook',
      'not a url',
    ])
      await expect(
        createWebhookEndpoint(
          em(),
          workspaceId,
          { url, description: '', eventTypes: ['contact.created'] },
          actor,
        ),
        url,
      ).rejects.toMatchObject({ kind: 'validation', field: 'url' });
    const [count] = await sql<{ n: string }>(
      em(),
      'select count(*) as n from webhook_endpoints where workspace_id = ?',
      [workspaceId],
    );
    expect(count!.n).toBe('0');

    // A public-looking name is accepted when saved, and refused when it resolves to this machine at delivery.
    const { id } = await createWebhookEndpoint(
      em(),
      workspaceId,
      { url: `http://rebind.example:${port}/x`, description: '', eventTypes: ['webhook.test' as never] },
      actor,
    );
    await sendTestWebhook(em(), workspaceId, id);
    await deliverDueWebhooks(
      {
        db: database.db,
        transport: { resolve: () => Promise.resolve(['127.0.0.1']), allows: publicInternet.allows },
      },
      id,
    );
    const [row] = await sql<{ status: string; error: string }>(
      em(),
      'select status, error from webhook_deliveries where endpoint_id = ?',
      [id],
    );
    expect(row).toMatchObject({ status: 'failed' });
    expect(row!.error).toContain('not a public address');
  });
});
