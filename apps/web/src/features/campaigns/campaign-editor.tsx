import { createResource, createSignal, For, Show } from 'solid-js';
import { useNavigate } from '@solidjs/router';
import { t } from '../../i18n/i18n.ts';
import { api, problemText, toProblem } from '../../lib/trpc.ts';
import { Notice } from '../../ui/notice.tsx';
import { may } from '../auth/permissions.ts';
import { emptyForm, emptyVariant, toCampaignInput, type CampaignForm } from './campaign-form-model.ts';
import { ScheduleEditor } from './schedule-editor.tsx';
import { VariantsEditor } from './variants-editor.tsx';

/** A new campaign or a draft: audience, channel, template and test, schedule; save it, then send or schedule it. */
export function CampaignEditor(props: { id: string | null; initial: CampaignForm | null }) {
  const navigate = useNavigate();
  const [form, setForm] = createSignal<CampaignForm>(props.initial ?? emptyForm());
  const [problem, setProblem] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  // Saved before the confirmation, so a second save updates this draft instead of creating another.
  const [savedId, setSavedId] = createSignal<string | null>(props.id);
  const [confirming, setConfirming] = createSignal<{ id: string; audience: number; segment: string } | null>(
    null,
  );
  const update = (patch: Partial<CampaignForm>) => setForm({ ...form(), ...patch });
  const [segments] = createResource(() => api.segments.list.query());
  const [templates] = createResource(
    () => form().channel,
    (channel) => api.templates.list.query({ channel }),
  );

  async function save(): Promise<string> {
    const input = toCampaignInput(form());
    const id = savedId();
    if (id) {
      await api.campaigns.update.mutate({ id, campaign: input });
      return id;
    }
    const created = await api.campaigns.create.mutate(input);
    setSavedId(created.id);
    return created.id;
  }
  async function attempt(work: () => Promise<void>) {
    setBusy(true);
    setProblem(null);
    try {
      await work();
    } catch (error) {
      setProblem(problemText(toProblem(error)));
    } finally {
      setBusy(false);
    }
  }
  /** Saving checks everything the server checks; then the marketer sees whom it reaches before it goes. */
  const review = () =>
    attempt(async () => {
      const id = await save();
      const segment = (segments() ?? []).find((s) => s.id === form().segmentId);
      const { count } = await api.campaigns.audienceSize.query({
        segmentId: form().segmentId,
        channel: form().channel,
      });
      setConfirming({ id, audience: count, segment: segment?.name ?? '' });
    });
  const send = () =>
    attempt(async () => {
      const id = confirming()!.id;
      await api.campaigns.send.mutate({ id });
      setConfirming(null);
      navigate(`/campaigns/${id}`, { replace: true });
    });
  const saveDraft = () =>
    attempt(async () => {
      const id = await save();
      navigate(`/campaigns/${id}`, { replace: true });
    });
  const channelName = () => t(`messages.channel.${form().channel}`);
  const sendLabel = () =>
    form().scheduleMode === 'now' ? t('campaigns.sendNow') : t('campaigns.scheduleIt');

  return (
    <div class="stack" data-testid="campaign-editor">
      <div class="card row">
        <label class="field grow">
          <span class="field-label">{t('campaigns.name')}</span>
          <input
            value={form().name}
            data-testid="campaign-name"
            onInput={(e) => update({ name: e.currentTarget.value })}
          />
        </label>
        <label class="field">
          <span class="field-label">{t('templates.channel')}</span>
          <select
            value={form().channel}
            data-testid="campaign-channel"
            onChange={(e) =>
              update({
                channel: e.currentTarget.value as CampaignForm['channel'],
                variants: [emptyVariant('A')],
                abEnabled: false,
              })
            }
          >
            <option value="email">{t('messages.channel.email')}</option>
            <option value="sms">{t('messages.channel.sms')}</option>
            <option value="wechat">{t('messages.channel.wechat')}</option>
          </select>
        </label>
        <label class="field grow">
          <span class="field-label">{t('campaigns.segment')}</span>
          <select
            value={form().segmentId}
            data-testid="campaign-segment"
            onChange={(e) => update({ segmentId: e.currentTarget.value })}
          >
            <option value="">{t('campaigns.chooseSegment')}</option>
            <For each={segments() ?? []}>
              {(s) => (
                <option value={s.id}>
                  {s.name} ({s.memberCount.toLocaleString()})
                </option>
              )}
            </For>
          </select>
        </label>
        <label class="field">
          <span class="field-label">{t('campaigns.topic')}</span>
          <input
            value={form().topic}
            placeholder={t('campaigns.topicHint')}
            onInput={(e) => update({ topic: e.currentTarget.value })}
          />
        </label>
      </div>
      <VariantsEditor form={form()} templates={templates() ?? []} update={update} />
      <ScheduleEditor form={form()} update={update} />
      <Show when={problem()}>{(text) => <Notice kind="error">{text()}</Notice>}</Show>
      <Show when={may('campaigns.send')} fallback={<Notice kind="info">{t('campaigns.sendersOnly')}</Notice>}>
        <div class="row">
          <button
            type="button"
            class="button secondary"
            disabled={busy()}
            onClick={() => void saveDraft()}
            data-testid="save-campaign"
          >
            {t('campaigns.saveDraft')}
          </button>
          <button
            type="button"
            class="button"
            disabled={busy() || confirming() !== null}
            onClick={() => void review()}
            data-testid="send-campaign"
          >
            {sendLabel()}
          </button>
        </div>
      </Show>
      <Show when={confirming()}>
        {(c) => (
          <div
            class="card stack confirm-send"
            role="alertdialog"
            aria-live="polite"
            data-testid="send-confirmation"
          >
            <p>
              {t(form().scheduleMode === 'now' ? 'campaigns.confirmSendNow' : 'campaigns.confirmSchedule', {
                name: form().name,
                channel: channelName(),
                count: c().audience.toLocaleString(),
                segment: c().segment,
              })}
            </p>
            <div class="row">
              <button
                type="button"
                class="button"
                disabled={busy()}
                onClick={() => void send()}
                data-testid="confirm-send"
              >
                {form().scheduleMode === 'now'
                  ? t('campaigns.confirmSendButton', { count: c().audience.toLocaleString() })
                  : t('campaigns.scheduleIt')}
              </button>
              <button
                type="button"
                class="button secondary"
                disabled={busy()}
                onClick={() => setConfirming(null)}
                data-testid="cancel-send"
              >
                {t('campaigns.keepEditing')}
              </button>
            </div>
          </div>
        )}
      </Show>
    </div>
  );
}
