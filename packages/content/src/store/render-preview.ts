import type { EntityManager } from '@switchboard/db';
import { personName, sql, type ContactRow } from '@switchboard/contacts';
import { liquidContext, personalise, TemplateCache, type ConcreteContent } from '@switchboard/messaging';
import { checkTemplate, type CheckFinding } from '../checks/pre-send-checks.ts';
import { compileTemplate } from '../render/compile-template.ts';
import type { TemplateDraft } from '../render/template-draft.ts';

export interface Preview {
  content: ConcreteContent;
  /** The content as the preview contact would receive it (null when Liquid failed). */
  rendered: ConcreteContent | null;
  findings: CheckFinding[];
  mjml: string | null;
  contact: { id: string; label: string } | null;
}

const cache = new TemplateCache();

async function previewContact(em: EntityManager, workspaceId: string, contactId: string | undefined) {
  const [row] = await sql<ContactRow>(
    em,
    contactId
      ? 'select * from contacts where workspace_id = ? and id = ?'
      : `select * from contacts where workspace_id = ? and email is not null and first_name is not null
         order by created_at limit 1`,
    contactId ? [workspaceId, contactId] : [workspaceId],
  );
  return row ?? null;
}

async function render(content: ConcreteContent, context: Record<string, unknown>): Promise<ConcreteContent> {
  if (content.kind === 'sms')
    return { kind: 'sms', body: await personalise('text', content.body, context, cache) };
  if (content.kind === 'wechat')
    return {
      ...content,
      text: await personalise('text', content.text, context, cache),
      ...(content.link
        ? { link: { ...content.link, title: await personalise('text', content.link.title, context, cache) } }
        : {}),
    };
  return {
    ...content,
    subject: await personalise('text', content.subject, context, cache),
    html: await personalise('html', content.html, context, cache),
    ...(content.text !== undefined ? { text: await personalise('text', content.text, context, cache) } : {}),
  };
}

/**
 * A template as one contact would see it, with the pre-send checks run against both the template and that
 * rendering. Used by the editor's preview and, with the same rules, by publishing.
 */
export async function renderPreview(
  em: EntityManager,
  workspaceId: string,
  template: TemplateDraft,
  options: { contactId?: string; purpose?: 'marketing' | 'transactional'; title?: string } = {},
): Promise<Preview> {
  const [workspace] = await sql<{ name: string; postal_address: string | null }>(
    em,
    'select name, postal_address from workspaces where id = ?',
    [workspaceId],
  );
  const compiled = await compileTemplate(template, options.title);
  const contact = await previewContact(em, workspaceId, options.contactId);
  const context = liquidContext(contact, workspace ?? { name: '', postal_address: null }, {
    unsubscribe_url: 'https://example.invalid/unsubscribe-preview',
  });
  let rendered: ConcreteContent | null = null;
  let error: string | null = null;
  try {
    rendered = await render(compiled.content, context);
  } catch (failure) {
    error = (failure as Error).message;
  }
  const content = compiled.content;
  const findings =
    content.kind === 'email'
      ? checkTemplate({
          channel: 'email',
          purpose: options.purpose ?? 'marketing',
          subject: content.subject,
          html: content.html,
          text: content.text ?? '',
          from: content.from ?? null,
          workspacePostalAddress: workspace?.postal_address ?? null,
          preview:
            rendered?.kind === 'email'
              ? { html: rendered.html, subject: rendered.subject }
              : { error: error ?? '' },
          compilerWarnings: compiled.compilerWarnings,
        })
      : content.kind === 'sms'
        ? checkTemplate({
            channel: 'sms',
            body: content.body,
            preview: rendered?.kind === 'sms' ? { body: rendered.body } : { error: error ?? '' },
          })
        : checkTemplate({
            channel: 'wechat',
            text: content.kind === 'wechat' ? content.text : '',
            hasLink: content.kind === 'wechat' && !!content.link,
            preview: rendered?.kind === 'wechat' ? { text: rendered.text } : { error: error ?? '' },
          });
  const label = contact
    ? personName({ firstName: contact.first_name, lastName: contact.last_name, locale: contact.locale }) ||
      contact.email ||
      contact.phone ||
      contact.id
    : null;
  return {
    content,
    rendered,
    findings,
    mjml: compiled.mjml,
    contact: contact && label ? { id: contact.id, label } : null,
  };
}
