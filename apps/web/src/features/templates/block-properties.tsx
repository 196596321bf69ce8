import { For, Match, Show, Switch, type JSX } from 'solid-js';
import { t } from '../../i18n/i18n.ts';
import type { ContentBlock, Section } from './block-model.ts';
import { RichTextEditor } from './rich-text-editor.tsx';

const NETWORKS = ['facebook', 'twitter', 'x', 'linkedin', 'instagram', 'youtube', 'github', 'web'] as const;
type Patch = (patch: Partial<ContentBlock>, coalesce?: string) => void;

function Field(props: { label: string; children: JSX.Element }) {
  return (
    <label class="field">
      <span class="field-label">{props.label}</span>
      {props.children}
    </label>
  );
}

function TextInput(props: {
  label: string;
  value: string | undefined;
  onInput: (value: string) => void;
  testId?: string;
}) {
  return (
    <Field label={props.label}>
      <input
        value={props.value ?? ''}
        data-testid={props.testId}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
    </Field>
  );
}

function NumberInput(props: {
  label: string;
  value: number | undefined;
  min: number;
  max: number;
  onInput: (value: number | undefined) => void;
}) {
  return (
    <Field label={props.label}>
      <input
        type="number"
        min={props.min}
        max={props.max}
        value={props.value ?? ''}
        onInput={(e) => {
          const value = e.currentTarget.valueAsNumber;
          props.onInput(
            Number.isFinite(value) ? Math.max(props.min, Math.min(props.max, Math.round(value))) : undefined,
          );
        }}
      />
    </Field>
  );
}

function ColourInput(props: { label: string; value: string | undefined; onInput: (value: string) => void }) {
  return (
    <Field label={props.label}>
      <input
        type="color"
        value={props.value ?? '#000000'}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
    </Field>
  );
}

function AlignInput(props: {
  value: 'left' | 'center' | 'right' | undefined;
  onInput: (value: 'left' | 'center' | 'right') => void;
}) {
  return (
    <Field label={t('templates.align')}>
      <select
        value={props.value ?? 'center'}
        onChange={(e) => props.onInput(e.currentTarget.value as 'left' | 'center' | 'right')}
      >
        <option value="left">{t('templates.alignLeft')}</option>
        <option value="center">{t('templates.alignCenter')}</option>
        <option value="right">{t('templates.alignRight')}</option>
      </select>
    </Field>
  );
}

/** The side panel: the selected block's properties, each change one undoable step (typing coalesces). */
export function BlockProperties(props: { block: ContentBlock; onPatch: Patch; onRemove: () => void }) {
  const key = (field: string) => `${props.block.id}:${field}`;
  return (
    <div class="stack properties" data-testid="block-properties">
      <h3>{t(`templates.block.${props.block.type}`)}</h3>
      <Switch>
        <Match when={props.block.type === 'text' && props.block}>
          {(b) => <RichTextEditor html={b().html} onInput={(html) => props.onPatch({ html }, key('html'))} />}
        </Match>
        <Match when={props.block.type === 'image' && props.block}>
          {(b) => (
            <>
              <TextInput
                label={t('templates.imageUrl')}
                value={b().src}
                onInput={(src) => props.onPatch({ src }, key('src'))}
              />
              <TextInput
                label={t('templates.altText')}
                value={b().alt}
                onInput={(alt) => props.onPatch({ alt }, key('alt'))}
              />
              <TextInput
                label={t('templates.linkUrl')}
                value={b().href}
                onInput={(href) => props.onPatch({ href: href || undefined }, key('href'))}
              />
              <NumberInput
                label={t('templates.width')}
                value={b().width}
                min={20}
                max={1200}
                onInput={(width) => props.onPatch({ width })}
              />
              <AlignInput value={b().align} onInput={(align) => props.onPatch({ align })} />
            </>
          )}
        </Match>
        <Match when={props.block.type === 'button' && props.block}>
          {(b) => (
            <>
              <TextInput
                label={t('templates.buttonText')}
                value={b().text}
                testId="button-text"
                onInput={(text) => props.onPatch({ text }, key('text'))}
              />
              <TextInput
                label={t('templates.linkUrl')}
                value={b().href}
                onInput={(href) => props.onPatch({ href }, key('href'))}
              />
              <ColourInput
                label={t('templates.background')}
                value={b().backgroundColor}
                onInput={(backgroundColor) => props.onPatch({ backgroundColor }, key('bg'))}
              />
              <ColourInput
                label={t('templates.textColour')}
                value={b().color}
                onInput={(color) => props.onPatch({ color }, key('color'))}
              />
              <AlignInput value={b().align} onInput={(align) => props.onPatch({ align })} />
            </>
          )}
        </Match>
        <Match when={props.block.type === 'divider' && props.block}>
          {(b) => (
            <>
              <ColourInput
                label={t('templates.colour')}
                value={b().color}
                onInput={(color) => props.onPatch({ color }, key('color'))}
              />
              <NumberInput
                label={t('templates.thickness')}
                value={b().thickness}
                min={1}
                max={10}
                onInput={(thickness) => props.onPatch({ thickness })}
              />
            </>
          )}
        </Match>
        <Match when={props.block.type === 'spacer' && props.block}>
          {(b) => (
            <NumberInput
              label={t('templates.height')}
              value={b().height}
              min={4}
              max={200}
              onInput={(height) => height && props.onPatch({ height })}
            />
          )}
        </Match>
        <Match when={props.block.type === 'social' && props.block}>
          {(b) => (
            <>
              <For each={b().links}>
                {(link, i) => (
                  <div class="row">
                    <select
                      value={link.network}
                      onChange={(e) => {
                        const links = [...b().links];
                        links[i()] = { ...link, network: e.currentTarget.value as (typeof NETWORKS)[number] };
                        props.onPatch({ links });
                      }}
                    >
                      <For each={NETWORKS}>{(n) => <option value={n}>{n}</option>}</For>
                    </select>
                    <input
                      value={link.href}
                      aria-label={t('templates.linkUrl')}
                      onInput={(e) => {
                        const links = [...b().links];
                        links[i()] = { ...link, href: e.currentTarget.value };
                        props.onPatch({ links }, key(`social${i()}`));
                      }}
                    />
                    <button
                      type="button"
                      class="link"
                      onClick={() => props.onPatch({ links: b().links.filter((_, j) => j !== i()) })}
                    >
                      ✕
                    </button>
                  </div>
                )}
              </For>
              <Show when={b().links.length < 10}>
                <button
                  type="button"
                  class="button secondary small"
                  onClick={() =>
                    props.onPatch({ links: [...b().links, { network: 'web', href: 'https://' }] })
                  }
                >
                  {t('templates.addLink')}
                </button>
              </Show>
            </>
          )}
        </Match>
      </Switch>
      <button type="button" class="button danger small" onClick={() => props.onRemove()}>
        {t('templates.removeBlock')}
      </button>
    </div>
  );
}

/** A section's settings, and saving it as a block every template of the workspace can reuse. */
export function SectionProperties(props: {
  section: Section;
  onPatch: (patch: Partial<Section>, coalesce?: string) => void;
  onSaveAsBlock: (name: string) => void;
}) {
  return (
    <div class="stack properties" data-testid="section-properties">
      <h3>{t('templates.section')}</h3>
      <ColourInput
        label={t('templates.background')}
        value={props.section.backgroundColor ?? '#ffffff'}
        onInput={(backgroundColor) => props.onPatch({ backgroundColor }, `${props.section.id}:bg`)}
      />
      <NumberInput
        label={t('templates.padding')}
        value={props.section.padding}
        min={0}
        max={100}
        onInput={(padding) => props.onPatch({ padding })}
      />
      <button
        type="button"
        class="button secondary small"
        onClick={() => {
          const name = prompt(t('templates.savedBlockName'));
          if (name?.trim()) props.onSaveAsBlock(name.trim());
        }}
      >
        {t('templates.saveAsBlock')}
      </button>
    </div>
  );
}
