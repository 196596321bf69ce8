import { createResource, createSignal, For, Show } from 'solid-js';
import { t } from '../../i18n/i18n.ts';
import { api, toProblem, type ApiProblem, problemText } from '../../lib/trpc.ts';
import { FormField } from '../../ui/form-field.tsx';
import { Notice } from '../../ui/notice.tsx';

const CHANNELS = ['email', 'sms', 'wechat'] as const;
type Channel = (typeof CHANNELS)[number];

/** Subscription topics: what people can opt in to, per channel, and how many did. */
export default function TopicsPage() {
  const [topics, { refetch }] = createResource(() => api.topics.list.query());
  const [key, setKey] = createSignal('');
  const [label, setLabel] = createSignal('');
  const [description, setDescription] = createSignal('');
  const [channels, setChannels] = createSignal<Channel[]>(['email']);
  const [problem, setProblem] = createSignal<ApiProblem | null>(null);

  async function save(e: SubmitEvent) {
    e.preventDefault();
    setProblem(null);
    try {
      await api.topics.save.mutate({
        key: key(),
        label: label(),
        description: description() || null,
        channels: channels(),
      });
      setKey('');
      setLabel('');
      setDescription('');
      await refetch();
    } catch (error) {
      setProblem(toProblem(error));
    }
  }
  const edit = (topic: NonNullable<ReturnType<typeof topics>>[number]) => {
    setKey(topic.key);
    setLabel(topic.label);
    setDescription(topic.description ?? '');
    setChannels(topic.channels.filter((c): c is Channel => (CHANNELS as readonly string[]).includes(c)));
  };

  return (
    <div class="stack">
      <p class="muted">{t('topics.intro')}</p>
      <table class="table" data-testid="topics-table">
        <thead>
          <tr>
            <th>{t('topics.key')}</th>
            <th>{t('topics.label')}</th>
            <th>{t('topics.channels')}</th>
            <th>{t('topics.optedIn')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          <For each={topics()}>
            {(topic) => (
              <tr>
                <td>
                  <code translate="no">{topic.key}</code>
                  <Show when={!topic.defined}>
                    {' '}
                    <span class="badge">{t('topics.undefined')}</span>
                  </Show>
                </td>
                <td translate="no">{topic.label}</td>
                <td>
                  {topic.channels.map((channel) => t(`messages.channel.${channel as 'email'}`)).join(', ')}
                </td>
                <td>
                  {Object.entries(topic.optedIn)
                    .map(
                      ([channel, n]) =>
                        `${t(`messages.channel.${channel as 'email'}`)} ${n.toLocaleString()}`,
                    )
                    .join(' · ') || '—'}
                </td>
                <td>
                  <button type="button" class="button link" onClick={() => edit(topic)}>
                    {t('topics.edit')}
                  </button>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <form class="card inline-form" onSubmit={(e) => void save(e)}>
        <Show when={problem()}>{(p) => <Notice kind="error">{problemText(p())}</Notice>}</Show>
        <div class="row">
          <FormField label={t('topics.key')}>
            <input name="topic-key" required value={key()} onInput={(e) => setKey(e.currentTarget.value)} />
          </FormField>
          <FormField label={t('topics.label')}>
            <input name="topic-label" value={label()} onInput={(e) => setLabel(e.currentTarget.value)} />
          </FormField>
          <FormField label={t('topics.description')}>
            <input
              name="topic-description"
              value={description()}
              onInput={(e) => setDescription(e.currentTarget.value)}
            />
          </FormField>
        </div>
        <fieldset class="scopes">
          <legend>{t('topics.channels')}</legend>
          <For each={CHANNELS}>
            {(channel) => (
              <label>
                <input
                  type="checkbox"
                  checked={channels().includes(channel)}
                  onChange={(e) =>
                    setChannels((c) =>
                      e.currentTarget.checked ? [...c, channel] : c.filter((x) => x !== channel),
                    )
                  }
                />{' '}
                {t(`messages.channel.${channel}`)}
              </label>
            )}
          </For>
        </fieldset>
        <button class="button" type="submit">
          {t('topics.save')}
        </button>
      </form>
    </div>
  );
}
