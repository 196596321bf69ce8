import type { JSX } from 'solid-js';
import { Show } from 'solid-js';

export function FormField(props: { label: string; error?: string | undefined; children: JSX.Element }) {
  return (
    <label class="field">
      <span class="field-label">{props.label}</span>
      {props.children}
      <Show when={props.error}>
        <span class="field-error" role="alert">
          {props.error}
        </span>
      </Show>
    </label>
  );
}
