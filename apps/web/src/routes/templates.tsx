import { createResource, createSignal, For, Show } from 'solid-js';
import { A, useNavigate } from '@solidjs/router';
import { formatDate, locale, t } from '../i18n/i18n.ts';
import { api, problemText, toProblem } from '../lib/trpc.ts';
import { InlineError } from '../ui/inline-error.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { may } from '../features/auth/permissions.ts';

type Channel = 'email' | 'sms' | 'wechat';

/** Templates of every channel, and a quick form to start a new one. */
export default function TemplatesPage() {
  const navigate = useNavigate();
  const [templates] = createResource(() => api.templates.list.query());
  const [name, setName] = createSignal('');
  const [channel, setChannel] = createSignal<Channel>('email');
  const [format, setFormat] = createSignal<'blocks' | 'mjml' | 'html'>('blocks');
  const [problem, setProblem] = createSignal<string | null>(null);
  const canEdit = () => may('templates.write');

  async function create(event: SubmitEvent) {
    event.preventDefault();
    try {
      const template = await api.templates.create.mutate({
        name: name(),
        channel: channel(),
        ...(channel() === 'email' ? { format: format() } : {}),
        language: locale(),
      });
      navigate(`/templates/${template.id}`);
    } catch (error) {
      setProblem(problemText(toProblem(error)));
    }
  }

  usePageTitle(() => t('templates.title'));
  return (
    <section class="page">
      <div class="page-header">
        <h1>{t('templates.title')}</h1>
      </div>
      <Show when={canEdit()}>
        <form class="card row" onSubmit={create} data-testid="new-template">
          <label class="field grow">
            <span class="field-label">{t('templates.name')}</span>
            <input
              value={name()}
              onInput={(e) => setName(e.currentTarget.value)}
              required
              data-testid="template-name"
            />
          </label>
          <label class="field">
            <span class="field-label">{t('templates.channel')}</span>
            <select value={channel()} onChange={(e) => setChannel(e.currentTarget.value as Channel)}>
              <option value="email">{t('messages.channel.email')}</option>
              <option value="sms">{t('messages.channel.sms')}</option>
              <option value="wechat">{t('messages.channel.wechat')}</option>
            </select>
          </label>
          <Show when={channel() === 'email'}>
            <label class="field">
              <span class="field-label">{t('templates.format')}</span>
              <select
                value={format()}
                onChange={(e) => setFormat(e.currentTarget.value as 'blocks' | 'mjml' | 'html')}
              >
                <option value="blocks">{t('templates.format.blocks')}</option>
                <option value="mjml">MJML</option>
                <option value="html">HTML</option>
              </select>
            </label>
          </Show>
          <button class="button" type="submit">
            {t('templates.create')}
          </button>
          <InlineError message={problem()} />
        </form>
      </Show>
      <Show when={(templates() ?? []).length > 0} fallback={<p class="muted">{t('templates.none')}</p>}>
        <table class="table" data-testid="templates-table">
          <thead>
            <tr>
              <th>{t('templates.name')}</th>
              <th>{t('templates.channel')}</th>
              <th>{t('templates.published')}</th>
              <th>{t('segments.updated')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={templates()}>
              {(template) => (
                <tr>
                  <td>
                    <A href={`/templates/${template.id}`}>{template.name}</A>
                  </td>
                  <td>{t(`messages.channel.${template.channel}`)}</td>
                  <td>
                    {template.latestVersion
                      ? t('templates.version', { version: template.latestVersion })
                      : t('templates.unpublished')}
                  </td>
                  <td>{formatDate(template.updatedAt)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </section>
  );
}
