import { escapeHtml } from './escape-html.ts';
import type { UserLocale } from './user-locale.ts';

const ROLE_NAMES_ZH: Record<string, string> = {
  owner: '所有者',
  admin: '管理员',
  marketer: '营销人员',
  agent: '客服',
  analyst: '分析师',
};

/** The invite in Chinese, for an invitee who reads Switchboard in Chinese (or whose inviter does). */
function renderChineseInvite(input: {
  inviterName: string;
  workspaceName: string;
  role: string;
  link: string;
}) {
  const role = ROLE_NAMES_ZH[input.role] ?? input.role;
  const subject = `${input.inviterName} 邀请您加入 Switchboard 上的 ${input.workspaceName}`;
  const text = [
    `${input.inviterName} 邀请您以${role}身份加入 Switchboard 上的 ${input.workspaceName}。`,
    '',
    `接受邀请：${input.link}`,
    '',
    '链接 7 天内有效。如果您没有预料到这封邮件，请忽略它。',
  ].join('\n');
  const html = `<!doctype html><html lang="zh-CN"><body style="font-family:system-ui,sans-serif;max-width:560px;margin:auto;padding:24px">
<h1 style="font-size:20px">加入 Switchboard 上的 ${escapeHtml(input.workspaceName)}</h1>
<p>${escapeHtml(input.inviterName)} 邀请您以<strong>${escapeHtml(role)}</strong>身份加入 <strong>${escapeHtml(input.workspaceName)}</strong>。</p>
<p><a href="${escapeHtml(input.link)}" style="display:inline-block;background:#2563eb;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none">接受邀请</a></p>
<p style="color:#555;font-size:13px">或打开此链接：${escapeHtml(input.link)}<br>链接 7 天内有效。如果您没有预料到这封邮件，请忽略它。</p>
</body></html>`;
  return { subject, text, html };
}

export function renderInviteEmail(input: {
  to: string;
  inviterName: string;
  workspaceName: string;
  role: string;
  link: string;
  /** The invitee's language if they already use Switchboard, else their inviter's. */
  locale?: UserLocale;
}) {
  if (input.locale === 'zh-CN') return { to: input.to, ...renderChineseInvite(input) };
  const subject = `${input.inviterName} invited you to ${input.workspaceName} on Switchboard`;
  const text = [
    `${input.inviterName} invited you to join ${input.workspaceName} on Switchboard as ${input.role}.`,
    '',
    `Accept the invite: ${input.link}`,
    '',
    'The link works for 7 days. If you did not expect this, ignore this email.',
  ].join('\n');
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;max-width:560px;margin:auto;padding:24px">
<h1 style="font-size:20px">Join ${escapeHtml(input.workspaceName)} on Switchboard</h1>
<p>${escapeHtml(input.inviterName)} invited you to join <strong>${escapeHtml(input.workspaceName)}</strong> as <strong>${escapeHtml(input.role)}</strong>.</p>
<p><a href="${escapeHtml(input.link)}" style="display:inline-block;background:#2563eb;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none">Accept the invite</a></p>
<p style="color:#555;font-size:13px">Or open this link: ${escapeHtml(input.link)}<br>The link works for 7 days. If you did not expect this, ignore this email.</p>
</body></html>`;
  return { to: input.to, subject, text, html };
}
