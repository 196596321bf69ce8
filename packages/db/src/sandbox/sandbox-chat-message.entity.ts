import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** The transcript the sandbox WeChat bot saw, shown on the Sandbox outbox page. */
export const SandboxChatMessage = defineEntity({
  name: 'SandboxChatMessage',
  tableName: 'sandbox_chat_messages',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    direction: p.enum(['inbound', 'outbound']),
    peerId: p.string().length(200),
    peerName: p.string().length(200),
    text: p.text(),
    createdAt: p
      .datetime()
      .onCreate(() => new Date())
      .index(),
  },
});
export type SandboxChatMessage = InferEntity<typeof SandboxChatMessage>;
