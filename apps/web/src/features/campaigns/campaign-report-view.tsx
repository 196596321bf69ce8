import { createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import { useNavigate } from '@solidjs/router';
import { formatDate, t } from '../../i18n/i18n.ts';
import { api, problemText, toProblem } from '../../lib/trpc.ts';
import { ProgressBar } from '../imports/progress-bar.tsx';
import { Notice } from '../../ui/notice.tsx';
import { BarChart } from './bar-chart.tsx';
import { percent } from './format.ts';
import { FailedRecipients } from './failed-recipients.tsx';
import { AbResults } from './ab-results.tsx';
import { ClickMapView } from '../reports/click-map-view.tsx';
import { may } from '../auth/permissions.ts';

const ACTIVE = ['scheduled', 'sending', 'testing', 'paused'];

/** A sent (or sending) campaign: live progress and controls, the numbers, the A/B decision, links and failures. */
export function CampaignReportView(props: { id: string }) {
  const navigate = useNavigate();
  const [campaign, { refetch: refetchCampaign }] = createResource(
    () => props.id,
    (id) => api.campaigns.get.query({ id }),
  );
  const [report, { refetch: refetchReport }] = createResource(
    () => props.id,
    (id) => api.campaigns.report.query({ id }),
  );
  const [problem, setProblem] = createSignal<string | null>(null);
  const canSend = () => may('campaigns.send');
  const canReadReports = () => may('reports.read');
  const active = () => ACTIVE.includes(campaign()?.status ?? '');
  const refresh = () => {
    void refetchCampaign();
    void refetchReport();
  };
  // Live while it sends; a finished campaign still gets opens and clicks, so keep refreshing slowly.
  const timer = setInterval(() => document.visibilityState === 'visible' && refresh(), 3000);
  onCleanup(() => clearInterval(timer));

  const act = async (work: () => Promise<unknown>) => {
    setProblem(null);
    try {
      await work();
      refresh();
    } catch (error) {
      setProblem(problemText(toProblem(error)));
    }
  };
  // Counted by the server, one per recipient with an outcome (a bounced message was sent too: never twice).
  const processed = () => report()?.counts.processed ?? 0;

  return (
    <Show when={campaign()} fallback={<p class="muted">{t('common.loading')}</p>}>
      {(c) => (
        <div class="stack" data-testid="campaign-report">
          <div class="row">
            <span class={`badge status-${c().status}`} data-testid="campaign-status">
              {t(`campaigns.status.${c().status}`)}
            </span>
            <span class="muted">
              {c().scheduledAt && c().status === 'scheduled'
                ? t('campaigns.scheduledFor', { at: formatDate(c().scheduledAt) })
                : t('campaigns.startedAt', { at: formatDate(c().startedAt) })}
            </span>
            <div class="grow" />
            <Show when={canSend() && active()}>
              <Show
                when={!c().recurrence}
                fallback={<span class="badge">{t('campaigns.repeats', { cron: c().recurrence ?? '' })}</span>}
              >
                <Show
                  when={c().status === 'paused'}
                  fallback={
                    <button
                      type="button"
                      class="button secondary"
                      data-testid="pause-campaign"
                      onClick={() =>
                        void act(() => api.campaigns.control.mutate({ id: props.id, action: 'pause' }))
                      }
                    >
                      {t('campaigns.pause')}
                    </button>
                  }
                >
                  <button
                    type="button"
                    class="button secondary"
                    data-testid="resume-campaign"
                    onClick={() =>
                      void act(() => api.campaigns.control.mutate({ id: props.id, action: 'resume' }))
                    }
                  >
                    {t('campaigns.resume')}
                  </button>
                </Show>
              </Show>
              <button
                type="button"
                class="button danger"
                onClick={() =>
                  confirm(t('campaigns.cancelConfirm')) &&
                  void act(() => api.campaigns.control.mutate({ id: props.id, action: 'cancel' }))
                }
              >
                {t('campaigns.cancel')}
              </button>
            </Show>
            <Show when={canSend()}>
              <button
                type="button"
                class="button secondary"
                onClick={() =>
                  void act(async () =>
                    navigate(`/campaigns/${(await api.campaigns.duplicate.mutate({ id: props.id })).id}`),
                  )
                }
              >
                {t('campaigns.duplicate')}
              </button>
            </Show>
            <a class="button secondary" href={`/exports/campaigns/${props.id}.csv`} download="">
              {t('campaigns.exportCsv')}
            </a>
          </div>
          <Show when={problem()}>{(text) => <Notice kind="error">{text()}</Notice>}</Show>
          <Show when={c().error}>{(text) => <Notice kind="error">{text()}</Notice>}</Show>
          <Show when={report()}>
            {(r) => (
              <>
                <Show when={(c().audienceSize ?? 0) > 0}>
                  <ProgressBar
                    share={Math.min(1, processed() / (c().audienceSize ?? 1))}
                    label={t('campaigns.progress', {
                      done: processed().toLocaleString(),
                      total: (c().audienceSize ?? 0).toLocaleString(),
                    })}
                    testId="campaign-progress"
                  />
                </Show>
                <div class="card stats" data-testid="campaign-stats">
                  <For
                    each={
                      [
                        ['sent', r().counts.sent, null],
                        ['delivered', r().counts.delivered, r().rates.delivery],
                        ['opened', r().counts.humanOpens, r().rates.open],
                        ['machineOpens', r().counts.machineOpens, null],
                        ['clicked', r().counts.clicks, r().rates.click],
                        ['replied', r().counts.replied, null],
                        ['bounced', r().counts.bounced, r().rates.bounce],
                        ['unsubscribed', r().counts.unsubscribed, r().rates.unsubscribe],
                        ['complained', r().counts.complained, null],
                        ['suppressed', r().counts.suppressed, null],
                      ] as const
                    }
                  >
                    {([key, value, rate]) => (
                      <div class="stat" data-testid={`stat-${key}`}>
                        <span class="stat-value">{value.toLocaleString()}</span>
                        <span class="stat-label">
                          {t(`campaigns.stat.${key}`)}
                          {rate !== null ? ` · ${percent(rate)}` : ''}
                        </span>
                      </div>
                    )}
                  </For>
                </div>
                <Show when={c().abTest}>
                  <AbResults
                    campaign={c()}
                    variants={r().variants}
                    sampleSizeHint={r().sampleSizeHint}
                    canChoose={canSend() && c().status === 'testing' && !c().winner}
                    onChoose={(variant) =>
                      void act(() => api.campaigns.chooseWinner.mutate({ id: props.id, variant }))
                    }
                  />
                </Show>
                <Show when={r().timeline.length > 0}>
                  <div class="card">
                    <h2>{t('campaigns.overTime')}</h2>
                    <BarChart
                      buckets={r().timeline}
                      label={t('campaigns.overTime')}
                      series={[
                        { key: 'sent', label: t('campaigns.stat.sent'), colour: '#94a3b8' },
                        { key: 'opened', label: t('campaigns.stat.opened'), colour: '#4f46e5' },
                        { key: 'clicked', label: t('campaigns.stat.clicked'), colour: '#16a34a' },
                      ]}
                    />
                  </div>
                </Show>
                <Show when={r().links.length > 0}>
                  <div class="card">
                    <h2>{t('campaigns.links')}</h2>
                    <table class="table" data-testid="campaign-links">
                      <thead>
                        <tr>
                          <th>{t('campaigns.link')}</th>
                          <th>{t('campaigns.clicks')}</th>
                          <th>{t('campaigns.uniqueClicks')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        <For each={r().links}>
                          {(link) => (
                            <tr>
                              <td class="dns-value">{link.url}</td>
                              <td>{link.clicks}</td>
                              <td>{link.uniqueClicks}</td>
                            </tr>
                          )}
                        </For>
                      </tbody>
                    </table>
                  </div>
                </Show>
                <Show when={canReadReports() && r().links.length > 0}>
                  <ClickMapView source={{ campaignId: props.id }} />
                </Show>
                <FailedRecipients id={props.id} canRetry={canSend()} onRetried={refresh} />
              </>
            )}
          </Show>
        </div>
      )}
    </Show>
  );
}
