import { SandboxChatMessage, type Database } from '@switchboard/db';
import type { InboundChatMessage, WechatFriendRequest } from '@switchboard/channels';
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

  /** Called by the gateway once the product has recorded a friend request. */
  function friendRequestRecorded(request: WechatFriendRequest): Promise<void> {
    waiting.get(key(request.from.id, `friend:${request.hello}`))?.();
    return Promise.resolve();
  }

  async function recordOutbound(to: { id: string; name: string }, text: string): Promise<void> {
    const em = deps.db.fork();
    em.create(SandboxChatMessage, { direction: 'outbound', peerId: to.id, peerName: to.name, text });
    await em.flush();
  }

  function waitFor(what: string, trigger: () => void): Promise<void> {
    const done = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('The bot did not receive the simulated event')),
        10_000,
      );
      waiting.set(what, () => {
        clearTimeout(timer);
        resolve();
      });
    });
    trigger();
    return done.finally(() => waiting.delete(what));
  }

  const activities = {
    simulateWechatFriendRequest(input: {
      contact: { id: string; name: string };
      hello: string;
    }): Promise<void> {
      return waitFor(key(input.contact.id, `friend:${input.hello}`), () =>
        deps.wechat.simulateFriendRequest(input.contact, input.hello),
      );
    },
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
  return { activities, recordInbound, recordOutbound, friendRequestRecorded };
}

export type SandboxWechatActivities = ReturnType<typeof createSandboxWechatActivities>['activities'];
