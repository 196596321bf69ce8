import { Index, Show } from 'solid-js';
import { t } from '../../i18n/i18n.ts';
import { ConditionEditor, type BuilderData } from './condition-editor.tsx';
import { newCondition, type SegmentRules } from './rule-model.ts';

type Item = SegmentRules['conditions'][number];

/** An AND/OR group of rule rows and (one level down) nested groups. */
export function GroupEditor(props: {
  group: SegmentRules;
  data: BuilderData;
  onChange: (next: SegmentRules) => void;
  depth?: number;
  onRemove?: () => void;
}) {
  const replaceAt = (index: number, next: Item | null) => {
    const conditions = [...props.group.conditions];
    if (next === null) conditions.splice(index, 1);
    else conditions[index] = next;
    props.onChange({ ...props.group, conditions });
  };
  const add = (item: Item) =>
    props.onChange({ ...props.group, conditions: [...props.group.conditions, item] });
  return (
    <div class="rule-group" classList={{ nested: (props.depth ?? 0) > 0 }}>
      <div class="row">
        <span>{t('segments.match')}</span>
        <select
          name="group-match"
          value={props.group.match}
          onChange={(e) => props.onChange({ ...props.group, match: e.currentTarget.value as 'all' | 'any' })}
        >
          <option value="all">{t('segments.matchAll')}</option>
          <option value="any">{t('segments.matchAny')}</option>
        </select>
        <Show when={props.onRemove}>
          <button type="button" class="button link" onClick={() => props.onRemove?.()}>
            {t('segments.remove')}
          </button>
        </Show>
      </div>
      <Index each={props.group.conditions}>
        {(item, index) => (
          <Show
            when={item().kind === 'group' ? (item() as SegmentRules) : undefined}
            fallback={
              <ConditionEditor
                condition={item()}
                data={props.data}
                onChange={(next) => replaceAt(index, next)}
                onRemove={() => replaceAt(index, null)}
              />
            }
          >
            {(group) => (
              <GroupEditor
                group={group()}
                data={props.data}
                depth={(props.depth ?? 0) + 1}
                onChange={(next) => replaceAt(index, next)}
                onRemove={() => replaceAt(index, null)}
              />
            )}
          </Show>
        )}
      </Index>
      <div class="row">
        <button type="button" class="button secondary" onClick={() => add(newCondition('tag'))}>
          {t('segments.addCondition')}
        </button>
        <Show when={(props.depth ?? 0) < 2}>
          <button
            type="button"
            class="button secondary"
            onClick={() => add({ kind: 'group', match: 'any', conditions: [newCondition('tag')] })}
          >
            {t('segments.addGroup')}
          </button>
        </Show>
      </div>
    </div>
  );
}
