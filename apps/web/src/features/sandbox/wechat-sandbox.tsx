import { createResource, createSignal, For, Show } from 'solid-js';
import { formatDate, t } from '../../i18n/i18n.ts';
import { api, toProblem, type ApiProblem } from '../../lib/trpc.ts';
import { FormField } from '../../ui/form-field.tsx';
import { Notice } from '../../ui/notice.tsx';
import { NamedOptions } from '../../ui/named-options.tsx';

export function WechatSandbox(props: { refreshKey: number }) {
  const [contacts] = createResource(() => api.sandbox.wechatContacts.query());
  const [transcript, { refetch }] = createResource(
    () => props.refreshKey,
    () => api.sandbox.wechatTranscript.query(),
  );
  const [contactId, setContactId] = createSignal('');
  const [text, setText] = createSignal('');
  const [problem, setProblem] = createSignal<ApiProblem | null>(null);
  const [busy, setBusy] = createSignal(false);

  async function send(event: SubmitEvent) {
    event.preventDefault();
    setProblem(null);
    setBusy(true);
    try {
      await api.sandbox.simulateWechat.mutate({
        contactId: contactId() || contacts()?.[0]?.id || '',
        text: text(),
      });
      setText('');
      await refetch();
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="stack">
      <form class="card inline-form" onSubmit={(e) => void send(e)}>
        <Show when={problem()}>{(p) => <Notice kind="error">{p().message}</Notice>}</Show>
        <div class="row">
          <FormField label={t('sandbox.simulateAs')}>
            <select
              name="wechat-contact"
              value={contactId()}
              onChange={(e) => setContactId(e.currentTarget.value)}
            >
              <NamedOptions items={contacts()} />
            </select>
          </FormField>
          <FormField label={t('sandbox.message')} error={problem()?.fieldErrors.text}>
            <input
              name="wechat-text"
              required
              value={text()}
              onInput={(e) => setText(e.currentTarget.value)}
            />
          </FormField>
          <button class="button" type="submit" disabled={busy()}>
            {t('sandbox.send')}
          </button>
        </div>
      </form>
      <Show when={(transcript() ?? []).length > 0} fallback={<p class="muted">{t('sandbox.noChat')}</p>}>
        <ol class="chat" data-testid="wechat-transcript">
          <For each={transcript()}>
            {(line) => (
              <li
                classList={{
                  bubble: true,
                  inbound: line.direction === 'inbound',
                  outbound: line.direction === 'outbound',
                }}
              >
                <span class="muted">
                  {line.peerName} ·{' '}
                  {line.direction === 'inbound' ? t('sandbox.inbound') : t('sandbox.outbound')} ·{' '}
                  {formatDate(line.createdAt)}
                </span>
                <p>{line.text}</p>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </div>
  );
}
