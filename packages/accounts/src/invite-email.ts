import { escapeHtml } from './escape-html.ts';

export function renderInviteEmail(input: {
  to: string;
  inviterName: string;
  workspaceName: string;
  role: string;
  link: string;
}) {
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
