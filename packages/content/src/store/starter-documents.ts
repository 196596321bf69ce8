import type { BlockDocument } from '../blocks/block-document.ts';
import type {
  EmailDraft,
  SmsDraft,
  TemplateChannel,
  TemplateFormat,
  WechatDraft,
} from '../render/template-draft.ts';

let counter = 0;
const id = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;

/** The footer every marketing email needs; the editor offers it as a block and new templates start with it. */
export function footerSection(): BlockDocument['sections'][number] {
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
            html: '<p>{{ workspace.name }} · {{ workspace.postal_address }}</p><p><a href="{{ unsubscribe_url }}">Unsubscribe</a> or change which emails you get.</p>',
          },
        ],
      },
    ],
  };
}

export function starterDocument(): BlockDocument {
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
                html: '<h1>Hello {{ contact.first_name | default: "there" }}</h1>',
              },
              { id: id('b'), type: 'text', html: '<p>Write your message here.</p>' },
              {
                id: id('b'),
                type: 'button',
                text: 'Read more',
                href: 'https://example.com',
                backgroundColor: '#4f46e5',
                color: '#ffffff',
              },
            ],
          },
        ],
      },
      footerSection(),
    ],
  };
}

const STARTER_HTML = `<!doctype html><html><body style="font-family:sans-serif">
<p>Hello {{ contact.first_name | default: "there" }},</p>
<p>Write your message here.</p>
<p style="font-size:12px;color:#6b7280">{{ workspace.postal_address }} · <a href="{{ unsubscribe_url }}">Unsubscribe</a></p>
</body></html>`;

const STARTER_MJML = `<mjml><mj-body><mj-section><mj-column>
<mj-text>Hello {{ contact.first_name | default: "there" }},</mj-text>
<mj-text font-size="12px" color="#6b7280">{{ workspace.postal_address }} · <a href="{{ unsubscribe_url }}">Unsubscribe</a></mj-text>
</mj-column></mj-section></mj-body></mjml>`;

export function starterDraft(
  channel: TemplateChannel,
  format: TemplateFormat,
): EmailDraft | SmsDraft | WechatDraft {
  if (channel === 'sms') return { body: 'Hi {{ contact.first_name | default: "there" }}, ' };
  if (channel === 'wechat') return { text: '您好 {{ contact.first_name }}，' };
  const base = { subject: '', preheader: '', fromName: '', fromAddress: '', replyTo: '' };
  if (format === 'blocks') return { ...base, document: starterDocument() };
  return { ...base, source: format === 'mjml' ? STARTER_MJML : STARTER_HTML };
}
