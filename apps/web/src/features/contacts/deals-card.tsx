import { createResource, createSignal, For, Show } from 'solid-js';
import { formatDate, t } from '../../i18n/i18n.ts';
import { InlineError } from '../../ui/inline-error.tsx';
import { api, toProblem, problemText } from '../../lib/trpc.ts';
import type { MessageKey } from '../../i18n/en.ts';

const STAGES = ['qualification', 'proposal', 'negotiation', 'won', 'lost'] as const;
type DealStage = (typeof STAGES)[number];
const stageName = (s: DealStage) => t(`crm.stage.${s}` as MessageKey);

/** The contact's deals: value, stage (changeable in place), dates; new deals link to this contact. */
export function DealsCard(props: { contactId: string; canEdit: boolean; onChange?: () => void }) {
  const [deals, { refetch }] = createResource(
    () => props.contactId,
    (contactId) => api.crm.deals.query({ contactId }),
  );
  const [name, setName] = createSignal('');
  const [amount, setAmount] = createSignal('');
  const [currency, setCurrency] = createSignal('EUR');
  const [expected, setExpected] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);

  type Deal = NonNullable<ReturnType<typeof deals>>[number];
  async function save(deal: Omit<Deal, 'id' | 'createdAt' | 'updatedAt'>, id?: string) {
    setError(null);
    try {
      await api.crm.saveDeal.mutate({ ...(id ? { id } : {}), deal });
      await refetch();
      props.onChange?.();
      return true;
    } catch (e) {
      const problem = toProblem(e);
      setError(problemText(problem));
      return false;
    }
  }

  async function add(e: SubmitEvent) {
    e.preventDefault();
    const ok = await save({
      name: name(),
      amount: Number(amount()),
      currency: currency(),
      stage: 'qualification',
      expectedCloseDate: expected() || null,
      actualCloseDate: null,
      ownerId: null,
      companyId: null,
      contactIds: [props.contactId],
    });
    if (ok) {
      setName('');
      setAmount('');
    }
  }

  return (
    <div class="card" data-testid="deals-card">
      <h2>{t('crm.deals')}</h2>
      <Show when={(deals() ?? []).length > 0} fallback={<p class="muted">{t('crm.noDeals')}</p>}>
        <table class="table">
          <tbody>
            <For each={deals()}>
              {(d) => (
                <tr>
                  <td>{d.name}</td>
                  <td>
                    {new Intl.NumberFormat(undefined, { style: 'currency', currency: d.currency }).format(
                      d.amount,
                    )}
                  </td>
                  <td>
                    <select
                      aria-label={t('crm.stageOf', { deal: d.name })}
                      disabled={!props.canEdit}
                      value={d.stage}
                      onChange={(e) => {
                        const { id, createdAt: _c, updatedAt: _u, ...rest } = d;
                        void save(
                          { ...rest, stage: e.currentTarget.value as DealStage, actualCloseDate: null },
                          id,
                        );
                      }}
                    >
                      <For each={STAGES}>{(s) => <option value={s}>{stageName(s)}</option>}</For>
                    </select>
                  </td>
                  <td class="muted">
                    {d.actualCloseDate
                      ? t('crm.closed', { date: formatDate(d.actualCloseDate) })
                      : d.expectedCloseDate
                        ? t('crm.expected', { date: formatDate(d.expectedCloseDate) })
                        : ''}
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
      <Show when={props.canEdit}>
        <form class="row" onSubmit={(e) => void add(e)}>
          <input
            name="deal-name"
            required
            placeholder={t('crm.dealName')}
            value={name()}
            onInput={(e) => setName(e.currentTarget.value)}
          />
          <input
            name="deal-amount"
            type="number"
            min="0"
            step="0.01"
            required
            placeholder={t('crm.amount')}
            value={amount()}
            onInput={(e) => setAmount(e.currentTarget.value)}
          />
          <input
            name="deal-currency"
            maxLength={3}
            size={4}
            aria-label={t('crm.currency')}
            value={currency()}
            onInput={(e) => setCurrency(e.currentTarget.value.toUpperCase())}
          />
          <input
            name="deal-expected"
            type="date"
            aria-label={t('crm.expectedClose')}
            value={expected()}
            onInput={(e) => setExpected(e.currentTarget.value)}
          />
          <button class="button secondary" type="submit">
            {t('crm.addDeal')}
          </button>
        </form>
      </Show>
      <InlineError message={error()} />
    </div>
  );
}
