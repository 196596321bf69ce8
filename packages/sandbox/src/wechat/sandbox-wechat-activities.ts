import { SandboxChatMessage, type Database } from '@switchboard/db';
import type { InboundChatMessage } from '@switchboard/channels';
import type { SandboxWechat } from './sandbox-wechat.ts';

/**
 * Runs in the process that holds the bot (the WeChat gateway task queue). Inbound messages the bot receives are kept
 * as the sandbox transcript; simulating a message waits until the bot has received and recorded it.
 */
export function createSandboxWechatActivities(deps: { db: Database; wechat: SandboxWechat }) {
  const waiting = new Map<string, () => void>();
  const key = (contactId: string, text: string) => `${contactId}\u0000${text}`;

  async function recordInbound(message: InboundChatMessage): Promise<void> {
    const em = deps.db.fork();
    em.create(SandboxChatMessage, {
      direction: 'inbound',
      peerId: message.from.id,
      peerName: message.from.name,
      text: message.text,
    });
    await em.flush();
    waiting.get(key(message.from.id, message.text))?.();
  }

  async function recordOutbound(to: { id: string; name: string }, text: string): Promise<void> {
    const em = deps.db.fork();
    em.create(SandboxChatMessage, { direction: 'outbound', peerId: to.id, peerName: to.name, text });
    await em.flush();
  }

  const activities = {
    async simulateWechatInbound(input: { contactId: string; text: string }): Promise<void> {
      const received = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error('The bot did not receive the simulated message')),
          10_000,
        );
        waiting.set(key(input.contactId, input.text), () => {
          clearTimeout(timer);
          resolve();
        });
      });
      deps.wechat.simulateInbound(input.contactId, input.text);
      try {
        await received;
      } finally {
        waiting.delete(key(input.contactId, input.text));
      }
    },
  };
  return { activities, recordInbound, recordOutbound };
}

export type SandboxWechatActivities = ReturnType<typeof createSandboxWechatActivities>['activities'];
