import { createResource, Show } from 'solid-js';
import { t } from '../../i18n/i18n.ts';
import { api } from '../../lib/trpc.ts';
import { smsLength } from '../contacts/sms-length.ts';
import { VariableMenu } from './variable-menu.tsx';

/** SMS and WeChat bodies: a text box with variables and, for SMS, the live segment counter and cost. */
export function TextTemplateEditor(props: {
  channel: 'sms' | 'wechat';
  text: string;
  onInput: (text: string) => void;
}) {
  let box: HTMLTextAreaElement = document.createElement('textarea');
  const [policy] = createResource(async () =>
    props.channel === 'sms' ? await api.channels.policy.query() : null,
  );
  const length = () => smsLength(props.text);
  const insert = (variable: string) => {
    const start = box.selectionStart;
    const next = props.text.slice(0, start) + variable + props.text.slice(box.selectionEnd);
    props.onInput(next);
    queueMicrotask(() => box.setSelectionRange(start + variable.length, start + variable.length));
  };
  return (
    <div class="stack card">
      <div class="row">
        <VariableMenu onInsert={insert} />
      </div>
      <textarea
        ref={(el) => (box = el)}
        rows={6}
        value={props.text}
        data-testid="template-text"
        aria-label={t('templates.text')}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
      <Show when={props.channel === 'sms'}>
        <p class="hint" data-testid="sms-counter">
          {t('templates.smsCounter', {
            units: length().units,
            encoding: length().encoding,
            segments: length().segments,
            cost: policy()
              ? `${(length().segments * policy()!.smsPricePerSegment).toFixed(4)} ${policy()!.smsCurrency}`
              : '—',
          })}
        </p>
        <p class="hint">{t('templates.smsOptOut')}</p>
      </Show>
    </div>
  );
}
