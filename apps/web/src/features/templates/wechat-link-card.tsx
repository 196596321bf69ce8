import { For, Show } from 'solid-js';
import { t } from '../../i18n/i18n.ts';

export interface LinkCard {
  url: string;
  title: string;
  description?: string;
  thumbnailUrl?: string;
}

const FIELDS = [
  ['url', 'templates.cardUrl'],
  ['title', 'templates.cardTitle'],
  ['description', 'templates.cardDescription'],
  ['thumbnailUrl', 'templates.cardThumbnail'],
] as const;

/** A WeChat link card after the text: how it will look, and its four fields. */
export function WechatLinkCard(props: {
  link: LinkCard | undefined;
  onChange: (link: LinkCard | undefined) => void;
}) {
  return (
    <div class="card stack" data-testid="wechat-link-card">
      <label class="checkbox">
        <input
          type="checkbox"
          checked={!!props.link}
          onChange={(e) =>
            props.onChange(e.currentTarget.checked ? { url: 'https://', title: '' } : undefined)
          }
        />
        {t('templates.addCard')}
      </label>
      <Show when={props.link}>
        {(link) => (
          <>
            <For each={FIELDS}>
              {([key, label]) => (
                <label class="field">
                  <span class="field-label">{t(label)}</span>
                  <input
                    value={link()[key] ?? ''}
                    onInput={(e) => {
                      const value = e.currentTarget.value;
                      // Link and title are required (the server says so); the others are dropped when empty.
                      props.onChange({
                        ...link(),
                        [key]: key === 'url' || key === 'title' ? value : value || undefined,
                      });
                    }}
                  />
                </label>
              )}
            </For>
            <div class="link-card-preview">
              <Show when={link().thumbnailUrl}>
                {(src) => <img src={src()} alt="" width="48" height="48" />}
              </Show>
              <div>
                <strong>{link().title || t('templates.cardTitle')}</strong>
                <p class="muted">{link().description}</p>
              </div>
            </div>
          </>
        )}
      </Show>
    </div>
  );
}
