import { createResource, createSignal, For, Show } from 'solid-js';
import { t } from '../../i18n/i18n.ts';
import { api, problemText, toProblem } from '../../lib/trpc.ts';
import { InlineError } from '../../ui/inline-error.tsx';

/** Plays a phone texting the product: Twilio's signed inbound webhook, so keyword replies show up in the list. */
function TextFromPhone(props: { onSent: () => void }) {
  const [from, setFrom] = createSignal('+14155550123');
  const [body, setBody] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  const [sentFrom, setSentFrom] = createSignal<string | null>(null);
  async function send(e: SubmitEvent) {
    e.preventDefault();
    setError(null);
    setSentFrom(null);
    try {
      await api.sandbox.smsFromPhone.mutate({ from: from(), body: body() });
      setBody('');
      // Leaving the page before this shows would abort the text; say when it has arrived.
      setSentFrom(from());
      // The confirmation goes through the ledger and a workflow; look again shortly.
      for (const delay of [300, 1000, 2500]) setTimeout(props.onSent, delay);
    } catch (err) {
      setError(problemText(toProblem(err)));
    }
  }
  return (
    <form class="card inline-form" onSubmit={(e) => void send(e)}>
      <h3>{t('sandbox.textFromPhone')}</h3>
      <div class="row">
        <input
          data-testid="sms-from"
          aria-label={t('sandbox.fromNumber')}
          value={from()}
          onInput={(e) => setFrom(e.currentTarget.value)}
        />
        <input
          data-testid="sms-body"
          aria-label={t('sandbox.textBody')}
          placeholder={t('sandbox.textBody')}
          required
          value={body()}
          onInput={(e) => setBody(e.currentTarget.value)}
        />
        <button class="button" type="submit" data-testid="sms-send">
          {t('sandbox.sendText')}
        </button>
      </div>
      <Show when={sentFrom()}>
        {(number) => (
          <p class="muted" role="status" data-testid="sms-received">
            {t('sandbox.textReceived', { from: number() })}
          </p>
        )}
      </Show>
      <InlineError message={error()} />
    </form>
  );
}

export function SmsOutbox(props: { refreshKey: number }) {
  const [messages, { refetch }] = createResource(
    () => props.refreshKey,
    () => api.sandbox.sms.query(),
  );
  return (
    <>
      <TextFromPhone onSent={() => void refetch()} />
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
    </>
  );
}
