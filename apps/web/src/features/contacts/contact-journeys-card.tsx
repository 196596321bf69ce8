import { createResource, createSignal, For, Show } from 'solid-js';
import { A } from '@solidjs/router';
import { formatDate, t } from '../../i18n/i18n.ts';
import type { MessageKey } from '../../i18n/en.ts';
import { api, problemText, toProblem } from '../../lib/trpc.ts';
import { outcomeName } from '../journeys/step-text.ts';
import { InlineError } from '../../ui/inline-error.tsx';
import { NamedOptions } from '../../ui/named-options.tsx';

/**
 * The journeys the contact is in or went through: where each instance is (or ended), what happened at each step,
 * and, for those who manage journeys, enrolling the contact in a live one.
 */
export function ContactJourneysCard(props: { contactId: string; canEnrol: boolean }) {
  const [journeys, { refetch }] = createResource(
    () => props.contactId,
    (contactId) => api.journeys.ofContact.query({ contactId }),
  );
  const [live] = createResource(
    () => props.canEnrol,
    async (can) => (can ? (await api.journeys.list.query()).filter((j) => j.status === 'live') : []),
  );
  const [pick, setPick] = createSignal('');
  const [error, setError] = createSignal('');

  async function enrol(event: SubmitEvent) {
    event.preventDefault();
    setError('');
    try {
      await api.journeys.enrol.mutate({
        journeyId: pick(),
        target: { kind: 'contacts', contactIds: [props.contactId] },
      });
      setTimeout(() => void refetch(), 1500);
    } catch (e) {
      setError(problemText(toProblem(e)));
    }
  }

  return (
    <div class="card" data-testid="contact-journeys">
      <div class="row spread">
        <h2>{t('journeys.title')}</h2>
        <button type="button" class="button secondary" onClick={() => void refetch()}>
          {t('sandbox.refresh')}
        </button>
      </div>
      <Show when={(journeys() ?? []).length > 0} fallback={<p class="muted">{t('journeys.contactNone')}</p>}>
        <ul class="plain-list contact-journeys">
          <For each={journeys()}>
            {(j) => (
              <li data-testid="contact-journey" data-status={j.status} data-step={j.currentStep?.id ?? ''}>
                <div>
                  <A href={`/journeys/${j.journeyId}`}>{j.journeyName}</A>{' '}
                  <span class="muted">v{j.version}</span>{' '}
                  <span class={`badge status-${j.status}`}>
                    {t(`journeys.instance.${j.status}` as MessageKey)}
                  </span>
                  <Show when={j.key}>
                    <span class="muted"> · {j.key}</span>
                  </Show>
                </div>
                <Show when={j.currentStep}>
                  {(step) => (
                    <div class="hint">
                      {t(j.status === 'active' ? 'journeys.atStep' : 'journeys.endedAt', {
                        step: step().label,
                      })}
                    </div>
                  )}
                </Show>
                <details>
                  <summary class="hint">{t('journeys.enteredOn', { date: formatDate(j.enteredAt) })}</summary>
                  <ol class="journey-history">
                    <For each={j.history}>
                      {(h) => (
                        <li>
                          <span>{h.label}</span> · <span>{outcomeName(h.outcome)}</span>{' '}
                          <span class="muted">{formatDate(h.at)}</span>
                        </li>
                      )}
                    </For>
                  </ol>
                </details>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={props.canEnrol && (live() ?? []).length > 0}>
        <form class="row wrap" onSubmit={enrol}>
          <select
            name="enrol-journey"
            aria-label={t('journeys.enrolIn')}
            value={pick()}
            onChange={(e) => setPick(e.currentTarget.value)}
          >
            <option value="" disabled>
              {t('journeys.enrolIn')}
            </option>
            <NamedOptions items={live()} />
          </select>
          <button type="submit" class="button secondary" disabled={!pick()}>
            {t('journeys.enrolNow')}
          </button>
        </form>
        <InlineError message={error()} />
      </Show>
    </div>
  );
}
