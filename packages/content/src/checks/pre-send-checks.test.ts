import { describe, expect, it } from 'vitest';
import { checkTemplate, GMAIL_CLIP_BYTES, type EmailToCheck } from './pre-send-checks.ts';

const footer = '<p>{{ workspace.postal_address }} <a href="{{ unsubscribe_url }}">Unsubscribe</a></p>';
const body = `<p>${'Our winter collection is here, with warm coats and scarves for every day. '.repeat(6)}</p>`;
const email = (over: Partial<EmailToCheck> = {}): EmailToCheck => {
  const html = over.html ?? `<html><body>${body}${footer}</body></html>`;
  return {
    channel: 'email',
    purpose: 'marketing',
    subject: 'Winter collection',
    html,
    text: '',
    from: 'news@acme.example',
    workspacePostalAddress: 'Acme GmbH, Berlin',
    preview: { html, subject: over.subject ?? 'Winter collection' },
    ...over,
  };
};
const codes = (input: Parameters<typeof checkTemplate>[0]) =>
  checkTemplate(input).map((f) => `${f.level}:${f.code}`);

describe('pre-send checks', () => {
  it('passes a clean marketing email', () => {
    expect(codes(email())).toEqual([]);
  });

  it('blocks a marketing email without an unsubscribe link or postal address', () => {
    const html = `<html><body>${body}</body></html>`;
    expect(codes(email({ html }))).toEqual(['block:unsubscribe_missing', 'block:postal_address_missing']);
    expect(codes(email({ workspacePostalAddress: null }))).toContain('block:postal_address_missing');
  });

  it('lets transactional mail go without the marketing footer', () => {
    expect(codes(email({ purpose: 'transactional', html: `<p>${body}</p>` }))).toEqual([]);
  });

  it('blocks deceptive reply and forward subjects in English and Chinese', () => {
    for (const subject of ['Re: your order', 'FWD: hi', '回复：订单', '转发: 活动'])
      expect(codes(email({ subject }))).toContain('block:deceptive_subject');
    expect(codes(email({ subject: 'Reading list' }))).not.toContain('block:deceptive_subject');
  });

  it('blocks a template whose Liquid fails for the preview contact', () => {
    expect(codes(email({ preview: { error: 'undefined filter: nope' } }))).toContain('block:liquid_error');
  });

  it('warns about image-only and image-heavy mail and missing alt text', () => {
    const only = `<html><body><img src="https://x.example/a.png">${footer}</body></html>`;
    expect(codes(email({ html: only, preview: { html: only, subject: 'x' } }))).toEqual(
      expect.arrayContaining(['warn:image_only', 'warn:alt_missing']),
    );
    const heavy = `<html><body><p>${'A little text about the coats in this week’s collection, and why we like them. '.repeat(2)}</p>${'<img src="https://x.example/a.png" alt="coat">'.repeat(3)}${footer}</body></html>`;
    expect(codes(email({ html: heavy, preview: { html: heavy, subject: 'x' } }))).toContain(
      'warn:image_heavy',
    );
  });

  it('warns about spam words in English and Chinese, but not inside other words', () => {
    const spammy = `<p>${body} Click here to claim your free gift! 限时抢购</p>${footer}`;
    const findings = checkTemplate(email({ html: spammy, preview: { html: spammy, subject: 'x' } }));
    expect(findings.find((f) => f.code === 'spam_words')?.message).toMatch(
      /"click here".*"free gift".*"限时抢购"/,
    );
    const clean = `<p>${body} The winners circle is a guaranteedly fine name.</p>${footer}`;
    expect(codes(email({ html: clean, preview: { html: clean, subject: 'x' } }))).not.toContain(
      'warn:spam_words',
    );
  });

  it('warns when Gmail would clip the message, about broken links and about too many links', () => {
    const big = `<html><body>${body}${'x'.repeat(GMAIL_CLIP_BYTES)}${footer}</body></html>`;
    expect(codes(email({ html: big, preview: { html: big, subject: 'x' } }))).toContain(
      'warn:gmail_clipping',
    );
    const broken = `<p>${body}<a href="#">here</a><a href="htp:/nowhere">x</a><a href="mailto:a@b.example">mail</a></p>${footer}`;
    const finding = checkTemplate(email({ html: broken, preview: { html: broken, subject: 'x' } })).find(
      (f) => f.code === 'broken_links',
    );
    expect(finding?.message).toContain('"#"');
    expect(finding?.message).not.toContain('mailto');
    const many = `<p>${body}${'<a href="https://x.example/p">p</a>'.repeat(30)}</p>${footer}`;
    expect(codes(email({ html: many, preview: { html: many, subject: 'x' } }))).toContain(
      'warn:too_many_links',
    );
  });

  it('counts SMS segments and blocks empty messages', () => {
    expect(codes({ channel: 'sms', body: '', preview: { body: '' } })).toContain('block:empty');
    const long = 'Winter sale: '.repeat(40);
    expect(codes({ channel: 'sms', body: long, preview: { body: long } })).toContain('warn:sms_long');
  });

  it('lets a WeChat message be only a link card, but not nothing', () => {
    expect(codes({ channel: 'wechat', text: '', hasLink: true, preview: { text: '' } })).toEqual([]);
    expect(codes({ channel: 'wechat', text: ' ', preview: { text: '' } })).toEqual(['block:empty']);
  });
});
