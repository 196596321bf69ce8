import type { EntityManager } from '@switchboard/db';
import { sql, uuidV7 } from '@switchboard/contacts';
import { addNote, emailThreadKey, fileInbound, saveCannedResponse, changeStatus } from '@switchboard/inbox';
import { receiveInboundSms } from '../sms/receive-inbound-sms.ts';
import { receiveInboundChat } from '../chat/receive-inbound-chat.ts';

/** The demo's Twilio number (the sandbox peer's): texts to it are the demo's inbound SMS. */
const DEMO_NUMBER = '+15005550006';

const SMS_REPLIES = [
  'Is the 20% off valid in store too?',
  'My order #4821 hasn’t arrived yet, can you check?',
  'Can I change the delivery address?',
  'HELP',
];
const EMAIL_REPLIES = [
  { subject: 'Re: Your November newsletter', text: 'Loved the stories piece! Do you ship to Canada?' },
  { subject: 'Re: Your November newsletter', text: 'Please send me the size guide for the winter jackets.' },
  {
    subject: 'Re: Your November newsletter',
    text: 'I was charged twice for my last order. Could you refund one?',
  },
];
const WECHAT_MESSAGES = [
  { id: 'wxid_sandbox_lilei', name: '李雷', text: '你好，请问冬季外套还有 M 码吗？' },
  { id: 'wxid_sandbox_hanmeimei', name: '韩梅梅', text: '我的订单什么时候发货？' },
];
const CANNED = [
  {
    shortcut: 'thanks',
    body: 'Hi {{ contact.first_name | default: "there" }}, thanks for writing to {{ workspace.name }}! {{ agent.name }} here, I’m looking into it now.',
  },
  {
    shortcut: 'shipping',
    body: 'Orders ship within 2 working days; you get a tracking link by email as soon as yours leaves the warehouse.',
  },
  { shortcut: 'refund', body: 'I’ve started your refund; it reaches your account in 3–5 working days.' },
  {
    shortcut: 'nihao',
    body: '您好{{ contact.first_name }}，感谢联系 {{ workspace.name }}，我们马上为您处理。',
  },
];

/**
 * A morning's inbox for the demo, through the real inbound paths: SMS answers to the demo's campaign texts (one
 * asks for HELP), email replies to the newsletter, WeChat messages from the sandbox's friends; one conversation
 * carries a note for the agent and one is resolved; four canned responses. Only once per workspace.
 */
export async function seedDemoInbox(
  em: EntityManager,
  workspaceId: string,
): Promise<{ conversations: number }> {
  const [existing] = await sql(em, 'select 1 from conversations where workspace_id = ? limit 1', [
    workspaceId,
  ]);
  if (existing) return { conversations: 0 };
  for (const canned of CANNED) await saveCannedResponse(em, workspaceId, canned).catch(() => undefined);

  const textedBack = await sql<{ phone: string }>(
    em,
    `select distinct on (c.id) c.phone from messages m join contacts c on c.id = m.contact_id
     where m.workspace_id = ? and m.channel = 'sms' and m.source_kind in ('campaign', 'journey')
       and m.sent_at is not null and c.phone is not null
       and not exists (select 1 from contacts o where o.phone = c.phone and o.workspace_id <> c.workspace_id)
     order by c.id limit ?`,
    [workspaceId, SMS_REPLIES.length],
  );
  for (const [i, contact] of textedBack.entries())
    await receiveInboundSms(em, {
      providerMessageId: `SMdemo${i}${uuidV7().slice(0, 8)}`,
      from: contact.phone,
      to: DEMO_NUMBER,
      body: SMS_REPLIES[i]!,
    });

  const mailed = await sql<{
    id: string;
    contact_id: string;
    workspace_id: string;
    source_kind: string;
    source_id: string | null;
    to_address: string;
    from_address: string | null;
  }>(
    em,
    `select distinct on (m.contact_id) m.id, m.contact_id, m.workspace_id, m.source_kind, m.source_id, m.to_address,
       m.from_address
     from messages m where m.workspace_id = ? and m.channel = 'email' and m.source_kind = 'campaign'
       and m.sent_at is not null and m.to_address is not null and m.contact_id is not null
     order by m.contact_id limit ?`,
    [workspaceId, EMAIL_REPLIES.length],
  );
  // As processInboundEmail files a reply (the demo has no mail client to answer with).
  for (const [i, message] of mailed.entries()) {
    const reply = EMAIL_REPLIES[i]!;
    await em.transactional(async (tx) => {
      const id = uuidV7();
      await sql(
        tx,
        `insert into inbound_messages (id, workspace_id, contact_id, channel, from_address, to_address, subject, body,
           provider_message_id, in_reply_to_id, received_at)
         values (?, ?, ?, 'email', ?, ?, ?, ?, ?, ?, now())`,
        [
          id,
          workspaceId,
          message.contact_id,
          message.to_address,
          message.from_address,
          reply.subject,
          reply.text,
          `<demo-${id}@mail.example.com>`,
          message.id,
        ],
      );
      await fileInbound(tx, {
        workspaceId,
        contactId: message.contact_id,
        channel: 'email',
        threadKey: emailThreadKey(message.id),
        inboundMessageId: id,
        answered: message,
        subject: reply.subject,
        body: reply.text,
        receivedAt: new Date(),
        automatic: false,
      });
    });
  }

  for (const [i, chat] of WECHAT_MESSAGES.entries())
    await receiveInboundChat(em, {
      providerMessageId: `wxdemo${i}${uuidV7().slice(0, 8)}`,
      from: { id: chat.id, name: chat.name },
      text: chat.text,
      receivedAt: new Date(),
    });

  const [agent] = await sql<{ id: string }>(
    em,
    `select u.id from memberships mb join users u on u.id = mb.user_id
     where mb.workspace_id = ? and mb.role = 'agent' order by u.created_at limit 1`,
    [workspaceId],
  );
  const conversations = await sql<{ id: string }>(
    em,
    'select id from conversations where workspace_id = ? order by created_at',
    [workspaceId],
  );
  if (agent && conversations[0]) {
    await addNote(
      em,
      workspaceId,
      { userId: agent.id },
      conversations[0].id,
      'VIP customer — offer free shipping if asked.',
    );
  }
  if (agent && conversations.at(-1) && conversations.length > 1) {
    await changeStatus(em, workspaceId, { userId: agent.id }, conversations.at(-1)!.id, {
      status: 'resolved',
    });
  }
  return { conversations: conversations.length };
}
