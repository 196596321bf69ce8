import { createResource, For, Show } from 'solid-js';
import { t } from '../../i18n/i18n.ts';
import { api } from '../../lib/trpc.ts';

export function SmsOutbox(props: { refreshKey: number }) {
  const [messages] = createResource(
    () => props.refreshKey,
    () => api.sandbox.sms.query(),
  );
  return (
    <Show when={(messages() ?? []).length > 0} fallback={<p class="muted">{t('sandbox.noSms')}</p>}>
      <table class="table" data-testid="sms-table">
        <thead>
          <tr>
            <th>{t('sandbox.to')}</th>
            <th>{t('sandbox.from')}</th>
            <th>{t('sandbox.message')}</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          <For each={messages()}>
            {(m) => (
              <tr>
                <td>{m.to}</td>
                <td>{m.from}</td>
                <td>{m.body}</td>
                <td>{m.status}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </Show>
  );
}
