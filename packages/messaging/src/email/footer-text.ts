/** Footer wording in the recipient's language (the unsubscribe page speaks the same languages). */
const WORDS = {
  en: {
    why: (workspace: string) => `You receive this email from ${workspace}.`,
    unsubscribe: 'Unsubscribe or manage your preferences',
  },
  zh: {
    why: (workspace: string) => `您收到此邮件是因为您订阅了 ${workspace} 的消息。`,
    unsubscribe: '退订或管理订阅偏好',
  },
} as const;

export function footerText(locale: string | null) {
  return locale?.toLowerCase().startsWith('zh') ? WORDS.zh : WORDS.en;
}
