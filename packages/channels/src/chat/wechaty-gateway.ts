import { FileBox } from 'file-box';
import { WechatyBuilder, types, type Friendship, type Message } from 'wechaty';
import type * as PUPPET from 'wechaty-puppet';
import type {
  ChatGateway,
  ChatMessage,
  InboundChatMessage,
  SendResult,
  WechatFriendRequest,
} from '../channel-port.ts';

export interface WechatyGatewayOptions {
  name: string;
  /** A puppet instance (the sandbox's mock puppet) or a puppet package name with its token. */
  puppet: PUPPET.impls.PuppetInterface | { name: string; token?: string };
}

/** Holds one Wechaty bot: inbound messages go to the registered handler, outbound ones go through the bot. */
export async function startWechatyGateway(options: WechatyGatewayOptions): Promise<ChatGateway> {
  const puppet =
    'name' in options.puppet && typeof options.puppet.name === 'string' && !('start' in options.puppet)
      ? {
          puppet: options.puppet.name as never,
          ...(options.puppet.token ? { puppetOptions: { token: options.puppet.token } } : {}),
        }
      : { puppet: options.puppet as PUPPET.impls.PuppetInterface };
  const bot = WechatyBuilder.build({ name: options.name, ...puppet });
  const handlers: ((message: InboundChatMessage) => Promise<void>)[] = [];
  const friendHandlers: ((request: WechatFriendRequest) => Promise<void>)[] = [];

  bot.on('message', (message: Message) => {
    if (message.self() || message.room()) return;
    const talker = message.talker();
    const inbound: InboundChatMessage = {
      providerMessageId: message.id,
      from: { id: talker.id, name: talker.name() },
      text: message.text(),
      receivedAt: message.date(),
    };
    for (const handler of handlers) {
      handler(inbound).catch((error: unknown) => console.error('[wechat] inbound handler failed', error));
    }
  });
  bot.on('friendship', (friendship: Friendship) => {
    if (friendship.type() !== types.Friendship.Receive) return;
    const contact = friendship.contact();
    const request: WechatFriendRequest = {
      requestId: friendship.id,
      from: { id: contact.id, name: contact.name() },
      hello: friendship.hello(),
      receivedAt: new Date(),
    };
    // Recorded first, accepted second: a request we could not record is left for WeChat to offer again.
    Promise.all(friendHandlers.map((handler) => handler(request)))
      .then(() => friendship.accept())
      .catch((error: unknown) => console.error('[wechat] friend request handler failed', error));
  });
  // Never await bot.ready() here: with the mock puppet it waits for a login that the sandbox performs afterwards.
  await bot.start();

  return {
    async send(message: ChatMessage): Promise<SendResult> {
      const contact = await bot.Contact.find({ id: message.to });
      if (!contact) throw new Error(`WeChat contact ${message.to} is unknown to the bot`);
      let sent = message.text ? await contact.say(message.text) : undefined;
      if (message.link) {
        const { url, title, description, thumbnailUrl } = message.link;
        const card = await contact.say(
          new bot.UrlLink({
            url,
            title,
            ...(description ? { description } : {}),
            ...(thumbnailUrl ? { thumbnailUrl } : {}),
          }),
        );
        sent ??= card;
      }
      for (const image of message.images ?? []) {
        // A base64 box, not a buffer one: puppets pass file boxes along as JSON, which a buffer box cannot become.
        const picture = await contact.say(
          FileBox.fromBase64(image.content.toString('base64'), image.filename),
        );
        sent ??= picture;
      }
      return { providerMessageId: sent?.id ?? `${message.to}:${Date.now()}`, status: 'accepted' };
    },
    onInbound(handler) {
      handlers.push(handler);
    },
    onFriendRequest(handler) {
      friendHandlers.push(handler);
    },
    async listContacts() {
      const contacts = await bot.Contact.findAll();
      return contacts.filter((c) => !c.self()).map((c) => ({ id: c.id, name: c.name() }));
    },
    async stop() {
      await bot.stop();
    },
  };
}
