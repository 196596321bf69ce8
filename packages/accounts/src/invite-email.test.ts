import { describe, expect, it } from 'vitest';
import { renderInviteEmail } from './invite-email.ts';

const invite = {
  to: 'zoe@example.com',
  inviterName: 'Olivia',
  workspaceName: 'Demo <Co>',
  role: 'analyst',
  link: 'https://sb.example/invite/abc',
};

describe('renderInviteEmail', () => {
  it('writes the invite in the reader’s language, escaping names', () => {
    expect(renderInviteEmail(invite).subject).toBe('Olivia invited you to Demo <Co> on Switchboard');
    const zh = renderInviteEmail({ ...invite, locale: 'zh-CN' });
    expect(zh.subject).toBe('Olivia 邀请您加入 Switchboard 上的 Demo <Co>');
    expect(zh.text).toContain('以分析师身份加入');
    expect(zh.html).toContain('Demo &lt;Co&gt;');
    expect(zh.html).toContain('接受邀请');
  });
});
