import { createMemo, createSignal, For, Show } from 'solid-js';
import { t } from '../../i18n/i18n.ts';
import { api, problemText, toProblem } from '../../lib/trpc.ts';
import type { CannedResponse, ConversationSummary } from './inbox-types.ts';
import { smsLength } from '../contacts/sms-length.ts';
import { IMAGE_TYPES, uploadImage, type UploadedImage } from './upload-attachment.ts';

/**
 * Reply or internal note. "/" at the start opens the canned responses (filled in for this contact); on SMS the
 * segment counter shows what the text costs; when the contact cannot receive the channel the notice says why and
 * sending is off. Ctrl/⌘+Enter sends.
 */
export function ReplyComposer(props: {
  conversation: ConversationSummary;
  blocked: string | null;
  canned: CannedResponse[];
  onSent(): void;
}) {
  const [mode, setMode] = createSignal<'reply' | 'note'>('reply');
  const [text, setText] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [picked, setPicked] = createSignal(0);
  const [images, setImages] = createSignal<UploadedImage[]>([]);
  const [uploading, setUploading] = createSignal(false);
  let clientId = crypto.randomUUID();
  let lastTyping = 0;
  let area: HTMLTextAreaElement | undefined;

  const cannedQuery = createMemo(() => {
    const match = /^\/([\p{L}\p{N}_-]*)$/u.exec(text());
    return match ? match[1]!.toLowerCase() : null;
  });
  const cannedMatches = createMemo(() => {
    const query = cannedQuery();
    return query === null ? [] : props.canned.filter((c) => c.shortcut.includes(query)).slice(0, 8);
  });
  const sms = createMemo(() => (props.conversation.channel === 'sms' ? smsLength(text()) : null));
  const replyOff = () => mode() === 'reply' && props.blocked !== null;

  async function useCanned(canned: CannedResponse) {
    try {
      const filled = await api.inbox.renderCanned.mutate({
        conversationId: props.conversation.id,
        cannedId: canned.id,
      });
      setText(filled.text);
      area?.focus();
    } catch (e) {
      setError(problemText(toProblem(e)));
    }
  }

  function typed(value: string) {
    setText(value);
    setPicked(0);
    if (mode() === 'reply' && Date.now() - lastTyping > 3000 && value.trim()) {
      lastTyping = Date.now();
      void api.inbox.typing.mutate({ conversationId: props.conversation.id }).catch(() => undefined);
    }
  }

  async function attach(files: FileList | null) {
    setError(null);
    setUploading(true);
    try {
      for (const file of [...(files ?? [])].slice(0, 4 - images().length))
        setImages([...images(), await uploadImage(file)]);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setUploading(false);
    }
  }
  const sendable = () =>
    !busy() &&
    !uploading() &&
    !replyOff() &&
    (!!text().trim() || (mode() === 'reply' && images().length > 0));

  async function send() {
    if (!sendable()) return;
    setBusy(true);
    setError(null);
    try {
      if (mode() === 'reply')
        await api.inbox.reply.mutate({
          conversationId: props.conversation.id,
          text: text(),
          attachmentIds: images().map((i) => i.id),
          clientId,
        });
      else await api.inbox.note.mutate({ conversationId: props.conversation.id, body: text() });
      setText('');
      setImages([]);
      clientId = crypto.randomUUID();
      props.onSent();
    } catch (e) {
      // Same clientId on a retry: a reply that did reach the server is not sent twice.
      setError(problemText(toProblem(e)));
    } finally {
      setBusy(false);
    }
  }

  function onKeyDown(e: KeyboardEvent) {
    const matches = cannedMatches();
    if (matches.length > 0 && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault();
      setPicked((picked() + (e.key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length);
      return;
    }
    if (matches.length > 0 && (e.key === 'Enter' || e.key === 'Tab') && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      void useCanned(matches[picked()]!);
      return;
    }
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void send();
    }
  }

  return (
    <form
      class="inbox-composer"
      classList={{ note: mode() === 'note' }}
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <div class="composer-modes" role="tablist">
        <button
          type="button"
          role="tab"
          aria-selected={mode() === 'reply'}
          classList={{ active: mode() === 'reply' }}
          onClick={() => setMode('reply')}
        >
          {t('inbox.reply')}
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={mode() === 'note'}
          classList={{ active: mode() === 'note' }}
          data-testid="composer-note"
          onClick={() => setMode('note')}
        >
          {t('inbox.note')}
        </button>
      </div>
      <Show when={replyOff()}>
        <p class="notice notice-error" role="alert" data-testid="reply-blocked">
          {props.blocked}
        </p>
      </Show>
      <Show when={cannedMatches().length > 0}>
        <ul class="canned-picker" role="listbox" aria-label={t('inbox.canned')} data-testid="canned-picker">
          <For each={cannedMatches()}>
            {(c, i) => (
              <li
                role="option"
                aria-selected={i() === picked()}
                classList={{ active: i() === picked() }}
                onMouseDown={(e) => {
                  e.preventDefault();
                  void useCanned(c);
                }}
              >
                <strong>/{c.shortcut}</strong> <span class="muted">{c.body.slice(0, 80)}</span>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <textarea
        ref={(el) => (area = el)}
        rows={3}
        value={text()}
        dir="auto"
        disabled={replyOff()}
        placeholder={mode() === 'reply' ? t('inbox.replyPlaceholder') : t('inbox.notePlaceholder')}
        aria-label={mode() === 'reply' ? t('inbox.reply') : t('inbox.note')}
        data-testid="composer-text"
        onInput={(e) => typed(e.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
      <Show when={images().length > 0}>
        <ul class="composer-images" data-testid="composer-images">
          <For each={images()}>
            {(image) => (
              <li>
                <img src={image.url} alt={image.filename} />
                <button
                  type="button"
                  class="button link"
                  aria-label={t('inbox.removeImage', { name: image.filename })}
                  onClick={() => setImages(images().filter((i) => i.id !== image.id))}
                >
                  ×
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <div class="composer-footer">
        <Show when={mode() === 'reply'}>
          <label
            class="button link composer-attach"
            classList={{ disabled: replyOff() || images().length >= 4 }}
          >
            {uploading() ? t('inbox.uploading') : t('inbox.attachImage')}
            <input
              type="file"
              accept={IMAGE_TYPES}
              multiple
              hidden
              data-testid="composer-attach"
              disabled={replyOff() || images().length >= 4}
              onChange={(e) => {
                void attach(e.currentTarget.files);
                e.currentTarget.value = '';
              }}
            />
          </label>
        </Show>
        <Show when={mode() === 'reply' && text() ? sms() : null}>
          {(size) => (
            <span class="muted" data-testid="sms-counter">
              {t('inbox.smsCounter', {
                units: size().units,
                segments: size().segments,
                encoding: size().encoding,
              })}
            </span>
          )}
        </Show>
        <Show when={error()}>
          <span class="inline-error" role="alert">
            {error()}
          </span>
        </Show>
        <button type="submit" class="button" disabled={!sendable()} data-testid="composer-send">
          {mode() === 'reply' ? t('inbox.send') : t('inbox.addNote')}
        </button>
      </div>
    </form>
  );
}
