import type { BlockDocument } from '../blocks/block-document.ts';
import type {
  EmailDraft,
  SmsDraft,
  TemplateChannel,
  TemplateFormat,
  WechatDraft,
} from '../render/template-draft.ts';

/** The language a new template starts in: the words a marketer replaces, in the language they work in. */
export type StarterLanguage = 'en' | 'zh-CN';

const WORDS: Record<
  StarterLanguage,
  { greeting: string; body: string; button: string; unsubscribe: string; change: string; smsGreeting: string }
> = {
  en: {
    greeting: 'Hello {{ contact.first_name | default: "there" }}',
    body: 'Write your message here.',
    button: 'Read more',
    unsubscribe: 'Unsubscribe',
    change: 'or change which emails you get.',
    smsGreeting: 'Hi {{ contact.first_name | default: "there" }}, ',
  },
  'zh-CN': {
    greeting: '{{ contact.first_name | default: "您" }}好',
    body: '在这里写下您要说的话。',
    button: '了解更多',
    unsubscribe: '退订',
    change: '或更改您接收的邮件。',
    smsGreeting: '{{ contact.first_name | default: "您" }}好，',
  },
};

let counter = 0;
const id = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;

/** The footer every marketing email needs; the editor offers it as a block and new templates start with it. */
export function footerSection(language: StarterLanguage = 'en'): BlockDocument['sections'][number] {
  const words = WORDS[language];
  return {
    id: id('s'),
    type: 'section',
    padding: 16,
    columns: [
      {
        id: id('c'),
        blocks: [
          {
            id: id('b'),
            type: 'text',
            align: 'center',
            fontSize: 12,
            color: '#6b7280',
            html: `<p>{{ workspace.name }} · {{ workspace.postal_address }}</p><p><a href="{{ unsubscribe_url }}">${words.unsubscribe}</a> ${words.change}</p>`,
          },
        ],
      },
    ],
  };
}

export function starterDocument(language: StarterLanguage = 'en'): BlockDocument {
  const words = WORDS[language];
  return {
    backgroundColor: '#f3f4f6',
    contentBackgroundColor: '#ffffff',
    width: 600,
    sections: [
      {
        id: id('s'),
        type: 'section',
        padding: 24,
        columns: [
          {
            id: id('c'),
            blocks: [
              {
                id: id('b'),
                type: 'text',
                fontSize: 24,
                html: `<h1>${words.greeting}</h1>`,
              },
              { id: id('b'), type: 'text', html: `<p>${words.body}</p>` },
              {
                id: id('b'),
                type: 'button',
                text: words.button,
                href: 'https://example.com',
                backgroundColor: '#4f46e5',
                color: '#ffffff',
              },
            ],
          },
        ],
      },
      footerSection(language),
    ],
  };
}

const starterHtml = (
  words: (typeof WORDS)[StarterLanguage],
) => `<!doctype html><html><body style="font-family:sans-serif">
<p>${words.greeting},</p>
<p>${words.body}</p>
<p style="font-size:12px;color:#6b7280">{{ workspace.postal_address }} · <a href="{{ unsubscribe_url }}">${words.unsubscribe}</a></p>
</body></html>`;

const starterMjml = (words: (typeof WORDS)[StarterLanguage]) => `<mjml><mj-body><mj-section><mj-column>
<mj-text>${words.greeting},</mj-text>
<mj-text font-size="12px" color="#6b7280">{{ workspace.postal_address }} · <a href="{{ unsubscribe_url }}">${words.unsubscribe}</a></mj-text>
</mj-column></mj-section></mj-body></mjml>`;

export function starterDraft(
  channel: TemplateChannel,
  format: TemplateFormat,
  language: StarterLanguage = 'en',
): EmailDraft | SmsDraft | WechatDraft {
  const words = WORDS[language];
  if (channel === 'sms') return { body: words.smsGreeting };
  if (channel === 'wechat') return { text: '您好 {{ contact.first_name }}，' };
  const base = { subject: '', preheader: '', fromName: '', fromAddress: '', replyTo: '' };
  if (format === 'blocks') return { ...base, document: starterDocument(language) };
  return { ...base, source: format === 'mjml' ? starterMjml(words) : starterHtml(words) };
}
