import { For, Show } from 'solid-js';
import {
  FIELD_TARGETS,
  MAPPING_ATTRIBUTE_TYPES,
  attributeKeyFor,
  type ColumnTarget,
  type FieldTarget,
} from '@switchboard/imports/browser';
import { t } from '../../i18n/i18n.ts';
import type { MessageKey } from '../../i18n/en.ts';

export const fieldLabel = (field: FieldTarget) => t(`imports.field.${field}` as MessageKey);

/**
 * One row per CSV column: its name, sample values, and where it goes. Custom attributes that already exist keep
 * their type; new ones get the type chosen here.
 */
export function MappingTable(props: {
  header: string[];
  samples: string[][];
  mapping: ColumnTarget[];
  existingTypes: ReadonlyMap<string, string>;
  errors: Record<string, string>;
  onChange: (index: number, target: ColumnTarget) => void;
}) {
  const choose = (index: number, value: string) => {
    if (value === 'ignore') props.onChange(index, { kind: 'ignore' });
    else if (value === 'attribute')
      props.onChange(index, {
        kind: 'attribute',
        key: attributeKeyFor(props.header[index] ?? '') ?? 'field',
      });
    else props.onChange(index, { kind: 'field', field: value as FieldTarget });
  };
  return (
    <table class="table mapping-table" data-testid="mapping-table">
      <thead>
        <tr>
          <th>{t('imports.column')}</th>
          <th>{t('imports.samples')}</th>
          <th>{t('imports.target')}</th>
        </tr>
      </thead>
      <tbody>
        <For each={props.header}>
          {(name, i) => {
            const target = () => props.mapping[i()] ?? { kind: 'ignore' as const };
            const selectValue = () => {
              const current = target();
              return current.kind === 'field' ? current.field : current.kind;
            };
            return (
              <tr>
                <td>
                  <strong>{name}</strong>
                  <Show when={props.errors[`mapping.${name}`]}>
                    <div class="field-error" role="alert">
                      {props.errors[`mapping.${name}`]}
                    </div>
                  </Show>
                </td>
                <td class="muted samples">
                  {props.samples
                    .map((r) => r[i()] ?? '')
                    .filter(Boolean)
                    .slice(0, 3)
                    .join(' · ')}
                </td>
                <td>
                  <div class="row">
                    <select
                      aria-label={t('imports.targetFor', { column: name })}
                      value={selectValue()}
                      onChange={(e) => choose(i(), e.currentTarget.value)}
                    >
                      <option value="ignore">{t('imports.ignore')}</option>
                      <For each={FIELD_TARGETS}>{(f) => <option value={f}>{fieldLabel(f)}</option>}</For>
                      <option value="attribute">{t('imports.customAttribute')}</option>
                    </select>
                    <Show when={target().kind === 'attribute' ? (target() as { key: string }) : null}>
                      {(attribute) => {
                        const existing = () => props.existingTypes.get(attribute().key);
                        return (
                          <>
                            <input
                              aria-label={t('imports.attributeNameFor', { column: name })}
                              value={attribute().key}
                              onChange={(e) =>
                                props.onChange(i(), { kind: 'attribute', key: e.currentTarget.value.trim() })
                              }
                            />
                            <Show when={!existing()} fallback={<span class="badge">{existing()}</span>}>
                              <select
                                aria-label={t('imports.attributeTypeFor', { column: name })}
                                value={(target() as { type?: string }).type ?? 'text'}
                                onChange={(e) =>
                                  props.onChange(i(), {
                                    kind: 'attribute',
                                    key: attribute().key,
                                    type: e.currentTarget.value as (typeof MAPPING_ATTRIBUTE_TYPES)[number],
                                  })
                                }
                              >
                                <For each={MAPPING_ATTRIBUTE_TYPES}>
                                  {(type) => <option value={type}>{type}</option>}
                                </For>
                              </select>
                            </Show>
                          </>
                        );
                      }}
                    </Show>
                  </div>
                </td>
              </tr>
            );
          }}
        </For>
      </tbody>
    </table>
  );
}
