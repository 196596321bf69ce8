import { createSignal, For, onMount } from 'solid-js';
import type { JourneyChange } from '@switchboard/journeys';
import { t } from '../../i18n/i18n.ts';
import { api, problemText, toProblem } from '../../lib/trpc.ts';
import { InlineError } from '../../ui/inline-error.tsx';
import { changeText } from './step-text.ts';

/** Publishing asks once, showing what changes from the live version; contacts inside stay on their version. */
export function PublishDialog(props: {
  journeyId: string;
  changes: JourneyChange[];
  nextVersion: number;
  onDone: () => void;
  onCancel: () => void;
}) {
  let dialog: HTMLDialogElement | undefined;
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal('');
  onMount(() => dialog?.showModal());

  async function publish() {
    setBusy(true);
    setError('');
    try {
      await api.journeys.publish.mutate({ id: props.journeyId });
      dialog?.close();
      props.onDone();
    } catch (e) {
      setError(problemText(toProblem(e)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <dialog
      ref={(el) => (dialog = el)}
      class="card journey-publish"
      data-testid="publish-dialog"
      onCancel={() => props.onCancel()}
    >
      <h2>{t('journeys.publishTitle', { version: props.nextVersion })}</h2>
      <ul data-testid="publish-changes">
        <For each={props.changes}>{(change) => <li>{changeText(change)}</li>}</For>
      </ul>
      <p class="hint">{t('journeys.publishHint')}</p>
      <InlineError message={error()} />
      <div class="row">
        <button
          type="button"
          class="button"
          disabled={busy()}
          onClick={() => void publish()}
          data-testid="confirm-publish"
        >
          {t('journeys.publishVersion', { version: props.nextVersion })}
        </button>
        <button
          type="button"
          class="button secondary"
          onClick={() => {
            dialog?.close();
            props.onCancel();
          }}
        >
          {t('common.cancel')}
        </button>
      </div>
    </dialog>
  );
}
