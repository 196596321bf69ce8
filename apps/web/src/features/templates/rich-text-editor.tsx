import { createEffect, onMount } from 'solid-js';
import { t } from '../../i18n/i18n.ts';
import { VariableMenu } from './variable-menu.tsx';
import { sanitizeRichText } from './sanitize-rich-text.ts';

/**
 * Rich text for a text block: bold, italic, links, lists, variables. The browser's editing commands do the work;
 * what is shown and what is handed on is sanitised with the same allow-list the server applies when it saves.
 */
export function RichTextEditor(props: { html: string; onInput: (html: string) => void }) {
  let area: HTMLDivElement = document.createElement('div');
  const emit = () => props.onInput(sanitizeRichText(area.innerHTML));
  onMount(() => (area.innerHTML = sanitizeRichText(props.html)));
  // Undo/redo and block switches change the html from outside: show it unless the user is typing here.
  createEffect(() => {
    const html = sanitizeRichText(props.html);
    if (document.activeElement !== area && area.innerHTML !== html) area.innerHTML = html;
  });
  const command = (name: string, value?: string) => {
    area.focus();
    document.execCommand(name, false, value);
    emit();
  };
  return (
    <div class="rich-text">
      <div class="rich-text-tools" role="toolbar" aria-label={t('templates.formatting')}>
        <button
          type="button"
          class="button secondary small"
          onClick={() => command('bold')}
          aria-label={t('templates.bold')}
        >
          <b>B</b>
        </button>
        <button
          type="button"
          class="button secondary small"
          onClick={() => command('italic')}
          aria-label={t('templates.italic')}
        >
          <i>I</i>
        </button>
        <button
          type="button"
          class="button secondary small"
          onClick={() => {
            const url = prompt(t('templates.linkPrompt'), 'https://');
            if (url) command('createLink', url);
          }}
        >
          {t('templates.link')}
        </button>
        <button type="button" class="button secondary small" onClick={() => command('insertUnorderedList')}>
          {t('templates.list')}
        </button>
        <VariableMenu onInsert={(variable) => command('insertText', variable)} />
      </div>
      <div
        ref={(el) => (area = el)}
        class="rich-text-area"
        contentEditable={true}
        role="textbox"
        aria-multiline="true"
        aria-label={t('templates.text')}
        data-testid="rich-text"
        onInput={emit}
      />
    </div>
  );
}
