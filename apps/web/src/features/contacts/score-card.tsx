import { createResource, For, Show } from 'solid-js';
import { t } from '../../i18n/i18n.ts';
import { api } from '../../lib/trpc.ts';

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
        <ul class="plain-list">
          <For each={reasons()}>
            {(r) => (
              <li>
                <strong>{r.points > 0 ? `+${r.points}` : r.points}</strong> {r.rule}{' '}
                <span class="muted">{r.detail === 'matches' ? t('contacts.ruleMatches') : r.detail}</span>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </div>
  );
}
