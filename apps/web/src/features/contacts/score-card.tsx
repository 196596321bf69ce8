import { createResource, For, Show } from 'solid-js';
import { t } from '../../i18n/i18n.ts';
import { api } from '../../lib/trpc.ts';

type Reason = NonNullable<Awaited<ReturnType<typeof api.scoring.reasons.query>>>[number];

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** The arithmetic behind a line, so the lines visibly add up: occurrences × points, then what fading left. */
function howComputed(reason: Reason): string {
  switch (reason.kind) {
    case 'event': {
      const raw = t('score.occurrences', {
        times: reason.times,
        event: reason.eventName,
        each: signed(reason.each),
        total: signed(reason.times * reason.each),
      });
      return reason.halfLifeDays === null
        ? raw
        : `${raw}; ${t('score.fading', { days: reason.halfLifeDays, now: signed(reason.points) })}`;
    }
    case 'journey':
      return t('score.journeyChanges', { times: reason.times });
    case 'condition':
      return t('contacts.ruleMatches');
  }
}

/** The lead score and which rules make it up, so sales can see why a contact was handed to them. */
export function ScoreCard(props: { contactId: string; score: number }) {
  const [reasons] = createResource(
    () => [props.contactId, props.score] as const,
    ([contactId]) => api.scoring.reasons.query({ contactId }),
  );
  return (
    <div class="card" data-testid="score-card">
      <h2>
        {t('contacts.leadScore')}: <span data-testid="lead-score">{props.score}</span>
      </h2>
      <Show
        when={(reasons() ?? []).length > 0}
        fallback={<p class="muted">{t('contacts.noScoreReasons')}</p>}
      >
        <ul class="plain-list score-reasons">
          <For each={reasons()}>
            {(r) => (
              <li data-kind={r.kind}>
                <strong>{signed(r.points)}</strong> {r.kind === 'journey' ? t('score.journeySteps') : r.rule}{' '}
                <span class="muted">{howComputed(r)}</span>
              </li>
            )}
          </For>
          <li class="score-total" data-testid="score-total">
            <strong>= {props.score}</strong> {t('score.total')}
          </li>
        </ul>
      </Show>
    </div>
  );
}
