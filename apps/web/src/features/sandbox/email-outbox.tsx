import { createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import { formatDate, t } from '../../i18n/i18n.ts';
import { api } from '../../lib/trpc.ts';
import { Tabs } from '../../ui/tabs.tsx';

type View = 'rendered' | 'headers' | 'raw';

export function EmailOutbox(props: { refreshKey: number }) {
  const [emails] = createResource(
    () => props.refreshKey,
    () => api.sandbox.emails.query(),
  );
  const [selected, setSelected] = createSignal<string | null>(null);
  const [email] = createResource(selected, (id) => api.sandbox.email.query({ id }));
  const [view, setView] = createSignal<View>('rendered');

  return (
    <div class="split">
      <div class="list" data-testid="email-list">
        <Show
          when={(emails()?.emails ?? []).length > 0}
          fallback={<p class="muted">{t('sandbox.noEmails')}</p>}
        >
          <For each={emails()?.emails}>
            {(e) => (
              <button
                type="button"
                classList={{ 'list-item': true, active: selected() === e.id }}
                onClick={() => setSelected(e.id)}
              >
                <strong>{e.subject}</strong>
                <span class="muted">
                  {e.to} · {formatDate(e.receivedAt)}
                </span>
              </button>
            )}
          </For>
        </Show>
      </div>
      <div class="detail">
        <Show when={email()} fallback={<p class="muted">{t('sandbox.pickEmail')}</p>}>
          {(e) => (
            <article data-testid="email-detail">
              <dl class="meta">
                <dt>{t('sandbox.subject')}</dt>
                <dd>{e().subject}</dd>
                <dt>{t('sandbox.from')}</dt>
                <dd>{e().from}</dd>
                <dt>{t('sandbox.to')}</dt>
                <dd>{e().to}</dd>
                <dt>{t('sandbox.received')}</dt>
                <dd>{formatDate(e().receivedAt)}</dd>
              </dl>
              <Tabs
                tabs={[
                  { id: 'rendered', label: t('sandbox.rendered') },
                  { id: 'headers', label: t('sandbox.headers') },
                  { id: 'raw', label: t('sandbox.raw') },
                ]}
                active={view()}
                onSelect={setView}
              />
              <Switch>
                <Match when={view() === 'rendered'}>
                  {/* An empty sandbox attribute: the email's HTML can neither run scripts nor reach this page. */}
                  <iframe
                    class="email-frame"
                    title={e().subject}
                    sandbox=""
                    srcdoc={e().html ?? `<pre>${escape(e().text ?? '')}</pre>`}
                  />
                </Match>
                <Match when={view() === 'headers'}>
                  <table class="table headers">
                    <tbody>
                      <For each={e().headers}>
                        {([name, value]) => (
                          <tr>
                            <th>{name}</th>
                            <td>{value}</td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </Match>
                <Match when={view() === 'raw'}>
                  <pre class="raw">{e().raw}</pre>
                </Match>
              </Switch>
            </article>
          )}
        </Show>
      </div>
    </div>
  );
}

const escape = (s: string) =>
  s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] ?? c);
