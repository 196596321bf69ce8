import { PuppetMock, mock } from 'wechaty-puppet-mock';
import * as PUPPET from 'wechaty-puppet';

import { SIMULATED_WECHAT_CONTACTS } from './simulated-contacts.ts';

export { SIMULATED_WECHAT_CONTACTS };

export interface SandboxWechat {
  /** Hand this to the chat gateway as its puppet. */
  puppet: PuppetMock;
  /** Logs the bot in and creates the simulated contacts; call once the bot has started. */
  activate(): void;
  /** Makes a simulated contact send `text` to the bot, exactly as a real WeChat user would. */
  simulateInbound(contactId: string, text: string): void;
  /** Another simulated WeChat user (a benchmark's many senders); call after activate(). */
  addContact(contact: { id: string; name: string }): void;
  /** Makes someone ask the bot to be friends (a stranger gets created as a simulated contact first). */
  simulateFriendRequest(contact: { id: string; name: string }, hello: string): void;
}

/** Wechaty's own mock puppet with a few simulated WeChat users, the way Wechaty bots are tested. */
export function createSandboxWechat(): SandboxWechat {
  const mocker = new mock.Mocker();
  const puppet = new PuppetMock({ mocker });
  // The mock puppet answers friendship lookups with an empty payload; the sandbox remembers the requests it made.
  const friendRequests = new Map<string, PUPPET.payloads.Friendship>();
  const lookUpFriendship = puppet.friendshipRawPayload.bind(puppet);
  puppet.friendshipRawPayload = (id: string) =>
    Promise.resolve(friendRequests.get(id) ?? null).then((payload) => payload ?? lookUpFriendship(id));
  const contacts = new Map<string, mock.ContactMock>();
  let bot: mock.ContactMock | undefined;
  return {
    puppet,
    activate() {
      if (bot) return;
      bot = mocker.createContact({ id: 'wxid_sandbox_switchboard_bot', name: 'Switchboard' });
      for (const c of SIMULATED_WECHAT_CONTACTS)
        contacts.set(c.id, mocker.createContact({ id: c.id, name: c.name }));
      mocker.login(bot);
    },
    addContact(contact) {
      if (!contacts.has(contact.id)) contacts.set(contact.id, mocker.createContact(contact));
    },
    simulateFriendRequest(contact, hello) {
      if (!bot) throw new Error('The sandbox bot is not logged in');
      if (!contacts.has(contact.id)) contacts.set(contact.id, mocker.createContact(contact));
      const id = `friendship-${contact.id}-${friendRequests.size + 1}`;
      friendRequests.set(id, {
        id,
        contactId: contact.id,
        hello,
        timestamp: Date.now(),
        ticket: id,
        type: PUPPET.types.Friendship.Receive,
      });
      puppet.emit('friendship', { friendshipId: id });
    },
    simulateInbound(contactId, text) {
      const contact = contacts.get(contactId);
      if (!contact || !bot) throw new Error(`No simulated WeChat contact ${contactId}`);
      contact.say(text).to(bot);
    },
  };
}
