import { For } from 'solid-js';

/** A dropdown's choices that people named (segments, journeys, teams…): their words, never translated. */
export function NamedOptions(props: { items: readonly { id: string; name: string }[] | undefined }) {
  return (
    <For each={props.items ?? []}>
      {(item) => (
        <option value={item.id} translate="no">
          {item.name}
        </option>
      )}
    </For>
  );
}
