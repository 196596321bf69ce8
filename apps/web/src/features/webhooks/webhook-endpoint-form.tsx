import { createResource, createSignal, For, Show } from 'solid-js';
import { t } from '../../i18n/i18n.ts';
import type { MessageKey } from '../../i18n/en.ts';
import { api, toProblem, type ApiProblem } from '../../lib/trpc.ts';
import { FormField } from '../../ui/form-field.tsx';
import { Notice } from '../../ui/notice.tsx';
import { eventTypeLabel, groupEventTypes } from './webhook-event-groups.ts';

/** A new endpoint: URL, what it is for, and the event types it takes, grouped with an "all" switch per group. */
export function WebhookEndpointForm(props: { onCreated: (secret: string) => void }) {
  const [types] = createResource(() => api.webhooks.eventTypes.query());
  const [sandbox] = createResource(() =>
    api.sandbox.webhookReceiver.query().catch(() => ({ url: null as string | null })),
  );
  const [url, setUrl] = createSignal('');
  const [description, setDescription] = createSignal('');
  const [chosen, setChosen] = createSignal<string[]>([
    'contact.created',
    'contact.updated',
    'consent.changed',
  ]);
  const [problem, setProblem] = createSignal<ApiProblem | null>(null);
  const [busy, setBusy] = createSignal(false);

  const toggle = (list: string[], on: boolean) =>
    setChosen((current) =>
      on ? [...new Set([...current, ...list])] : current.filter((x) => !list.includes(x)),
    );

  async function create(event: SubmitEvent) {
    event.preventDefault();
    setProblem(null);
    setBusy(true);
    try {
      const created = await api.webhooks.create.mutate({
        url: url(),
        description: description(),
        eventTypes: chosen() as never,
      });
      setUrl('');
      setDescription('');
      props.onCreated(created.secret);
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="card stack" data-testid="webhook-form" onSubmit={(e) => void create(e)}>
      <Show when={problem()}>{(p) => <Notice kind="error">{p().message}</Notice>}</Show>
      <div class="row">
        <FormField label={t('webhooks.url')} error={problem()?.fieldErrors.url}>
          <input
            name="webhook-url"
            type="url"
            required
            placeholder="https://crm.example.com/hooks/switchboard"
            value={url()}
            onInput={(e) => setUrl(e.currentTarget.value)}
          />
        </FormField>
        <Show when={sandbox()?.url}>
          {(receiver) => (
            <button
              type="button"
              class="button link"
              data-testid="webhook-use-sandbox"
              onClick={() => {
                setUrl(receiver());
                setDescription(t('webhooks.useSandbox'));
              }}
            >
              {t('webhooks.useSandbox')}
            </button>
          )}
        </Show>
        <FormField label={t('webhooks.description')} error={problem()?.fieldErrors.description}>
          <input
            name="webhook-description"
            value={description()}
            onInput={(e) => setDescription(e.currentTarget.value)}
          />
        </FormField>
      </div>
      <fieldset class="webhook-events">
        <legend>{t('webhooks.events')}</legend>
        <Show when={problem()?.fieldErrors.eventTypes}>
          {(message) => (
            <span class="field-error" role="alert">
              {message()}
            </span>
          )}
        </Show>
        <For each={groupEventTypes(types() ?? [])}>
          {(entry) => {
            const groupName = () => t(`webhooks.group.${entry.group}` as MessageKey);
            return (
              <div class="webhook-event-group" data-group={entry.group}>
                <label class="checkbox strong">
                  <input
                    type="checkbox"
                    checked={entry.types.every((type) => chosen().includes(type))}
                    onChange={(e) => toggle(entry.types, e.currentTarget.checked)}
                  />
                  {entry.types.length > 1 ? t('webhooks.allOf', { group: groupName() }) : groupName()}
                </label>
                <Show when={entry.types.length > 1}>
                  <For each={entry.types}>
                    {(type) => (
                      <label class="checkbox" title={type}>
                        <input
                          type="checkbox"
                          name={`event-${type}`}
                          checked={chosen().includes(type)}
                          onChange={(e) => toggle([type], e.currentTarget.checked)}
                        />
                        {eventTypeLabel(type)}
                      </label>
                    )}
                  </For>
                </Show>
              </div>
            );
          }}
        </For>
      </fieldset>
      <div>
        <button class="button" type="submit" disabled={busy()}>
          {t('webhooks.add')}
        </button>
      </div>
    </form>
  );
}
