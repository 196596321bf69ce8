/** The preference centre's words in the two languages the product speaks. */
export const PREFERENCE_TEXT = {
  en: {
    lang: 'en',
    title: (workspace: string) => `Email preferences for ${workspace}`,
    intro: (email: string) => `Choose what ${email} receives.`,
    topicsHeading: 'Keep me subscribed to',
    save: 'Save my choices',
    all: 'Unsubscribe from all marketing email',
    again: 'Subscribe me again',
    allDone: (workspace: string) =>
      `You are unsubscribed. ${workspace} will send you no more marketing email. Messages you asked for, such as receipts, still arrive.`,
    saved: 'Your choices are saved.',
    resubscribe: 'Changed your mind? Tick what you would like to receive and save.',
    invalidTitle: 'This link is not valid',
    invalid:
      'Copy the whole link from the email. If it still does not work, reply to the email and ask to be removed.',
  },
  zh: {
    lang: 'zh-CN',
    title: (workspace: string) => `${workspace} 邮件订阅偏好`,
    intro: (email: string) => `选择 ${email} 希望接收的内容。`,
    topicsHeading: '继续订阅',
    save: '保存我的选择',
    all: '退订全部营销邮件',
    again: '重新订阅',
    allDone: (workspace: string) =>
      `您已退订。${workspace} 将不再向您发送营销邮件；您主动请求的邮件（如收据）仍会送达。`,
    saved: '您的选择已保存。',
    resubscribe: '改变主意了？勾选您希望接收的内容并保存。',
    invalidTitle: '此链接无效',
    invalid: '请从邮件中复制完整链接。如果仍然无效，请直接回复邮件要求退订。',
  },
} as const;

export type PreferenceText = (typeof PREFERENCE_TEXT)[keyof typeof PREFERENCE_TEXT];

/** ?lang= first (a person switching language), then the contact's locale, then the browser's. */
export function preferenceText(
  explicit: string | undefined,
  locale: string | null,
  acceptLanguage: string | undefined,
) {
  const pick = explicit ?? locale ?? acceptLanguage ?? 'en';
  return pick.toLowerCase().startsWith('zh') ? PREFERENCE_TEXT.zh : PREFERENCE_TEXT.en;
}
