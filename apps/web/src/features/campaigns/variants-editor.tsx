import { For, Show } from 'solid-js';
import { t } from '../../i18n/i18n.ts';
import { emptyVariant, VARIANT_KEYS, type CampaignForm, type VariantForm } from './campaign-form-model.ts';

type Templates = { id: string; name: string; latestVersion: number }[];

function TemplateSelect(props: {
  templates: Templates;
  value: string;
  onChange: (id: string) => void;
  testId: string;
}) {
  return (
    <select
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value)}
      data-testid={props.testId}
    >
      <option value="">{t('campaigns.chooseTemplate')}</option>
      <For each={props.templates}>
        {(tpl) => (
          <option value={tpl.id} disabled={!tpl.latestVersion}>
            {tpl.name} {tpl.latestVersion ? `(v${tpl.latestVersion})` : `(${t('templates.unpublished')})`}
          </option>
        )}
      </For>
    </select>
  );
}

/** The template, and with an A/B test the variants and what each changes, the test share, window and metric. */
export function VariantsEditor(props: {
  form: CampaignForm;
  templates: Templates;
  update: (patch: Partial<CampaignForm>) => void;
}) {
  const setVariant = (index: number, patch: Partial<VariantForm>) =>
    props.update({ variants: props.form.variants.map((v, i) => (i === index ? { ...v, ...patch } : v)) });
  const f = () => props.form;
  return (
    <div class="card stack" data-testid="variants-editor">
      <label class="field">
        <span class="field-label">{t('campaigns.template')}</span>
        <TemplateSelect
          templates={props.templates}
          value={f().variants[0]?.templateId ?? ''}
          onChange={(id) => setVariant(0, { templateId: id })}
          testId="campaign-template"
        />
      </label>
      <label class="checkbox">
        <input
          type="checkbox"
          checked={f().abEnabled}
          data-testid="ab-enabled"
          onChange={(e) => {
            const on = e.currentTarget.checked;
            props.update({
              abEnabled: on,
              variants:
                on && f().variants.length < 2
                  ? [...f().variants, emptyVariant('B', f().variants[0]?.templateId)]
                  : f().variants,
              metric: f().channel !== 'email' && f().metric === 'opens' ? 'clicks' : f().metric,
            });
          }}
        />
        {t('campaigns.abTest')}
      </label>
      <Show when={f().abEnabled}>
        <div class="row">
          <label class="field">
            <span class="field-label">{t('campaigns.testField')}</span>
            <select
              value={f().abField}
              data-testid="ab-field"
              onChange={(e) => props.update({ abField: e.currentTarget.value as CampaignForm['abField'] })}
            >
              <option value="subject">{t('campaigns.testField.subject')}</option>
              <option value="fromName">{t('campaigns.testField.fromName')}</option>
              <option value="content">{t('campaigns.testField.content')}</option>
              <option value="sendTime">{t('campaigns.testField.sendTime')}</option>
            </select>
          </label>
          <label class="field">
            <span class="field-label">{t('campaigns.testShare')}</span>
            <input
              type="number"
              min={2}
              max={50}
              value={f().testSharePercent}
              onInput={(e) => props.update({ testSharePercent: e.currentTarget.valueAsNumber || 20 })}
            />
          </label>
          <label class="field">
            <span class="field-label">{t('campaigns.window')}</span>
            <input
              type="number"
              min={0.1}
              step={0.5}
              value={f().windowHours}
              onInput={(e) => props.update({ windowHours: e.currentTarget.valueAsNumber || 4 })}
            />
          </label>
          <label class="field">
            <span class="field-label">{t('campaigns.metric')}</span>
            <select
              value={f().metric}
              onChange={(e) => props.update({ metric: e.currentTarget.value as CampaignForm['metric'] })}
            >
              <Show when={f().channel === 'email'}>
                <option value="opens">{t('campaigns.metric.opens')}</option>
              </Show>
              <option value="clicks">{t('campaigns.metric.clicks')}</option>
              <option value="conversions">{t('campaigns.metric.conversions')}</option>
            </select>
          </label>
          <Show when={f().metric === 'conversions'}>
            <label class="field">
              <span class="field-label">{t('campaigns.conversionEvent')}</span>
              <input
                value={f().conversionEvent}
                placeholder="purchase"
                onInput={(e) => props.update({ conversionEvent: e.currentTarget.value })}
              />
            </label>
          </Show>
        </div>
        <table class="table">
          <tbody>
            <For each={f().variants}>
              {(variant, i) => (
                <tr data-testid={`variant-${variant.key}`}>
                  <th>{variant.key}</th>
                  <td>
                    <Show when={f().abField === 'content'}>
                      <TemplateSelect
                        templates={props.templates}
                        value={variant.templateId}
                        onChange={(id) => setVariant(i(), { templateId: id })}
                        testId={`variant-template-${variant.key}`}
                      />
                    </Show>
                    <Show when={f().abField === 'subject'}>
                      <input
                        class="grow"
                        value={variant.subject}
                        placeholder={t('templates.subject')}
                        data-testid={`variant-subject-${variant.key}`}
                        onInput={(e) => setVariant(i(), { subject: e.currentTarget.value })}
                      />
                    </Show>
                    <Show when={f().abField === 'fromName'}>
                      <input
                        value={variant.fromName}
                        placeholder={t('templates.fromName')}
                        onInput={(e) => setVariant(i(), { fromName: e.currentTarget.value })}
                      />
                    </Show>
                    <Show when={f().abField === 'sendTime'}>
                      <label class="inline">
                        {t('campaigns.delayHours')}{' '}
                        <input
                          type="number"
                          min={0}
                          max={72}
                          value={variant.delayHours}
                          onInput={(e) => setVariant(i(), { delayHours: e.currentTarget.valueAsNumber || 0 })}
                        />
                      </label>
                    </Show>
                  </td>
                  <td>
                    <Show when={f().variants.length > 2}>
                      <button
                        type="button"
                        class="link"
                        onClick={() =>
                          props.update({
                            variants: f()
                              .variants.filter((_, j) => j !== i())
                              .map((v, j) => ({ ...v, key: VARIANT_KEYS[j]! })),
                          })
                        }
                      >
                        ✕
                      </button>
                    </Show>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
        <Show when={f().variants.length < VARIANT_KEYS.length}>
          <button
            type="button"
            class="button secondary small"
            onClick={() =>
              props.update({
                variants: [
                  ...f().variants,
                  emptyVariant(VARIANT_KEYS[f().variants.length]!, f().variants[0]?.templateId),
                ],
              })
            }
          >
            {t('campaigns.addVariant')}
          </button>
        </Show>
        <p class="hint">{t('campaigns.abHint', { share: f().testSharePercent, hours: f().windowHours })}</p>
      </Show>
    </div>
  );
}
