import { For, Show } from 'solid-js';
import { t } from '../../i18n/i18n.ts';

export interface Finding {
  level: 'block' | 'warn';
  code: string;
  message: string;
}

/** Pre-send checks: what stops publishing first, then what only warns. */
export function CheckFindings(props: { findings: Finding[] }) {
  const sorted = () =>
    [...props.findings].sort((a, b) => (a.level === b.level ? 0 : a.level === 'block' ? -1 : 1));
  return (
    <div class="findings" data-testid="check-findings">
      <Show
        when={props.findings.length > 0}
        fallback={<p class="notice notice-success">{t('templates.checksPass')}</p>}
      >
        <ul class="plain-list">
          <For each={sorted()}>
            {(finding) => (
              <li classList={{ finding: true, blocking: finding.level === 'block' }} data-code={finding.code}>
                <strong>
                  {finding.level === 'block' ? t('templates.blocking') : t('templates.warning')}
                </strong>{' '}
                {finding.message}
              </li>
            )}
          </For>
        </ul>
      </Show>
    </div>
  );
}
