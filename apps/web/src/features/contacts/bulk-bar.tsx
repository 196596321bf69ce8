import { createSignal, Show } from 'solid-js';
import { t } from '../../i18n/i18n.ts';
import { api, toProblem, problemText } from '../../lib/trpc.ts';
import { may } from '../auth/permissions.ts';

// The server's rules for contacts.bulk: a filter reaching the whole audience (contacts.bulkEdit) and static lists
// (segments.write) are marketing decisions, not an agent's.
export const mayBulkEditByFilter = () => may('contacts.bulkEdit');
const mayManageLists = () => may('segments.write');

export type BulkTarget =
  | { ids: string[] }
  | {
      filter: {
        search?: string;
        lifecycleStage?: 'subscriber' | 'lead' | 'mql' | 'sql' | 'opportunity' | 'customer';
        tag?: string;
      };
    };

/** What to do with the picked contacts (or every contact matching the filters): tag, untag, add to a list. */
export function BulkBar(props: {
  target: BulkTarget;
  count: number;
  total: number;
  canSelectAll: boolean;
  onSelectAll: () => void;
  onClear: () => void;
  /** Called with the outcome message; the page keeps showing it after the selection resets. */
  onDone: (message: string) => void;
}) {
  const [tag, setTag] = createSignal('');
  const [listName, setListName] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);

  async function run(
    action: { kind: 'tag' | 'untag'; tag: string } | { kind: 'addToList'; listName: string },
  ) {
    setError(null);
    try {
      const { affected } = await api.contacts.bulk.mutate({ target: props.target, action });
      props.onDone(t('bulk.done', { count: affected.toLocaleString() }));
    } catch (error) {
      const problem = toProblem(error);
      setError(problemText(problem));
    }
  }

  return (
    <div class="card bulk-bar row" data-testid="bulk-bar">
      <strong>{t('bulk.selected', { count: props.count.toLocaleString() })}</strong>
      <Show when={props.canSelectAll}>
        <button type="button" class="button link" onClick={() => props.onSelectAll()}>
          {t('bulk.selectAll', { count: props.total.toLocaleString() })}
        </button>
      </Show>
      <input
        name="bulk-tag"
        placeholder={t('contacts.tag')}
        value={tag()}
        onInput={(e) => setTag(e.currentTarget.value)}
      />
      <button
        type="button"
        class="button secondary"
        disabled={!tag().trim()}
        onClick={() => void run({ kind: 'tag', tag: tag() })}
      >
        {t('bulk.addTag')}
      </button>
      <button
        type="button"
        class="button link"
        disabled={!tag().trim()}
        onClick={() => void run({ kind: 'untag', tag: tag() })}
      >
        {t('bulk.removeTag')}
      </button>
      <Show when={mayManageLists()}>
        <input
          name="bulk-list"
          placeholder={t('bulk.listName')}
          value={listName()}
          onInput={(e) => setListName(e.currentTarget.value)}
        />
        <button
          type="button"
          class="button secondary"
          disabled={!listName().trim()}
          onClick={() => void run({ kind: 'addToList', listName: listName() })}
        >
          {t('bulk.addToList')}
        </button>
      </Show>
      <button type="button" class="button link" onClick={() => props.onClear()}>
        {t('bulk.clear')}
      </button>
      <Show when={error()}>
        <span class="field-error" role="alert">
          {error()}
        </span>
      </Show>
    </div>
  );
}
