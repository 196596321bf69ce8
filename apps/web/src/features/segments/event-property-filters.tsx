import { createUniqueId, For } from 'solid-js';
import { t } from '../../i18n/i18n.ts';

export interface PropertyFilter {
  key: string;
  value: string | number | boolean;
}

// The names a filter may use (the server's rule); keys seen in events that break it are not suggested.
const FILTERABLE_KEY = /^[a-zA-Z][a-zA-Z0-9_]{0,63}$/;

/**
 * "…where plan = pro": property filters on an event condition, each key suggested from the properties this event
 * has been seen with. A value is compared as text, as the event stored it.
 */
export function EventPropertyFilters(props: {
  filters: PropertyFilter[];
  seenKeys: string[];
  onChange: (filters: PropertyFilter[]) => void;
}) {
  const listId = createUniqueId();
  const suggestions = () => props.seenKeys.filter((key) => FILTERABLE_KEY.test(key));
  const update = (index: number, patch: Partial<PropertyFilter>) =>
    props.onChange(props.filters.map((f, i) => (i === index ? { ...f, ...patch } : f)));
  return (
    <div class="property-filters" data-testid="event-property-filters">
      <datalist id={listId}>
        <For each={suggestions()}>{(key) => <option value={key} />}</For>
      </datalist>
      <For each={props.filters}>
        {(filter, i) => (
          <div class="inline" data-testid="event-property-filter">
            <span>{t('segments.where')}</span>
            <input
              name="event-property-key"
              list={listId}
              autocomplete="off"
              aria-label={t('segments.propertyKey')}
              placeholder={t('segments.propertyKey')}
              value={filter.key}
              onInput={(e) => update(i(), { key: e.currentTarget.value.trim() })}
            />
            <span aria-hidden="true">=</span>
            <input
              name="event-property-value"
              aria-label={t('segments.propertyValue')}
              placeholder={t('segments.propertyValue')}
              value={String(filter.value)}
              onInput={(e) => update(i(), { value: e.currentTarget.value })}
            />
            <button
              type="button"
              class="link"
              aria-label={t('segments.removePropertyFilter')}
              onClick={() => props.onChange(props.filters.filter((_, j) => j !== i()))}
            >
              ✕
            </button>
          </div>
        )}
      </For>
      <button
        type="button"
        class="button link"
        disabled={props.filters.length >= 10}
        data-testid="add-property-filter"
        onClick={() => props.onChange([...props.filters, { key: '', value: '' }])}
      >
        {t('segments.addPropertyFilter')}
      </button>
    </div>
  );
}
