/**
 * The words of double opt-in — the confirmation email and the pages its link opens — in the languages Switchboard
 * speaks. The email follows the contact's locale; the pages follow the browser's languages.
 */
export type OptInLanguage = 'en' | 'zh-CN';

/** zh, zh-CN, zh-Hans… read Chinese; everything else English (the languages the app is written in). */
export function optInLanguage(locale: string | null | undefined): OptInLanguage {
  return locale && /^zh\b/i.test(locale.trim()) ? 'zh-CN' : 'en';
}

/** The first language of an Accept-Language header that Switchboard speaks (by the order given, not weights). */
export function optInLanguageOfHeader(acceptLanguage: string | undefined): OptInLanguage {
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]!.trim();
    if (/^zh\b/i.test(tag)) return 'zh-CN';
    if (/^en\b/i.test(tag)) return 'en';
  }
  return 'en';
}

interface EmailWords {
  subject: (sender: string) => string;
  what: (topic: string | undefined) => string;
  ask: (what: string, sender: string) => string;
  button: string;
  ignore: string;
}

export const OPT_IN_EMAIL: Record<OptInLanguage, EmailWords> = {
  en: {
    subject: (sender) => `Please confirm your subscription to ${sender}`,
    what: (topic) => (topic ? `“${topic}” emails` : 'our emails'),
    ask: (what, sender) => `Please confirm that you want to receive ${what} from ${sender}`,
    button: 'Confirm my subscription',
    ignore: 'If you did not sign up, ignore this email and nothing will be sent to you.',
  },
  'zh-CN': {
    subject: (sender) => `请确认订阅 ${sender}`,
    what: (topic) => (topic ? `“${topic}”邮件` : '邮件'),
    ask: (what, sender) => `请确认你愿意接收来自 ${sender} 的${what}`,
    button: '确认订阅',
    ignore: '如果你没有订阅，请忽略这封邮件，我们不会再给你发送任何内容。',
  },
};

interface PageWords {
  lang: string;
  confirmTitle: string;
  confirmBody: (topicHtml: string | null) => string;
  button: string;
  doneTitle: string;
  doneBody: string;
  invalid: readonly [string, string];
  expired: readonly [string, string];
  gone: readonly [string, string];
}

export const OPT_IN_PAGES: Record<OptInLanguage, PageWords> = {
  en: {
    lang: 'en',
    confirmTitle: 'Confirm your subscription',
    confirmBody: (topic) =>
      `One click and you are subscribed${topic ? ` to <strong>${topic}</strong>` : ''}.`,
    button: 'Confirm my subscription',
    doneTitle: 'You are subscribed',
    doneBody: 'Thank you for confirming. You can unsubscribe from any email we send.',
    invalid: ['This link is not valid', 'Copy the whole link from the email, or sign up again.'],
    expired: ['This link has expired', 'Confirmation links work for 7 days. Sign up again to get a new one.'],
    gone: ['Nothing to confirm', 'This address is no longer on our list.'],
  },
  'zh-CN': {
    lang: 'zh-CN',
    confirmTitle: '确认订阅',
    confirmBody: (topic) => `点击一下即可完成订阅${topic ? `：<strong>${topic}</strong>` : ''}。`,
    button: '确认订阅',
    doneTitle: '订阅成功',
    doneBody: '感谢你的确认。你可以在我们发送的任何邮件中退订。',
    invalid: ['此链接无效', '请从邮件中复制完整的链接，或重新订阅。'],
    expired: ['此链接已过期', '确认链接的有效期为 7 天。请重新订阅以获取新链接。'],
    gone: ['无需确认', '此地址已不在我们的名单中。'],
  },
};
