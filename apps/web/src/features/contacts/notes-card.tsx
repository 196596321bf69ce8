import { createResource, createSignal, For, Show } from 'solid-js';
import { formatDate, t } from '../../i18n/i18n.ts';
import { InlineError } from '../../ui/inline-error.tsx';
import { api, toProblem } from '../../lib/trpc.ts';
import { session } from '../auth/session.ts';
import { may } from '../auth/permissions.ts';

/** Notes colleagues left on the contact, newest first. */
export function NotesCard(props: { contactId: string; canEdit: boolean }) {
  const [notes, { refetch }] = createResource(
    () => props.contactId,
    (contactId) => api.crm.notes.query({ contactId }),
  );
  const [body, setBody] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);

  async function add(e: SubmitEvent) {
    e.preventDefault();
    setError(null);
    try {
      await api.crm.addNote.mutate({ contactId: props.contactId, body: body() });
      setBody('');
      await refetch();
    } catch (err) {
      setError(toProblem(err).message);
    }
  }
  async function remove(id: string) {
    await api.crm.deleteNote.mutate({ id });
    await refetch();
  }
  const mayDelete = (authorId: string | null) => authorId === session()?.user.id || may('notes.deleteAny');

  return (
    <div class="card" data-testid="notes-card">
      <h2>{t('crm.notes')}</h2>
      <Show when={props.canEdit}>
        <form class="stack" onSubmit={(e) => void add(e)}>
          <textarea
            name="note-body"
            rows="3"
            required
            placeholder={t('crm.notePlaceholder')}
            value={body()}
            onInput={(e) => setBody(e.currentTarget.value)}
          />
          <button class="button secondary" type="submit">
            {t('crm.addNote')}
          </button>
        </form>
      </Show>
      <InlineError message={error()} />
      <ul class="plain-list notes">
        <For each={notes()}>
          {(n) => (
            <li>
              <div class="note-body">{n.body}</div>
              <small class="muted">
                {n.authorName ?? t('crm.formerMember')} · {formatDate(n.createdAt)}
              </small>{' '}
              <Show when={mayDelete(n.authorId)}>
                <button type="button" class="button link" onClick={() => void remove(n.id)}>
                  {t('common.delete')}
                </button>
              </Show>
            </li>
          )}
        </For>
      </ul>
    </div>
  );
}
