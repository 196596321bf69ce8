import { createResource, createSignal, For, Show } from 'solid-js';
import { t } from '../../i18n/i18n.ts';
import { api } from '../../lib/trpc.ts';
import { personName } from '@switchboard/contacts/person-name';
import { CheckFindings, type Finding } from './check-findings.tsx';

export interface PreviewResult {
  rendered: {
    kind: string;
    subject?: string;
    html?: string;
    body?: string;
    text?: string;
    link?: { title: string; url: string };
  } | null;
  findings: Finding[];
  contact: { id: string; label: string } | null;
}

const WIDTHS = { desktop: 680, phone: 375 } as const;

/**
 * The template as one contact would get it, at desktop or phone width, in a sandboxed frame (no scripts, no same
 * origin), with the pre-send checks for that rendering.
 */
export function PreviewPane(props: {
  preview: PreviewResult | null;
  loading: boolean;
  contactId: string | null;
  onContact: (id: string | null) => void;
}) {
  const [width, setWidth] = createSignal<keyof typeof WIDTHS>('desktop');
  const [search, setSearch] = createSignal('');
  const [contacts] = createResource(search, (query) =>
    api.contacts.list
      .query({ search: query || undefined, limit: 20 })
      .then((page) => page.items)
      .catch(() => []),
  );
  return (
    <div class="stack preview-pane" data-testid="preview-pane">
      <div class="row">
        <label class="field grow">
          <span class="field-label">{t('templates.previewAs')}</span>
          <input
            list="preview-contacts"
            placeholder={props.preview?.contact?.label ?? t('templates.searchContact')}
            onInput={(e) => setSearch(e.currentTarget.value)}
            onChange={(e) => {
              const match = (contacts() ?? []).find((c) => (c.email ?? c.id) === e.currentTarget.value);
              if (match) props.onContact(match.id);
            }}
            data-testid="preview-contact"
          />
          <datalist id="preview-contacts">
            <For each={contacts() ?? []}>
              {(c) => <option value={c.email ?? c.id}>{personName(c) ?? ''}</option>}
            </For>
          </datalist>
        </label>
        <div class="tabs" role="tablist" aria-label={t('templates.width')}>
          <For each={Object.keys(WIDTHS) as (keyof typeof WIDTHS)[]}>
            {(w) => (
              <button
                type="button"
                role="tab"
                aria-selected={width() === w}
                classList={{ tab: true, active: width() === w }}
                data-testid={`preview-${w}`}
                onClick={() => setWidth(w)}
              >
                {t(`templates.${w}`)}
              </button>
            )}
          </For>
        </div>
      </div>
      <Show when={props.loading}>
        <p class="muted">{t('common.loading')}</p>
      </Show>
      <Show when={props.preview}>
        {(preview) => (
          <>
            <Show when={preview().rendered?.subject !== undefined}>
              <p>
                <strong>{t('templates.subject')}:</strong>{' '}
                <span data-testid="preview-subject">{preview().rendered?.subject}</span>
              </p>
            </Show>
            <Show
              when={preview().rendered?.html}
              fallback={
                <Show when={preview().rendered}>
                  {(r) => (
                    <pre class="sms-preview" data-testid="preview-text">
                      {r().body ?? r().text}
                      {r().link ? `\n🔗 ${r().link!.title} — ${r().link!.url}` : ''}
                    </pre>
                  )}
                </Show>
              }
            >
              {(html) => (
                <div class="preview-stage">
                  <iframe
                    title={t('templates.preview')}
                    sandbox=""
                    class="email-frame"
                    data-testid="preview-frame"
                    style={{ width: `${WIDTHS[width()]}px` }}
                    srcdoc={html()}
                  />
                </div>
              )}
            </Show>
            <CheckFindings findings={preview().findings} />
          </>
        )}
      </Show>
    </div>
  );
}
