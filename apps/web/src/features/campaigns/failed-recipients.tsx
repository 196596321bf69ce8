import { createResource, createSignal, For, Show } from 'solid-js';
import { t } from '../../i18n/i18n.ts';
import { api, problemText, toProblem } from '../../lib/trpc.ts';

/** Who did not get it and why; the ones a retry could help are retried with one click. */
export function FailedRecipients(props: { id: string; canRetry: boolean; onRetried: () => void }) {
  const [failures, { refetch }] = createResource(
    () => props.id,
    (id) => api.campaigns.failures.query({ id }),
  );
  const [note, setNote] = createSignal<string | null>(null);
  const retryable = () => (failures() ?? []).filter((f) => f.retryable).length;
  async function retry() {
    try {
      const { retried } = await api.campaigns.retryFailed.mutate({ id: props.id });
      setNote(t('campaigns.retried', { count: retried }));
      await refetch();
      props.onRetried();
    } catch (error) {
      setNote(problemText(toProblem(error)));
    }
  }
  return (
    <Show when={(failures() ?? []).length > 0}>
      <div class="card stack" data-testid="failed-recipients">
        <div class="row">
          <h2 class="grow">{t('campaigns.failures', { count: (failures() ?? []).length })}</h2>
          <Show when={props.canRetry && retryable() > 0}>
            <button
              type="button"
              class="button secondary"
              onClick={() => void retry()}
              data-testid="retry-failed"
            >
              {t('campaigns.retry', { count: retryable() })}
            </button>
          </Show>
        </div>
        <Show when={note()}>
          <p class="hint">{note()}</p>
        </Show>
        <table class="table">
          <thead>
            <tr>
              <th>{t('campaigns.recipient')}</th>
              <th>{t('campaigns.status')}</th>
              <th>{t('campaigns.reason')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={failures()}>
              {(f) => (
                <tr>
                  <td>
                    <a href={`/contacts/${f.contactId}`}>{f.address ?? f.contactId}</a>
                  </td>
                  <td>{t(`messages.status.${f.status as 'failed'}`)}</td>
                  <td class="failure-reason">
                    <Show when={f.code}>
                      <code class="badge" data-testid="failure-code">
                        {f.code}
                      </code>{' '}
                    </Show>
                    <span dir="auto">{f.reason}</span>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </Show>
  );
}
