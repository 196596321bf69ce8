import { createResource, createSignal, For, Show } from 'solid-js';
import { formatDate, t } from '../../i18n/i18n.ts';
import { api, toProblem, type ApiProblem, problemText } from '../../lib/trpc.ts';
import { FormField } from '../../ui/form-field.tsx';
import { Notice } from '../../ui/notice.tsx';
import { may } from '../../features/auth/permissions.ts';

type Policy = Awaited<ReturnType<typeof api.channels.policy.query>>;
type Domain = Awaited<ReturnType<typeof api.channels.domains.query>>[number];
const CHANNELS = ['email', 'sms', 'wechat'] as const;

function PolicyForm(props: { policy: Policy; canEdit: boolean }) {
  const [draft, setDraft] = createSignal<Policy>(structuredClone(props.policy));
  const [problem, setProblem] = createSignal<ApiProblem | null>(null);
  const [saved, setSaved] = createSignal(false);
  const update = (change: Partial<Policy>) => setDraft((d) => ({ ...d, ...change }));
  const num = (value: string) => (value === '' ? 0 : Number(value));

  async function save(e: SubmitEvent) {
    e.preventDefault();
    setProblem(null);
    setSaved(false);
    try {
      setDraft(await api.channels.savePolicy.mutate(draft()));
      setSaved(true);
    } catch (error) {
      setProblem(toProblem(error));
    }
  }

  return (
    <form class="card stack" data-testid="policy-form" onSubmit={(e) => void save(e)}>
      <h2>{t('sending.policyTitle')}</h2>
      <p class="muted">{t('sending.policyIntro')}</p>
      <Show when={!props.canEdit}>
        <Notice kind="info">{t('sending.readOnly')}</Notice>
      </Show>
      <fieldset class="stack" disabled={!props.canEdit}>
        <div class="row">
          <FormField label={t('sending.capCount')}>
            <input
              type="number"
              min="0"
              max="100"
              value={draft().frequencyCap.count}
              onInput={(e) =>
                update({ frequencyCap: { ...draft().frequencyCap, count: num(e.currentTarget.value) } })
              }
            />
          </FormField>
          <FormField label={t('sending.capDays')}>
            <input
              type="number"
              min="1"
              max="90"
              value={draft().frequencyCap.days}
              onInput={(e) =>
                update({ frequencyCap: { ...draft().frequencyCap, days: num(e.currentTarget.value) } })
              }
            />
          </FormField>
        </div>
        <small class="muted">{t('sending.capHint')}</small>
        <div class="row">
          <FormField label={t('sending.quietStart')}>
            <input
              type="time"
              value={draft().quietHours.start}
              onInput={(e) => update({ quietHours: { ...draft().quietHours, start: e.currentTarget.value } })}
            />
          </FormField>
          <FormField label={t('sending.quietEnd')}>
            <input
              type="time"
              value={draft().quietHours.end}
              onInput={(e) => update({ quietHours: { ...draft().quietHours, end: e.currentTarget.value } })}
            />
          </FormField>
          <FormField label={t('sending.timezone')}>
            <input
              value={draft().defaultTimezone}
              onInput={(e) => update({ defaultTimezone: e.currentTarget.value })}
            />
          </FormField>
        </div>
        <fieldset class="scopes">
          <legend>{t('sending.optIn')}</legend>
          <For each={CHANNELS}>
            {(channel) => (
              <label>
                <input
                  type="checkbox"
                  checked={draft().optInChannels.includes(channel)}
                  onChange={(e) =>
                    update({
                      optInChannels: e.currentTarget.checked
                        ? [...draft().optInChannels, channel]
                        : draft().optInChannels.filter((c) => c !== channel),
                    })
                  }
                />{' '}
                {t(`messages.channel.${channel}`)}
              </label>
            )}
          </For>
        </fieldset>
        <div class="row">
          <FormField label={t('sending.softBounces')}>
            <input
              type="number"
              min="1"
              max="20"
              value={draft().softBounceThreshold}
              onInput={(e) => update({ softBounceThreshold: num(e.currentTarget.value) })}
            />
          </FormField>
          <FormField label={t('sending.price')}>
            <input
              type="number"
              step="0.0001"
              min="0"
              value={draft().smsPricePerSegment}
              onInput={(e) => update({ smsPricePerSegment: num(e.currentTarget.value) })}
            />
          </FormField>
          <FormField label={t('sending.emailPrice')}>
            <input
              type="number"
              step="0.01"
              min="0"
              value={draft().emailPricePerThousand}
              onInput={(e) => update({ emailPricePerThousand: num(e.currentTarget.value) })}
            />
          </FormField>
          <FormField label={t('sending.wechatPrice')}>
            <input
              type="number"
              step="0.0001"
              min="0"
              value={draft().wechatPricePerMessage}
              onInput={(e) => update({ wechatPricePerMessage: num(e.currentTarget.value) })}
            />
          </FormField>
          <FormField label={t('sending.currency')}>
            <input
              maxLength={3}
              value={draft().smsCurrency}
              onInput={(e) => update({ smsCurrency: e.currentTarget.value.toUpperCase() })}
            />
          </FormField>
        </div>
        <FormField label={t('sending.helpText')}>
          <textarea
            rows="2"
            value={draft().smsHelpText ?? ''}
            onInput={(e) => update({ smsHelpText: e.currentTarget.value || null })}
          />
        </FormField>
        <Show when={problem()}>{(p) => <Notice kind="error">{problemText(p())}</Notice>}</Show>
        <Show when={saved()}>
          <Notice kind="success">{t('sending.saved')}</Notice>
        </Show>
        <Show when={props.canEdit}>
          <button class="button" type="submit" data-testid="policy-save">
            {t('sending.save')}
          </button>
        </Show>
      </fieldset>
    </form>
  );
}

function RecordValue(props: { value: string }) {
  const [copied, setCopied] = createSignal(false);
  return (
    <div class="dns-value">
      <code>{props.value}</code>
      <button
        type="button"
        class="button link"
        // The clipboard API is missing or refused on plain-HTTP hosts; the value stays selectable by hand.
        onClick={() =>
          void navigator.clipboard?.writeText(props.value).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
      >
        {copied() ? t('sending.copied') : t('sending.copy')}
      </button>
    </div>
  );
}

function DomainCard(props: { domain: Domain; canEdit: boolean; onChange: () => void }) {
  const [problem, setProblem] = createSignal<ApiProblem | null>(null);
  const [busy, setBusy] = createSignal(false);
  async function run(action: () => Promise<unknown>) {
    setProblem(null);
    setBusy(true);
    try {
      await action();
      props.onChange();
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  }
  return (
    <div class="card stack" data-testid="domain-card">
      <div class="row">
        <h3>{props.domain.domain}</h3>
        <span class={props.domain.verified ? 'badge success' : 'badge'}>
          {props.domain.verified ? t('sending.verified') : t('sending.notVerified')}
        </span>
        <Show when={props.domain.warmupStartedAt}>
          <small class="muted">
            {t('sending.warmup', { date: formatDate(props.domain.warmupStartedAt) })}
          </small>
        </Show>
      </div>
      <table class="table dns-records">
        <thead>
          <tr>
            <th>{t('sending.type')}</th>
            <th>{t('sending.name')}</th>
            <th>{t('sending.value')}</th>
            <th>{t('sending.status')}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.domain.records}>
            {(record) => (
              <tr>
                <td>
                  {record.type} <small class="muted">{record.kind.toUpperCase()}</small>
                </td>
                <td>
                  <code>{record.name}</code>
                </td>
                <td>
                  <RecordValue value={record.value} />
                </td>
                <td>
                  {record.ok === null ? (
                    <span class="muted">— {t('sending.unchecked')}</span>
                  ) : record.ok ? (
                    <span class="badge success">✓</span>
                  ) : (
                    <span>
                      <span class="badge danger">✗</span> <small>{record.problem}</small>
                    </span>
                  )}
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <Show when={problem()}>{(p) => <Notice kind="error">{problemText(p())}</Notice>}</Show>
      <Show when={props.canEdit}>
        <div class="row">
          <button
            type="button"
            class="button secondary"
            data-testid="domain-verify"
            disabled={busy()}
            onClick={() => void run(() => api.channels.verifyDomain.mutate({ id: props.domain.id }))}
          >
            {t('sending.check')}
          </button>
          <button
            type="button"
            class="button link"
            disabled={busy()}
            onClick={() => void run(() => api.channels.removeDomain.mutate({ id: props.domain.id }))}
          >
            {t('sending.remove')}
          </button>
        </div>
      </Show>
    </div>
  );
}

/** Settings → Sending: the rules every message passes, and the domains mail is sent and signed from. */
export default function SendingPage() {
  const [policy] = createResource(() => api.channels.policy.query());
  const [domains, { refetch }] = createResource(() => api.channels.domains.query());
  const [domain, setDomain] = createSignal('');
  const [problem, setProblem] = createSignal<ApiProblem | null>(null);
  const canEdit = () => may('channels.configure');

  async function add(e: SubmitEvent) {
    e.preventDefault();
    setProblem(null);
    try {
      await api.channels.addDomain.mutate({ domain: domain() });
      setDomain('');
      await refetch();
    } catch (error) {
      setProblem(toProblem(error));
    }
  }

  return (
    <div class="stack" data-testid="sending-page">
      <Show when={policy()}>{(p) => <PolicyForm policy={p()} canEdit={canEdit()} />}</Show>
      <h2>{t('sending.domainsTitle')}</h2>
      <p class="muted">{t('sending.domainsIntro')}</p>
      <Show when={canEdit()}>
        <form class="card inline-form" onSubmit={(e) => void add(e)}>
          <Show when={problem()}>{(p) => <Notice kind="error">{problemText(p())}</Notice>}</Show>
          <div class="row">
            <FormField label={t('sending.domain')}>
              <input
                data-testid="domain-input"
                placeholder="mail.example.com"
                required
                value={domain()}
                onInput={(e) => setDomain(e.currentTarget.value)}
              />
            </FormField>
            <button class="button" type="submit" data-testid="domain-add">
              {t('sending.addDomain')}
            </button>
          </div>
        </form>
      </Show>
      <For each={domains()} fallback={<p class="muted">{t('sending.noDomains')}</p>}>
        {(d) => <DomainCard domain={d} canEdit={canEdit()} onChange={() => void refetch()} />}
      </For>
    </div>
  );
}
