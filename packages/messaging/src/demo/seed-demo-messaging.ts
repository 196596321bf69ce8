import type { EntityManager } from '@switchboard/db';
import { sql, uuidV7 } from '@switchboard/contacts';
import { addSendingDomain } from '../sending-domains/sending-domains.ts';

/** The sandbox's simulated WeChat users (packages/sandbox), so their messages land on existing demo profiles. */
const WECHAT_FRIENDS = [
  { wechatId: 'wxid_sandbox_lilei', firstName: '雷', lastName: '李', locale: 'zh-CN' },
  { wechatId: 'wxid_sandbox_hanmeimei', firstName: '梅梅', lastName: '韩', locale: 'zh-CN' },
  { wechatId: 'wxid_sandbox_wangfang', firstName: '芳', lastName: '王', locale: 'zh-CN' },
];

/**
 * The demo's sending setup, once: the default sender's domain (switchboard.local) with a DKIM key, past its warm-up
 * so the demo can send freely, and the sandbox's WeChat friends as contacts who agreed to be messaged there.
 */
export async function seedDemoMessaging(
  em: EntityManager,
  workspaceId: string,
): Promise<{ sendingDomains: number }> {
  const [existing] = await sql(em, 'select 1 from sending_domains where workspace_id = ? limit 1', [
    workspaceId,
  ]);
  if (existing) return { sendingDomains: 0 };
  const domain = await addSendingDomain(
    em,
    workspaceId,
    { domain: 'switchboard.local' },
    { spfMechanism: 'a mx' },
  );
  await sql(em, `update sending_domains set warmup_started_at = now() - interval '60 days' where id = ?`, [
    domain.id,
  ]);
  for (const friend of WECHAT_FRIENDS) {
    const id = uuidV7();
    const inserted = await sql<{ id: string }>(
      em,
      `insert into contacts (id, workspace_id, wechat_id, first_name, last_name, locale, timezone, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, 'Asia/Shanghai', now(), now()) on conflict do nothing returning id`,
      [id, workspaceId, friend.wechatId, friend.firstName, friend.lastName, friend.locale],
    );
    if (!inserted[0]) continue;
    await sql(
      em,
      `insert into consents (contact_id, channel, topic, workspace_id, status, updated_at)
       values (?, 'wechat', '', ?, 'opted_in', now())`,
      [id, workspaceId],
    );
    await sql(
      em,
      `insert into consent_changes (workspace_id, contact_id, channel, topic, status, source, proof, occurred_at)
       values (?, ?, 'wechat', '', 'opted_in', 'form', ?::jsonb, now())`,
      [
        workspaceId,
        id,
        JSON.stringify({ formId: 'demo-wechat-follow', text: 'Followed the demo WeChat account' }),
      ],
    );
  }
  return { sendingDomains: 1 };
}
