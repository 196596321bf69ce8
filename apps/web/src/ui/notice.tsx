import type { JSX } from 'solid-js';

export function Notice(props: { kind: 'error' | 'success' | 'info'; children: JSX.Element }) {
  return (
    <div class={`notice notice-${props.kind}`} role={props.kind === 'error' ? 'alert' : 'status'}>
      {props.children}
    </div>
  );
}
