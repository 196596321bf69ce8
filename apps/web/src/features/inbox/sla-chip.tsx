import { createSignal, onCleanup, Show } from 'solid-js';
import { t } from '../../i18n/i18n.ts';
import type { MessageKey } from '../../i18n/en.ts';
import type { ConversationSummary } from './inbox-types.ts';

const [now, setNow] = createSignal(Date.now());
let clock: ReturnType<typeof setInterval> | undefined;
let users = 0;

/** "in 12 min", "in 3 h", "in 2 d" (or "12 min ago" when past). */
export function relativeMinutes(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const amount =
    minutes < 90
      ? t('inbox.sla.minutes', { n: minutes })
      : minutes < 48 * 60
        ? t('inbox.sla.hours', { n: Math.round(minutes / 60) })
        : t('inbox.sla.days', { n: Math.round(minutes / 1440) });
  return ms >= 0 ? t('inbox.sla.in', { amount }) : t('inbox.sla.ago', { amount });
}

/** The conversation's service-level state: missed (red), near (amber, after the warning) or due (grey). */
export function SlaChip(props: { sla: ConversationSummary['sla'] }) {
  // One shared clock for every chip on the screen, ticking while any is shown.
  if (users++ === 0) clock = setInterval(() => setNow(Date.now()), 30_000);
  onCleanup(() => {
    if (--users === 0) clearInterval(clock);
  });
  return (
    <Show when={props.sla}>
      {(sla) => (
        <span
          class="sla-chip"
          classList={{ breached: sla().breachedAt !== null, warned: sla().warned && !sla().breachedAt }}
          data-testid="sla"
          title={t(`inbox.sla.kind.${sla().kind}` as MessageKey)}
        >
          {sla().breachedAt
            ? t('inbox.sla.breached', { kind: t(`inbox.sla.kind.${sla().kind}` as MessageKey) })
            : t('inbox.sla.due', {
                kind: t(`inbox.sla.kind.${sla().kind}` as MessageKey),
                when: relativeMinutes(Date.parse(sla().dueAt) - now()),
              })}
        </span>
      )}
    </Show>
  );
}
