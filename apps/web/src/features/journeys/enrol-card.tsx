import { createSignal } from 'solid-js';
import { t } from '../../i18n/i18n.ts';
import { api, problemText, toProblem } from '../../lib/trpc.ts';
import { InlineError } from '../../ui/inline-error.tsx';
import { NamedOptions } from '../../ui/named-options.tsx';

/** Enrols everyone in a segment or static list now; the journey's entry rules decide who actually enters. */
export function EnrolCard(props: { journeyId: string; segments: { id: string; name: string }[] }) {
  const [segmentId, setSegmentId] = createSignal('');
  const [result, setResult] = createSignal('');
  const [error, setError] = createSignal('');
  const [busy, setBusy] = createSignal(false);

  async function enrol(event: SubmitEvent) {
    event.preventDefault();
    setError('');
    setResult('');
    setBusy(true);
    try {
      const done = await api.journeys.enrol.mutate({
        journeyId: props.journeyId,
        target: { kind: 'segment', segmentId: segmentId() },
      });
      setResult(t('journeys.enrolled', { enrolled: done.enrolled, requested: done.requested }));
    } catch (e) {
      setError(problemText(toProblem(e)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="card journey-panel" onSubmit={enrol} data-testid="journey-enrol">
      <h2>{t('journeys.enrolTitle')}</h2>
      <p class="hint">{t('journeys.enrolHint')}</p>
      <select name="enrol-segment" value={segmentId()} onChange={(e) => setSegmentId(e.currentTarget.value)}>
        <option value="" disabled>
          {t('journeys.chooseSegment')}
        </option>
        <NamedOptions items={props.segments} />
      </select>
      <button class="button" type="submit" disabled={busy() || !segmentId()}>
        {t('journeys.enrolNow')}
      </button>
      <p class="muted" role="status">
        {result()}
      </p>
      <InlineError message={error()} />
    </form>
  );
}
