import { afterAll, describe, expect, it, vi } from 'vitest';
import type { ChatGateway } from '@switchboard/channels';
import { startWechatyGateway } from '@switchboard/channels/wechaty';
import { createSandboxWechat, SIMULATED_WECHAT_CONTACTS } from './sandbox-wechat.ts';

const wechat = createSandboxWechat();
let gateway: ChatGateway | undefined;

afterAll(async () => {
  await gateway?.stop();
});

describe('WeChat link cards through the gateway and the mock puppet', () => {
  it('sends the text, then the card with its title, summary and thumbnail', async () => {
    gateway = await startWechatyGateway({ name: 'link-card-test', puppet: wechat.puppet });
    wechat.activate();
    const to = SIMULATED_WECHAT_CONTACTS[0].id;
    await expect
      .poll(async () => (await gateway!.listContacts()).some((c) => c.id === to), { timeout: 10_000 })
      .toBe(true);
    const sendText = vi.spyOn(wechat.puppet, 'messageSendText');
    const sendUrl = vi.spyOn(wechat.puppet, 'messageSendUrl');
    const card = {
      url: 'https://shop.example/winter',
      title: '冬季新品',
      description: '点击查看本周折扣',
      thumbnailUrl: 'https://shop.example/thumb.png',
    };
    const result = await gateway.send({ to, text: '李雷，新品上架', link: card });
    expect(result.status).toBe('accepted');
    expect(sendText).toHaveBeenCalledWith(to, '李雷，新品上架');
    expect(sendUrl).toHaveBeenCalledWith(to, card);
    // A card alone is a message too.
    await gateway.send({ to, text: '', link: { url: card.url, title: card.title } });
    expect(sendText).toHaveBeenCalledTimes(1);
    expect(sendUrl).toHaveBeenLastCalledWith(to, { url: card.url, title: card.title });
  }, 30_000);
});
