import { createResource, For, onCleanup, Show } from 'solid-js';
import { t } from '../../i18n/i18n.ts';
import { api } from '../../lib/trpc.ts';
import { Notice } from '../../ui/notice.tsx';
import { ProgressBar } from './progress-bar.tsx';

type ImportState = Awaited<ReturnType<typeof api.imports.get.query>>;

/** Follows one import: a live progress bar while it runs, then the counts and the rejected rows with their report. */
export function ImportStatus(props: { id: string; onFinished?: () => void }) {
  const [state, { refetch }] = createResource(
    () => props.id,
    (id) => api.imports.get.query({ id }),
  );
  const finished = (s: ImportState | undefined) => s?.status === 'completed' || s?.status === 'failed';
  const timer = setInterval(() => {
    if (finished(state.latest)) {
      clearInterval(timer);
      props.onFinished?.();
    } else void refetch();
  }, 400);
  onCleanup(() => clearInterval(timer));

  return (
    <Show when={state.latest}>
      {(s) => (
        <div class="card stack" data-testid="import-status" data-status={s().status}>
          <h2>{s().fileName}</h2>
          <ProgressBar
            testId="import-progress"
            share={s().progress}
            label={t('imports.rowsProgress', {
              done: s().processedRows.toLocaleString(),
              total: s().totalRows.toLocaleString(),
            })}
          />
          <div class="stats">
            <Stat label={t('imports.created')} value={s().counts.created} testId="import-created" />
            <Stat label={t('imports.updated')} value={s().counts.updated} testId="import-updated" />
            <Stat label={t('imports.duplicates')} value={s().counts.duplicates} testId="import-duplicates" />
            <Stat label={t('imports.rejected')} value={s().counts.rejected} testId="import-rejected" />
          </div>
          <Show when={s().status === 'completed'}>
            <Notice kind="success">{t('imports.completed')}</Notice>
          </Show>
          <Show when={s().status === 'failed'}>
            <Notice kind="error">{s().error ?? t('imports.failed')}</Notice>
          </Show>
          <Show when={s().rejectedRows.length > 0}>
            <h3>{t('imports.rejectedRows')}</h3>
            <table class="table" data-testid="rejected-rows">
              <thead>
                <tr>
                  <th>{t('imports.row')}</th>
                  <th>{t('imports.reason')}</th>
                </tr>
              </thead>
              <tbody>
                <For each={s().rejectedRows}>
                  {(r) => (
                    <tr>
                      <td>{r.row}</td>
                      <td>{r.reason}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
            <a class="button secondary" href={`/app/imports/${s().id}/rejected.csv`} download="">
              {t('imports.downloadRejected')}
            </a>
          </Show>
        </div>
      )}
    </Show>
  );
}

function Stat(props: { label: string; value: number; testId: string }) {
  return (
    <div class="stat">
      <span class="stat-value" data-testid={props.testId}>
        {props.value.toLocaleString()}
      </span>
      <span class="stat-label">{props.label}</span>
    </div>
  );
}
