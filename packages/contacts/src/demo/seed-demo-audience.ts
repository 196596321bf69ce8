import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@switchboard/db';
import { sql } from '../sql.ts';
import { demoEvents, demoPeople } from './demo-people.ts';

const CHUNK = 2000;

/**
 * Fills a workspace with deterministic demo contacts and 90 days of events, once: a workspace that already has
 * contacts is left alone. Returns how many contacts and events were created.
 */
export async function seedDemoAudience(
  em: EntityManager,
  workspaceId: string,
  count = 5000,
  now = new Date(),
) {
  const [existing] = await sql<{ n: string }>(
    em,
    'select count(*) as n from contacts where workspace_id = ?',
    [workspaceId],
  );
  if (Number(existing?.n) > 0) return { contacts: 0, events: 0 };
  const people = demoPeople(count);
  const ids = people.map(() => randomUUID());
  const day = 24 * 60 * 60 * 1000;
  return em.transactional(async (tx) => {
    for (let start = 0; start < people.length; start += CHUNK) {
      const rows = people.slice(start, start + CHUNK).map((p, i) => {
        const created = new Date(
          now.getTime() - p.createdDaysAgo * day - p.createdMinuteOfDay * 60_000,
        ).toISOString();
        return {
          id: ids[start + i],
          email: p.email,
          phone: p.phone,
          wechat_id: p.wechatId,
          first_name: p.firstName,
          last_name: p.lastName,
          timezone: p.timezone,
          locale: p.locale,
          lifecycle_stage: p.lifecycleStage,
          tags: p.tags,
          attributes: p.attributes,
          written: Object.fromEntries(Object.keys(p.attributes).map((k) => [k, created])),
          created_at: created,
        };
      });
      await sql(
        tx,
        `insert into contacts (id, workspace_id, email, phone, wechat_id, first_name, last_name, timezone, locale, lifecycle_stage,
           tags, attributes, attribute_written_at, created_at, updated_at)
         select id, ?, email, phone, wechat_id, first_name, last_name, timezone, locale, lifecycle_stage,
                array(select jsonb_array_elements_text(tags)), attributes, written, created_at, created_at
           from jsonb_to_recordset(?::jsonb) as t(id uuid, email text, phone text, wechat_id text, first_name text, last_name text,
                timezone text, locale text, lifecycle_stage text, tags jsonb, attributes jsonb, written jsonb, created_at timestamptz)`,
        [workspaceId, JSON.stringify(rows)],
      );
    }
    const events = demoEvents(people.length);
    for (let start = 0; start < events.length; start += CHUNK * 2) {
      const rows = events.slice(start, start + CHUNK * 2).map((e) => ({
        c: ids[e.person],
        n: e.name,
        p: e.properties,
        r: e.revenue,
        cu: e.currency,
        o: new Date(now.getTime() - e.daysAgo * day - e.minuteOfDay * 60_000).toISOString(),
      }));
      await sql(
        tx,
        `insert into events (workspace_id, contact_id, name, properties, revenue, currency, source, occurred_at, received_at)
         select ?, c, n, p, r, cu, 'system', o, o from jsonb_to_recordset(?::jsonb) as t(c uuid, n text, p jsonb, r numeric, cu text, o timestamptz)`,
        [workspaceId, JSON.stringify(rows)],
      );
    }
    await seedDemoAttributesAndConsent(tx, workspaceId);
    return { contacts: people.length, events: events.length };
  });
}

/**
 * The demo's custom fields, and consent as sign-ups would have left it: email consent from the website form for
 * those who ticked the newsletter box (plus the newsletter topic for tagged ones), SMS for two in five people with a
 * phone, WeChat for everyone who wrote to the official account; each with its source and proof.
 */
async function seedDemoAttributesAndConsent(em: EntityManager, workspaceId: string) {
  await sql(
    em,
    `insert into attribute_definitions (id, workspace_id, key, type, label, created_at)
     select gen_random_uuid(), ?, d.key, d.type, d.label, now()
     from (values ('plan', 'text', 'Plan'), ('city', 'text', 'City'), ('seats', 'number', 'Seats'),
                  ('newsletter_opt_in', 'boolean', 'Newsletter opt-in')) as d(key, type, label)
     on conflict (workspace_id, key) do nothing`,
    [workspaceId],
  );
  await sql(
    em,
    `insert into consent_changes (workspace_id, contact_id, channel, topic, status, source, proof, occurred_at)
     select workspace_id, id, 'email', '', 'opted_in', 'form',
            '{"formId": "website-signup", "wordingVersion": "2026-01"}'::jsonb, created_at
       from contacts where workspace_id = ? and (attributes ->> 'newsletter_opt_in')::boolean
     union all
     select workspace_id, id, 'email', 'newsletter', 'opted_in', 'form',
            '{"formId": "newsletter-box", "wordingVersion": "2026-01"}'::jsonb, created_at
       from contacts where workspace_id = ? and 'newsletter' = any(tags)
     union all
     select workspace_id, id, 'sms', '', 'opted_in', 'form',
            '{"formId": "checkout-sms", "text": "Send me order updates and offers by SMS"}'::jsonb, created_at
       from contacts where workspace_id = ? and phone is not null and abs(hashtext(id::text)) % 5 < 2
     union all
     select workspace_id, id, 'wechat', '', 'opted_in', 'inbound_keyword',
            '{"text": "Followed the official account"}'::jsonb, created_at
       from contacts where workspace_id = ? and wechat_id is not null`,
    [workspaceId, workspaceId, workspaceId, workspaceId],
  );
  await sql(
    em,
    `insert into consents (contact_id, channel, topic, workspace_id, status, updated_at)
     select distinct on (contact_id, channel, topic) contact_id, channel, topic, workspace_id, status, occurred_at
       from consent_changes where workspace_id = ? order by contact_id, channel, topic, occurred_at desc
     on conflict do nothing`,
    [workspaceId],
  );
}
