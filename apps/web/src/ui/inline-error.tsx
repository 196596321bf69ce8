import { Show } from 'solid-js';

/** An error under a card's form, announced to screen readers; renders nothing when there is none. */
export function InlineError(props: { message: string | null }) {
  return (
    <Show when={props.message}>
      <p class="field-error" role="alert">
        {props.message}
      </p>
    </Show>
  );
}
