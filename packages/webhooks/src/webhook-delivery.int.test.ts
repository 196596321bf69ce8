import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { recordConsent, sql } from '@switchboard/contacts';
import { updateWebhookEndpoint } from './store/webhook-endpoints.ts';
import { listWebhookDeliveries, resendWebhookDelivery, sendTestWebhook } from './store/webhook-deliveries.ts';
import { verifyWebhookSignature } from './transport/verify-signature.ts';
import { useWebhookFixture } from './testing/webhook-fixture.ts';

// What a receiver gets and when: signed events of every kind, retries in order, redirects refused, endpoints that
// keep failing disabled. The receiver is local; everything between the change and the POST is production code.
const { em, actor, script, port, at, until, endpoint, identify } = await useWebhookFixture();

/** The README's verification snippet, as a reader would paste it into their receiver. */
async function readmeVerifier(): Promise<(secret: string, rawBody: string, header: string) => boolean> {
  const readme = await readFile(fileURLToPath(new URL('../../../README.md', import.meta.url)), 'utf8');
  const snippet = /<!-- webhook-verify[^>]*-->\s*```js\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!snippet) throw new Error('The README lost its webhook verification snippet');
  const file = join(await mkdtemp(join(tmpdir(), 'readme-snippet-')), 'verify.mjs');
  await writeFile(file, snippet);
  const module = (await import(file)) as {
    verifySwitchboardSignature: (secret: string, rawBody: string, header: string) => boolean;
  };
  return module.verifySwitchboardSignature;
}

describe('outbound webhooks', () => {
  it('tells a CRM about contacts, consent and clicks, signed so the README’s check accepts them', async () => {
    const path = '/crm';
    const { workspaceId, secret } = await endpoint(path, [
      'contact.created',
      'contact.updated',
      'consent.changed',
      'message.clicked',
    ]);
    const { contact } = await identify(workspaceId, 'ana@example.com', { firstName: 'Ana' });
    await identify(workspaceId, 'ana@example.com', { lastName: 'Lima' });
    await recordConsent(em(), workspaceId, contact.id, {
      channel: 'email',
      status: 'opted_in',
      source: 'form',
    });
    await sql(
      em(),
      `insert into events (workspace_id, contact_id, name, properties, source, message_id, occurred_at, received_at)
       values (?, ?, 'email_clicked', ?::jsonb, 'channel', ?, now(), now())`,
      [
        workspaceId,
        contact.id,
        JSON.stringify({ messageId: 'm-1', url: 'https://acme.example/sale' }),
        `click-${randomUUID()}`,
      ],
    );
    // Something the endpoint did not ask for is not sent.
    await sql(
      em(),
      `insert into events (workspace_id, contact_id, name, properties, source, occurred_at, received_at)
       values (?, ?, 'email_opened', '{}'::jsonb, 'channel', now(), now())`,
      [workspaceId, contact.id],
    );

    const got = await until('four deliveries', () => at(path).length >= 4 && at(path));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(at(path).map((r) => r.json.type)).toEqual([
      'contact.created',
      'contact.updated',
      'consent.changed',
      'message.clicked',
    ]);
    const readmeCheck = await readmeVerifier();
    for (const request of got) {
      const header = String(request.headers['x-switchboard-signature']);
      expect(verifyWebhookSignature(secret, request.body, header)).toBe(true);
      expect(verifyWebhookSignature('whsec_wrong', request.body, header)).toBe(false);
      expect(readmeCheck(secret, request.body, header)).toBe(true);
      expect(readmeCheck(secret, `${request.body} `, header)).toBe(false);
      expect(readmeCheck('whsec_wrong', request.body, header)).toBe(false);
      expect(request.headers['x-switchboard-event-id']).toBe(request.json.id);
    }
    expect(got[1]!.json.data).toMatchObject({ contactId: contact.id, changed: ['last_name'] });
    expect(got[2]!.json.data).toMatchObject({ channel: 'email', status: 'opted_in', source: 'form' });
    expect(got[3]!.json.data).toMatchObject({ url: 'https://acme.example/sale', channel: 'email' });
  });

  it('retries a failing receiver with backoff, keeps each contact in order, and logs every answer', async () => {
    const path = '/flaky';
    const { workspaceId, id } = await endpoint(path, ['consent.changed']);
    const { contact } = await identify(workspaceId, 'bo@example.com');
    script.set(path, [503]);
    await recordConsent(em(), workspaceId, contact.id, {
      channel: 'sms',
      status: 'opted_in',
      source: 'form',
    });
    await recordConsent(em(), workspaceId, contact.id, {
      channel: 'sms',
      status: 'opted_out',
      source: 'inbound_keyword',
    });
    // The first answer was 503: it waits about 30 s; its successor must not overtake it.
    const log = await until('the failed attempt in the log', async () => {
      const page = await listWebhookDeliveries(em(), workspaceId, id, { limit: 10 });
      return page.deliveries.some((d) => d.responseStatus === 503) && page;
    });
    const failed = log.deliveries.find((d) => d.responseStatus === 503)!;
    expect(failed.status).toBe('pending');
    expect(failed.error).toContain('answered 503');
    expect(failed.nextAttemptAt!.getTime() - Date.now()).toBeGreaterThan(20_000);
    expect(at(path)).toHaveLength(0);
    // Bring the retry forward, as time would.
    await sql(em(), 'update webhook_deliveries set next_attempt_at = now() where id = ?', [failed.id]);
    await until('both, in order', () => at(path).length === 2);
    expect(at(path).map((r) => r.json.data.status)).toEqual(['opted_in', 'opted_out']);
    const [detail] = await sql<{ response_body: string; attempts: number }>(
      em(),
      'select response_body, attempts from webhook_deliveries where id = ?',
      [failed.id],
    );
    expect(detail!.attempts).toBe(2);
  });

  it('does not follow redirects, caps what it keeps of an answer, and resends with the same event id', async () => {
    const path = '/moved';
    const { workspaceId, id } = await endpoint(path, ['contact.created']);
    script.set(path, [302, 500]);
    await identify(workspaceId, 'cy@example.com');
    const first = await until('the redirect logged', async () => {
      const rows = await sql<{ id: string; error: string | null; response_status: number | null }>(
        em(),
        'select id, error, response_status from webhook_deliveries where endpoint_id = ? and attempts > 0',
        [id],
      );
      return rows[0];
    });
    expect(first.response_status).toBe(302);
    expect(first.error).toContain('redirects are not followed');
    await sql(em(), 'update webhook_deliveries set next_attempt_at = now() where id = ?', [first.id]);
    await until('the 500 logged', async () => {
      const [row] = await sql<{ response_status: number | null; response_body: string | null }>(
        em(),
        'select response_status, response_body from webhook_deliveries where id = ?',
        [first.id],
      );
      return row?.response_status === 500 && row;
    }).then((row) => expect(row.response_body!.length).toBeLessThanOrEqual(4096));
    await sql(em(), 'update webhook_deliveries set next_attempt_at = now() where id = ?', [first.id]);
    await until('delivered', () => at(path).length === 1);
    await resendWebhookDelivery(em(), workspaceId, first.id, actor);
    await until('resent', () => at(path).length === 2);
    expect(at(path)[1]!.json.id).toBe(at(path)[0]!.json.id);
  });

  it('disables an endpoint that keeps failing, tells the admins, and delivers what waited once enabled again', async () => {
    const path = '/down';
    const { workspaceId, id } = await endpoint(path, ['contact.created']);
    const admin = randomUUID();
    await sql(
      em(),
      `insert into users (id, email, name, password_hash, created_at) values (?, ?, 'Ada Admin', 'x', now())`,
      [admin, `ada-${admin}@example.com`],
    );
    await sql(
      em(),
      `insert into memberships (id, workspace_id, user_id, role, created_at) values (?, ?, ?, 'admin', now())`,
      [randomUUID(), workspaceId, admin],
    );
    script.set(path, [500]);
    await identify(workspaceId, 'di@example.com');
    // A failing endpoint: as if the first failure was four days ago.
    await sql(em(), `update webhook_endpoints set failing_since = now() - interval '4 days' where id = ?`, [
      id,
    ]);
    await until('disabled', async () => {
      const [row] = await sql<{ enabled: boolean; disabled_reason: string | null }>(
        em(),
        'select enabled, disabled_reason from webhook_endpoints where id = ?',
        [id],
      );
      return row && !row.enabled && row;
    }).then((row) => expect(row.disabled_reason).toContain('every delivery failed for 3 days'));
    const [note] = await sql<{ title: string; email_status: string; link: string }>(
      em(),
      'select title, email_status, link from notifications where user_id = ?',
      [admin],
    );
    expect(note).toMatchObject({
      title: `Webhook endpoint disabled: http://127.0.0.1:${port}${path}`,
      email_status: 'pending',
      link: '/settings/webhooks',
    });
    const pending = await listWebhookDeliveries(em(), workspaceId, id, { limit: 5, status: 'pending' });
    expect(pending.deliveries).toHaveLength(1);
    await updateWebhookEndpoint(em(), workspaceId, id, { enabled: true }, actor);
    await sql(em(), 'update webhook_deliveries set next_attempt_at = now() where endpoint_id = ?', [id]);
    await until('delivered after enabling', () => at(path).length === 1);
  });

  it('reports contacts entering and leaving journeys, with the way they left', async () => {
    const path = '/journeys';
    const { workspaceId } = await endpoint(path, ['journey.entered', 'journey.ended']);
    const { contact } = await identify(workspaceId, 'jo@example.com');
    const journeyId = randomUUID();
    const versionId = randomUUID();
    const instanceId = randomUUID();
    await sql(
      em(),
      `insert into journeys (id, workspace_id, name, status, draft, created_at, updated_at)
       values (?, ?, 'Welcome series', 'live', '{}'::jsonb, now(), now())`,
      [journeyId, workspaceId],
    );
    await sql(
      em(),
      `insert into journey_versions (id, journey_id, version, graph, template_versions, published_at)
       values (?, ?, 1, '{}'::jsonb, '{}'::jsonb, now())`,
      [versionId, journeyId],
    );
    await sql(
      em(),
      `insert into journey_instances (id, workspace_id, journey_id, version_id, contact_id, workflow_id, trigger_ref, entered_at)
       values (?, ?, ?, ?, ?, 'wf', 'manual:test', now())`,
      [instanceId, workspaceId, journeyId, versionId, contact.id],
    );
    await sql(em(), `update journey_instances set current_node = 'wait' where id = ?`, [instanceId]);
    await sql(
      em(),
      `update journey_instances set status = 'converted', end_reason = 'goal: purchase', finished_at = now() where id = ?`,
      [instanceId],
    );
    await until('entered and ended', () => at(path).length === 2);
    expect(at(path).map((r) => [r.json.type, r.json.data.status, r.json.data.journeyName])).toEqual([
      ['journey.entered', 'active', 'Welcome series'],
      ['journey.ended', 'converted', 'Welcome series'],
    ]);
    expect(at(path)[1]!.json.data).toMatchObject({ instanceId, endReason: 'goal: purchase', step: 'wait' });
  });

  it('sends a test event on request', async () => {
    const path = '/test-button';
    const { workspaceId, id } = await endpoint(path, ['contact.created']);
    await sendTestWebhook(em(), workspaceId, id);
    const [got] = await until('the test event', () => at(path).length === 1 && at(path));
    expect(got!.json.type).toBe('webhook.test');
  });
});
